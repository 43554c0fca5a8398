package io.socketee.jakarta;

import io.socketee.socketio.internal.PackagedFile;
import io.socketee.engineio.servlet.AsyncWrite;
import io.socketee.engineio.servlet.RequestBodies;
import io.socketee.engineio.servlet.ServletRegistrations;
import io.socketee.socketio.ClientBundle;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;

/**
 * Serves the {@link ClientBundle} at {@code <path>/socket.io.js} and the other file names of the Node server (its
 * {@code serveClient} option): 304 for a current {@code If-None-Match}, gzip when the client accepts it. Mapped to the
 * exact file paths, which the Servlet specification matches before the Engine.IO servlet's {@code <path>/*}, so every
 * other request under the path still reaches Engine.IO. Writes with non-blocking I/O. A GET that declares a body is
 * refused (400) and its connection closed, unread ({@link RequestBodies}).
 */
public final class ClientBundleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ClientBundleServlet.class.getName());

    private final transient ClientBundle bundle;

    private ClientBundleServlet(ClientBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * Registers the bundle's files under {@code path} (for example {@code /socket.io}) in a context that is starting.
     * Logs a warning and registers nothing when the jar was built without the bundle.
     */
    public static Optional<ServletRegistration.Dynamic> register(ServletContext context, String path) {
        Optional<ClientBundle> bundle = ClientBundle.packaged();
        if (bundle.isEmpty()) {
            LOG.log(Level.WARNING, "socket.io: this jar has no client bundle (built with -DskipClientBundle); "
                    + path + "/socket.io.js is not served");
            return Optional.empty();
        }
        String base = ServletRegistrations.basePath(path);
        ServletRegistration.Dynamic registration = ServletRegistrations.add(context, "socketee-client-bundle" + base,
                new ClientBundleServlet(bundle.get()));
        registration.setAsyncSupported(true);
        ServletRegistrations.map(context, registration,
                ClientBundle.FILE_NAMES.stream().map(name -> base + "/" + name).toArray(String[]::new));
        return Optional.of(registration);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (RequestBodies.declared(request)) {
            // Not read, nor left for Tomcat to read on this thread for as long as the client takes to send it.
            RequestBodies.refuseUnread(request, response, HttpServletResponse.SC_BAD_REQUEST, "text/plain",
                    new byte[0]);
            return;
        }
        String uri = request.getRequestURI();
        Optional<PackagedFile> file = bundle.file(uri.substring(uri.lastIndexOf('/') + 1));
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (bundle.notModified(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        boolean gzip = acceptsGzip(request.getHeader("Accept-Encoding"));
        byte[] body = gzip ? file.get().gzipped() : file.get().bytes();
        response.setHeader("Cache-Control", ClientBundle.CACHE_CONTROL);
        response.setHeader("ETag", bundle.etag());
        response.setHeader("Vary", "Accept-Encoding");
        response.setContentType(file.get().contentType());
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        if (request.getMethod().equals("HEAD")) {
            return;
        }
        AsyncWrite.bodyThenComplete(request.startAsync(), response.getOutputStream(), body);
    }

    /** Whether {@code Accept-Encoding} lists gzip (or {@code *}) without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] params = part.split(";");
            String coding = params[0].strip();
            if (!coding.equals("gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < params.length; i++) {
                String param = params[i].strip();
                if (param.startsWith("q=") && param.substring(2).strip().matches("0(\\.0{0,3})?")) {
                    refused = true;
                }
            }
            return !refused;
        }
        return false;
    }
}
