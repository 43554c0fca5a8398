package io.socketee.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.engineio.spi.HttpRequestView;
import io.socketee.engineio.spi.UpgradeDecision;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cross-site WebSocket hijacking closed by default: a handshake that carries a login or an HTTP session from a page of
 * another site is refused (403, Node's "Forbidden" body); the same site, anonymous handshakes, clients without
 * {@code Origin} and origins that {@code allowedOrigins} lists pass. Checked on the WebSocket handshake and on the
 * polling handshake of the same server, in process.
 */
class CrossSiteCheckTest {
    private static final Principal ALICE = () -> "alice";
    private EngineIoServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    /** A WebSocket handshake request as a host binding sees it. */
    private record Request(Map<String, String> headers, Map<String, Object> attributes) implements HttpRequestView {
        @Override
        public String method() {
            return "GET";
        }

        @Override
        public Optional<String> query(String name) {
            return Optional.ofNullable(Map.of("EIO", "4", "transport", "websocket").get(name));
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        @Override
        public EngineIoRequest snapshot() {
            Map<String, List<String>> lower = new HashMap<>();
            headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), List.of(v)));
            return new EngineIoRequest("GET", "/engine.io/?EIO=4&transport=websocket",
                    Map.of("EIO", "4", "transport", "websocket"), lower, "127.0.0.1", false, attributes);
        }
    }

    private UpgradeDecision handshake(EngineIoConfig config, String origin, Map<String, Object> attributes) {
        if (server == null) {
            server = EngineIoServer.create(config);
        }
        Map<String, String> headers = new HashMap<>(Map.of("Host", "app.example:8080"));
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return server.checkUpgrade(new Request(headers, attributes));
    }

    private static void assertForbidden(UpgradeDecision decision) {
        UpgradeDecision.Refuse refuse = assertInstanceOf(UpgradeDecision.Refuse.class, decision);
        assertEquals(403, refuse.status());
        assertEquals("{\"code\":4,\"message\":\"Forbidden\"}", new String(refuse.body(), StandardCharsets.UTF_8));
    }

    @Test
    void refusesALoggedInHandshakeFromAForeignOrigin() {
        assertForbidden(handshake(EngineIoConfig.builder().build(), "https://evil.example",
                Map.of(EngineIoRequest.PRINCIPAL, ALICE)));
    }

    @Test
    void refusesAHandshakeWithAnHttpSessionFromAForeignOriginOrNull() {
        EngineIoConfig config = EngineIoConfig.builder().build();
        assertForbidden(handshake(config, "http://app.example:9090", Map.of(EngineIoRequest.HTTP_SESSION, "s")));
        assertForbidden(handshake(config, "null", Map.of(EngineIoRequest.HTTP_SESSION, "s")));
    }

    @Test
    void letsTheSameSiteAnonymousAndOriginlessHandshakesThrough() {
        EngineIoConfig config = EngineIoConfig.builder().build();
        assertInstanceOf(UpgradeDecision.Accept.class, handshake(config, "http://app.example:8080",
                Map.of(EngineIoRequest.PRINCIPAL, ALICE)));
        assertInstanceOf(UpgradeDecision.Accept.class, handshake(config, "https://APP.example:8080",
                Map.of(EngineIoRequest.PRINCIPAL, ALICE)));
        assertInstanceOf(UpgradeDecision.Accept.class, handshake(config, "https://evil.example", Map.of()));
        assertInstanceOf(UpgradeDecision.Accept.class, handshake(config, null,
                Map.of(EngineIoRequest.PRINCIPAL, ALICE)));
    }

    @Test
    void theHostAProxyForwardsCountsAsTheRequestsOwn() {
        server = EngineIoServer.create(EngineIoConfig.builder().build());
        Map<String, String> headers = Map.of("Host", "127.0.0.1:8080", "X-Forwarded-Host", "chat.example, proxy",
                "Origin", "https://chat.example");
        assertInstanceOf(UpgradeDecision.Accept.class, server.checkUpgrade(new Request(headers,
                Map.of(EngineIoRequest.PRINCIPAL, ALICE))));
        Map<String, String> foreign = Map.of("Host", "127.0.0.1:8080", "X-Forwarded-Host", "chat.example",
                "Origin", "https://evil.example");
        assertForbidden(server.checkUpgrade(new Request(foreign, Map.of(EngineIoRequest.PRINCIPAL, ALICE))));
    }

    @Test
    void anOriginThatAllowedOriginsListsPasses() {
        EngineIoConfig config = EngineIoConfig.builder().allowedOrigins("https://partner.example").build();
        assertInstanceOf(UpgradeDecision.Accept.class, handshake(config, "https://partner.example",
                Map.of(EngineIoRequest.PRINCIPAL, ALICE)));
        assertForbidden(handshake(config, "https://evil.example", Map.of()));
    }

    @Test
    void refusesTheCredentialedPollingHandshakeFromAForeignOriginToo() {
        server = EngineIoServer.create(EngineIoConfig.builder().build());
        FakePoll poll = FakePoll.handshake("4").header("Origin", "https://evil.example").header("Host", "localhost")
                .attribute(EngineIoRequest.HTTP_SESSION, "s");
        server.handlePolling(poll);
        assertEquals(403, poll.status());
        FakePoll same = FakePoll.handshake("4").header("Origin", "http://localhost").header("Host", "localhost")
                .attribute(EngineIoRequest.HTTP_SESSION, "s");
        server.handlePolling(same);
        assertEquals(200, same.status());
    }

    @ParameterizedTest
    @CsvSource({
        "http://app.example, app.example, true",
        "http://app.example:80, app.example, true",
        "https://app.example, app.example:443, true",
        "https://app.example:8443, app.example:8443, true",
        "http://[::1]:8080, [::1]:8080, true",
        "https://app.example, other.example, false",
        "https://app.example:8443, app.example, false",
        "https://sub.app.example, app.example, false",
        "null, app.example, false",
        "not a uri, app.example, false"
    })
    void comparesTheOriginsHostAndPortWithTheHostHeader(String origin, String host, boolean same) {
        assertEquals(same, CrossSiteCheck.sameHost(origin, host));
        assertFalse(CrossSiteCheck.sameHost("http://app.example", null));
        assertTrue(CrossSiteCheck.sameHost("HTTP://App.Example", "app.example"));
    }
}
