package io.socketee.engineio.servlet;

import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.spi.UpgradeDecision;
import io.socketee.engineio.websocket.EngineIoEndpoint;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * The async servlet that serves an {@link EngineIoServer}: long-polling GET and POST (XHR and JSONP), CORS preflight,
 * and the WebSocket upgrade, which it checks like any other Engine.IO request (so a refused upgrade gets the Node
 * server's JSON error) before handing the connection to the JSR-356 {@link EngineIoEndpoint} with
 * {@link ServerContainer#upgradeHttpToWebSocket}.
 *
 * <p>No container thread waits: polling requests go asynchronous at once and are read and written with non-blocking
 * I/O. Register it with {@link #register}, or map it yourself at {@code <path>/*} with async support on.
 */
public final class EngineIoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(EngineIoServlet.class.getName());
    /** Slack beyond the heartbeat before the container gives up on a held request. */
    private static final long ASYNC_TIMEOUT_SLACK_MILLIS = 5_000;

    private final transient EngineIoServer server;
    private final transient ServerEndpointConfig.Configurator configurator = EngineIoEndpoint.configurator();

    public EngineIoServlet(EngineIoServer server) {
        this.server = server;
    }

    /**
     * Registers a servlet for {@code server} at {@code path} (for example {@code /engine.io}) in a context that is
     * starting; WebSocket needs the container's JSR-356 support to be present in that context.
     */
    public static ServletRegistration.Dynamic register(ServletContext context, EngineIoServer server, String path) {
        String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        ServletRegistration.Dynamic registration = context.addServlet("engineio:" + base, new EngineIoServlet(server));
        registration.setAsyncSupported(true);
        registration.addMapping(base + "/*");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            upgrade(request, response);
            return;
        }
        AsyncContext async = request.startAsync();
        long heartbeat = server.config().pingInterval().toMillis() + server.config().pingTimeout().toMillis();
        async.setTimeout(heartbeat + ASYNC_TIMEOUT_SLACK_MILLIS);
        server.handlePolling(new ServletPollingExchange(request, response, async));
    }

    private void upgrade(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UpgradeDecision decision = server.checkUpgrade(new ServletRequestView(request));
        if (decision instanceof UpgradeDecision.Refuse refuse) {
            // A few bytes, written before the request goes asynchronous: the container buffers them.
            response.setStatus(refuse.status());
            refuse.headers().forEach(response::setHeader);
            response.setContentLength(refuse.body().length);
            response.getOutputStream().write(refuse.body());
            return;
        }
        UpgradeDecision.Accept accept = (UpgradeDecision.Accept) decision;
        ServerContainer container = (ServerContainer) getServletContext().getAttribute(ServerContainer.class.getName());
        if (container == null) {
            LOG.log(Level.WARNING, "WebSocket requested but the container has no JSR-356 support in this context");
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        accept.headers().forEach(response::setHeader);
        try {
            container.upgradeHttpToWebSocket(request, response,
                    EngineIoEndpoint.config(server, accept.request(), request.getRequestURI(), configurator),
                    Map.of());
        } catch (DeploymentException e) {
            LOG.log(Level.WARNING, "WebSocket upgrade failed", e);
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        }
    }
}
