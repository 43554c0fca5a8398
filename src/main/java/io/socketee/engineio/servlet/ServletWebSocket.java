package io.socketee.engineio.servlet;

import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.spi.UpgradeDecision;
import io.socketee.engineio.websocket.WebSocketUpgrader;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The WebSocket side of the servlet binding: finds the application's JSR-356 container, registers the endpoint in it,
 * and hands it the upgrades Engine.IO accepted. Where the runtime cannot serve WebSocket (no container in the
 * application, the endpoint refused, or upgrades that the runtime returns from without performing), it tells the
 * server so ({@link EngineIoServer#webSocketUnavailable}), which then offers no upgrades: clients stay on polling.
 *
 * <p>The only class of the servlet binding that refers to the WebSocket API, used only where that API is visible.
 * Threading: {@link #setUp} during deployment; {@link #upgrade} from any request thread.
 */
final class ServletWebSocket {
    private static final System.Logger LOG = System.getLogger(ServletWebSocket.class.getName());
    private static final String CONTAINER_ATTRIBUTE = "jakarta.websocket.server.ServerContainer";
    private static final byte[] BAD_HANDSHAKE =
            "Missing or invalid Sec-WebSocket-Key or Sec-WebSocket-Version header".getBytes(StandardCharsets.UTF_8);

    private final EngineIoServer server;
    private final WebSocketUpgrader upgrader;
    private final String runtime;

    private ServletWebSocket(EngineIoServer server, WebSocketUpgrader upgrader, String runtime) {
        this.server = server;
        this.upgrader = upgrader;
        this.runtime = runtime;
    }

    /** Whether the application's JSR-356 container is there yet (it is by the time the context initializes). */
    static boolean containerPresent(ServletContext context) {
        return context.getAttribute(CONTAINER_ATTRIBUTE) != null;
    }

    /**
     * Registers the endpoint for {@code server} at {@code base} (the Engine.IO path, no trailing slash) in the
     * application's JSR-356 container; empty, after telling the server why, where WebSocket cannot be served. Call
     * only where {@link EngineIoServlet#webSocketApiVisible()} (this class refers to the API).
     */
    static Optional<ServletWebSocket> setUp(ServletContext context, EngineIoServer server, String base) {
        String runtime = context.getServerInfo();
        String where = context.getContextPath() + base;
        Object container = context.getAttribute(CONTAINER_ATTRIBUTE);
        if (!(container instanceof ServerContainer serverContainer)) {
            server.webSocketUnavailable(runtime + " has no Jakarta WebSocket (JSR-356) container in the application"
                    + " at " + where + " (enable its WebSocket support)");
            return Optional.empty();
        }
        try {
            return Optional.of(new ServletWebSocket(server,
                    WebSocketUpgrader.register(serverContainer, server, base), runtime));
        } catch (DeploymentException | RuntimeException e) {
            server.webSocketUnavailable(runtime + " refused the WebSocket endpoint at " + where
                    + WebSocketUpgrader.ENDPOINT_PATH_SUFFIX + ": " + e);
            return Optional.empty();
        }
    }

    /**
     * Upgrades a request that Engine.IO accepted. A request that is not a valid WebSocket handshake gets a 400 (so
     * that no client can make a runtime return without upgrading); a runtime that returns from the upgrade without
     * performing or refusing it gets WebSocket switched off, and the client the answer every later one gets.
     */
    void upgrade(HttpServletRequest request, HttpServletResponse response, UpgradeDecision.Accept accept)
            throws IOException {
        if (!validHandshake(request)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/plain; charset=UTF-8");
            response.setContentLength(BAD_HANDSHAKE.length);
            response.getOutputStream().write(BAD_HANDSHAKE);
            return;
        }
        accept.headers().forEach(response::setHeader);
        boolean taken;
        try {
            taken = upgrader.upgrade(request, response, accept.request());
        } catch (DeploymentException | RuntimeException e) {
            LOG.log(Level.WARNING, "engine.io: " + runtime + " failed to upgrade " + request.getRequestURI(), e);
            if (!response.isCommitted()) {
                response.reset();
                response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            }
            return;
        }
        if (taken || response.isCommitted() || response.getStatus() != HttpServletResponse.SC_OK) {
            return; // upgraded, or refused by the runtime's own handshake checks, which answered
        }
        server.webSocketUnavailable(runtime + " returned from ServerContainer.upgradeHttpToWebSocket without "
                + "upgrading or answering " + request.getRequestURI());
        response.reset();
        EngineIoServlet.refuse(response, (UpgradeDecision.Refuse) server.checkUpgrade(new ServletRequestView(request)));
    }

    /** RFC 6455 section 4.2.1: a GET with a 16-byte base64 key and version 13. */
    private static boolean validHandshake(HttpServletRequest request) {
        String key = request.getHeader("Sec-WebSocket-Key");
        if (!"GET".equals(request.getMethod()) || key == null
                || !"13".equals(request.getHeader("Sec-WebSocket-Version"))) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.strip()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
