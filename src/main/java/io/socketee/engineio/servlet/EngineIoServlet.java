package io.socketee.engineio.servlet;

import io.socketee.engineio.EngineIoError;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.spi.HttpRequestView;
import io.socketee.engineio.spi.UpgradeDecision;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * The async servlet that serves an {@link EngineIoServer}: long-polling GET and POST (XHR and JSONP), CORS preflight,
 * and the WebSocket upgrade, which it checks like any other Engine.IO request (so a refused upgrade gets the Node
 * server's JSON error) before handing the connection to the JSR-356 endpoint
 * ({@link io.socketee.engineio.websocket.WebSocketUpgrader}).
 *
 * <p>No container thread waits: polling requests go asynchronous at once and are read and written with non-blocking
 * I/O, and a request answered before its body was read has its connection closed rather than drained
 * ({@link RequestBodies}); a WebSocket handshake that declares a body is refused. Register it with
 * {@link #register}, or map it yourself at {@code <path>/*} with async support on and load-on-startup (its
 * {@code init} then sets up WebSocket, which some runtimes no longer allow that late: they get polling only, with a
 * warning).
 *
 * <p>Where the runtime cannot serve WebSocket, the server is told so at deployment and offers no upgrades; one WARNING
 * names the runtime and the reason ({@link EngineIoServer#webSocketUnavailable}).
 */
public final class EngineIoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(EngineIoServlet.class.getName());
    /** Slack beyond the heartbeat before the container gives up on a held request. */
    private static final long ASYNC_TIMEOUT_SLACK_MILLIS = 5_000;
    /**
     * The servlet context attribute naming the security roles to look for: a {@code Collection<String>} (a concurrent
     * or immutable one; read at each handshake). When a session opens with an authenticated user, the servlet asks the
     * container ({@code HttpServletRequest.isUserInRole}) for each, while the request lives, and keeps those the user
     * is in with the session ({@link io.socketee.engineio.spi.EngineIoRequest#ROLES}). The zero-configuration
     * initializer sets it to the roles the CDI handlers' {@code @RolesAllowed} name.
     */
    public static final String ROLES_ATTRIBUTE = "io.socketee.engineio.roles";

    private final transient EngineIoServer server;
    /**
     * Null until WebSocket is set up (once, during deployment, under this servlet's monitor); empty where it is off.
     */
    private transient volatile Optional<ServletWebSocket> webSocket;
    private transient String base = "";

    public EngineIoServlet(EngineIoServer server) {
        this.server = server;
    }

    /**
     * Registers a servlet for {@code server} at {@code path} (for example {@code /engine.io}) in a context that is
     * starting, from a {@code ServletContainerInitializer} or a {@code ServletContextListener} declared in
     * {@code web.xml}, and sets up its WebSocket endpoint (as soon as the runtime's JSR-356 container is there).
     *
     * @throws IllegalStateException when the servlet's name is taken or {@code <path>/*} is mapped already (the
     *                               deployment fails, naming the path)
     */
    public static ServletRegistration.Dynamic register(ServletContext context, EngineIoServer server, String path) {
        String base = ServletRegistrations.basePath(path);
        EngineIoServlet servlet = new EngineIoServlet(server);
        servlet.base = base;
        ServletRegistration.Dynamic registration = ServletRegistrations.add(context, "socketee-engineio" + base,
                servlet);
        registration.setAsyncSupported(true);
        ServletRegistrations.map(context, registration, base + "/*");
        registration.setLoadOnStartup(1);
        servlet.setUpWebSocketWhenReady(context);
        return registration;
    }

    /**
     * A servlet request as the Engine.IO server reads it (its query from the query string only, headers, user, roles,
     * HTTP session), for a host of one's own that hands requests to {@link EngineIoServer} itself, such as a WebSocket
     * transport on the Servlet upgrade API ({@code bench/}'s experiment). Read it on the request's thread.
     */
    public static HttpRequestView requestView(HttpServletRequest request) {
        return new ServletRequestView(request);
    }

    @Override
    public void init() {
        if (webSocket == null) {
            base = basePathOfMapping();
            setUpWebSocket(getServletContext());
        }
    }

    private String basePathOfMapping() {
        return getServletContext().getServletRegistration(getServletName()).getMappings().stream()
                .filter(m -> m.endsWith("/*")).findFirst().map(m -> m.substring(0, m.length() - 2)).orElse(base);
    }

    /**
     * Sets up WebSocket now where the JSR-356 container is already in the context, else when the context initializes
     * (whichever of the runtime's initializers runs first).
     */
    private void setUpWebSocketWhenReady(ServletContext context) {
        if (!server.webSocketAvailable() || !webSocketApiVisible() || ServletWebSocket.containerPresent(context)) {
            setUpWebSocket(context);
            return;
        }
        try {
            context.addListener(new ServletContextListener() {
                @Override
                public void contextInitialized(ServletContextEvent event) {
                    setUpWebSocket(event.getServletContext());
                }
            });
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            setUpWebSocket(context);  // called from a listener: the container would be there by now, if at all
        }
    }

    /** Sets up WebSocket once, then logs what is served, now that it is known. */
    private synchronized void setUpWebSocket(ServletContext context) {
        if (webSocket != null) {
            return;
        }
        if (!server.webSocketAvailable()) {
            webSocket = Optional.empty();   // not among the transports, or already known to be off
        } else if (!webSocketApiVisible()) {
            server.webSocketUnavailable(context.getServerInfo() + " gives the application at "
                    + context.getContextPath() + base + " no Jakarta WebSocket API (jakarta.websocket)");
            webSocket = Optional.empty();
        } else {
            webSocket = ServletWebSocket.setUp(context, server, base);
        }
        LOG.log(Level.INFO, "engine.io: serving " + context.getContextPath() + base + " over "
                + (webSocket.isPresent() ? "long-polling and WebSocket" : "long-polling only"));
    }

    /** Whether the WebSocket API is visible to this library's classes (which {@link ServletWebSocket} links to). */
    static boolean webSocketApiVisible() {
        try {
            Class.forName("jakarta.websocket.server.ServerContainer", false, EngineIoServlet.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            if (RequestBodies.declared(request)) {
                // A handshake has no body: Tomcat would read this one on this thread before upgrading or after a
                // refusal, for as long as the client takes to send it.
                RequestBodies.refuseUnread(request, response, EngineIoError.BAD_REQUEST.httpStatus(),
                        "application/json", EngineIoError.BAD_REQUEST.body());
                return;
            }
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
        Optional<ServletWebSocket> ws = webSocket;
        if (decision instanceof UpgradeDecision.Refuse refuse) {
            refuse(response, refuse);
        } else if (ws == null || ws.isEmpty()) {
            // Accepted although no endpoint was set up here (init() sets one up at the latest): refuse as Node would.
            server.webSocketUnavailable("no WebSocket endpoint was set up for " + request.getContextPath() + base);
            refuse(response, (UpgradeDecision.Refuse) server.checkUpgrade(new ServletRequestView(request)));
        } else {
            ws.get().upgrade(request, response, (UpgradeDecision.Accept) decision);
        }
    }

    /** Writes a refusal: a few bytes, before the request goes asynchronous (the container buffers them). */
    static void refuse(HttpServletResponse response, UpgradeDecision.Refuse refuse) throws IOException {
        response.setStatus(refuse.status());
        refuse.headers().forEach(response::setHeader);
        response.setContentLength(refuse.body().length);
        response.getOutputStream().write(refuse.body());
    }
}
