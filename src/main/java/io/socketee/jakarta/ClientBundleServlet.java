package io.socketee.jakarta;

import io.socketee.socketio.internal.PackagedFile;
import io.socketee.engineio.servlet.ServletRegistrations;
import io.socketee.socketio.ClientBundle;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Serves the {@link ClientBundle} at {@code <path>/socket.io.js} and the other file names of the Node server (its
 * {@code serveClient} option): 304 for a current {@code If-None-Match}, gzip when the client accepts it. Mapped to the
 * exact file paths, which the Servlet specification matches before the Engine.IO servlet's {@code <path>/*}, so every
 * other request under the path still reaches Engine.IO. Writes with non-blocking I/O. A GET that declares a body is
 * refused (400) and its connection closed, unread ({@link PackagedFileResponse#refusedForItsBody}).
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
        if (PackagedFileResponse.refusedForItsBody(request, response)) {
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
        response.setHeader("Cache-Control", ClientBundle.CACHE_CONTROL);
        response.setHeader("ETag", bundle.etag());
        PackagedFileResponse.write(request, response, file.get());
    }
}
