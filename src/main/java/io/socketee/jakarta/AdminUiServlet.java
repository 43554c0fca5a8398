package io.socketee.jakarta;

import io.socketee.socketio.internal.PackagedFile;
import io.socketee.engineio.servlet.ServletRegistrations;
import io.socketee.socketio.admin.AdminUiFiles;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Serves the Socket.IO Admin UI's dashboard ({@link AdminUiFiles}) at {@code <path>/} of a web application, set up
 * to connect to the application's own Socket.IO server: {@code <path>} redirects to {@code <path>/}, which is the
 * page; the page's scripts, styles and icon font are under it. 304 for a current {@code If-None-Match}, gzip when the
 * client accepts it, non-blocking writes; a GET that declares a body is refused (400) unread ({@link PackagedFileResponse#refusedForItsBody}).
 * The page is built once, at registration.
 */
public final class AdminUiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(AdminUiServlet.class.getName());

    private final transient AdminUiFiles files;
    private final transient PackagedFile index;

    private AdminUiServlet(AdminUiFiles files, PackagedFile index) {
        this.files = files;
        this.index = index;
    }

    /**
     * Registers the dashboard at {@code path} (for example {@code /socket.io-admin}) in a context that is starting.
     *
     * @param socketIoPath the Socket.IO server's path in the context ({@code socketio.path}, e.g. {@code /socket.io})
     * @param namespace    the admin namespace
     * @return the registration; empty (and a warning logged) when the jar was built without the dashboard
     */
    public static Optional<ServletRegistration.Dynamic> register(ServletContext context, String path,
                                                                 String socketIoPath, String namespace) {
        Optional<AdminUiFiles> files = AdminUiFiles.packaged();
        if (files.isEmpty()) {
            LOG.log(Level.WARNING, "socket.io admin UI: this jar has no dashboard (built with -DskipClientBundle); "
                    + path + "/ is not served");
            return Optional.empty();
        }
        String base = ServletRegistrations.basePath(path);
        String clientPath = context.getContextPath() + ServletRegistrations.basePath(socketIoPath);
        ServletRegistration.Dynamic registration = ServletRegistrations.add(context, "socketee-admin-ui" + base,
                new AdminUiServlet(files.get(), files.get().index(clientPath, namespace)));
        registration.setAsyncSupported(true);
        ServletRegistrations.map(context, registration, base + "/*");
        LOG.log(Level.INFO, "socket.io admin UI: dashboard at " + context.getContextPath() + base + "/");
        return Optional.of(registration);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (PackagedFileResponse.refusedForItsBody(request, response)) {
            return;
        }
        String name = request.getPathInfo();
        if (name == null) {
            String query = request.getQueryString();
            response.sendRedirect(request.getRequestURI() + "/" + (query == null ? "" : "?" + query));
            return;
        }
        name = name.substring(1);
        PackagedFile file;
        if (name.isEmpty() || name.equals("index.html")) {
            file = index;
            response.setHeader("Cache-Control", "no-cache");
        } else {
            Optional<PackagedFile> found = files.file(name);
            if (found.isEmpty()) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            if (files.notModified(request.getHeader("If-None-Match"))) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
            file = found.get();
            response.setHeader("Cache-Control", "public, max-age=0");
            response.setHeader("ETag", files.etag());
        }
        PackagedFileResponse.write(request, response, file);
    }
}
