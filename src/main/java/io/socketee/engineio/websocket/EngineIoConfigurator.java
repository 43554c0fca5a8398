package io.socketee.engineio.websocket;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * The configurator of the {@link EngineIoEndpoint}: admits only the upgrades the servlet checked and is handing over
 * on the current thread ({@link UpgradeHandoff}), passes that handoff on to the connection, and creates one endpoint
 * per connection (never through container injection, which not every container performs).
 *
 * <p>It overrides every method of {@link ServerEndpointConfig.Configurator}, so that no instance ever looks up the
 * container's default configurator (a ServiceLoader scan of the class path). No subprotocol and no extension is
 * negotiated: Engine.IO uses none, and Node's server compresses nothing by default ({@code perMessageDeflate: false}).
 * Stateless and thread-safe: one instance serves every upgrade.
 */
final class EngineIoConfigurator extends ServerEndpointConfig.Configurator {

    /**
     * Refuses (403) a WebSocket handshake that the servlet did not check and hand over, such as a client connecting
     * straight to the endpoint's registered path; the Origin of the others was checked by Engine.IO already.
     */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return UpgradeHandoff.current() != null;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        UpgradeHandoff handoff = UpgradeHandoff.current();
        if (handoff != null) {
            sec.getUserProperties().put(UpgradeHandoff.PROPERTY, handoff);
            handoff.markTaken();
        }
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return "";
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return List.of();
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(new EngineIoEndpoint());
    }
}
