package io.socketee.engineio.websocket;

import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.spi.EngineIoRequest;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;

/**
 * Hands the WebSocket upgrades that Engine.IO accepted to the runtime's JSR-356 container, for one server at one path.
 *
 * <p>The {@link EngineIoEndpoint} is registered with {@link ServerContainer#addEndpoint} at a path of its own beside
 * the Engine.IO path ({@value #ENDPOINT_PATH_SUFFIX} after it), which clients never ask for: some runtimes (Tyrus,
 * in GlassFish and Payara) upgrade only to endpoints registered in advance, and a registered endpoint at the Engine.IO
 * path itself would be upgraded to by the runtime before the servlet could check the request. Upgrades reach it only
 * through {@link #upgrade}; a client that asks for that path directly is refused with a 403 by the
 * {@link EngineIoConfigurator}.
 *
 * <p>Threading: {@link #register} during deployment; {@link #upgrade} from any request thread.
 */
public final class WebSocketUpgrader {
    /** Appended to the Engine.IO path to give the endpoint's registered path. */
    public static final String ENDPOINT_PATH_SUFFIX = "/.engineio-websocket";

    private final ServerContainer container;
    private final EngineIoServer server;
    private final ServerEndpointConfig config;

    private WebSocketUpgrader(ServerContainer container, EngineIoServer server, ServerEndpointConfig config) {
        this.container = container;
        this.server = server;
        this.config = config;
    }

    /**
     * Registers the endpoint of {@code server} in {@code container}; call while the web application deploys (from a
     * {@code ServletContainerInitializer} or {@code ServletContextListener.contextInitialized}).
     *
     * @param path the Engine.IO path inside the application, without a trailing slash ({@code /socket.io})
     * @throws DeploymentException when the container refuses the endpoint
     * @throws IllegalStateException when the container no longer takes endpoints (the application is deployed)
     */
    public static WebSocketUpgrader register(ServerContainer container, EngineIoServer server, String path)
            throws DeploymentException {
        ServerEndpointConfig config = ServerEndpointConfig.Builder
                .create(EngineIoEndpoint.class, path + ENDPOINT_PATH_SUFFIX)
                .configurator(new EngineIoConfigurator())
                .build();
        container.addEndpoint(config);
        return new WebSocketUpgrader(container, server, config);
    }

    /**
     * Upgrades the servlet request (a {@code jakarta.servlet.http.HttpServletRequest} and its response) to a
     * WebSocket whose Engine.IO side is {@code accepted}, the request as {@link EngineIoServer#checkUpgrade} accepted
     * it.
     *
     * @return true when the runtime took the upgrade to the endpoint (it answers 101 and opens the connection);
     *         false when it did not: it refused the handshake itself (an error status on the response), or returned
     *         without doing anything (the response untouched: a runtime that does not upgrade to this endpoint)
     */
    public boolean upgrade(Object request, Object response, EngineIoRequest accepted)
            throws IOException, DeploymentException {
        UpgradeHandoff handoff = new UpgradeHandoff(server, accepted);
        try (UpgradeHandoff.Scope ignored = handoff.makeCurrent()) {
            container.upgradeHttpToWebSocket(request, response, config, Map.of());
        }
        return handoff.taken();
    }
}
