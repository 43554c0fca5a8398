package io.socketee.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.spi.HttpRequestView;
import io.socketee.engineio.spi.UpgradeDecision;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host that cannot serve WebSocket says so once ({@link EngineIoServer#webSocketUnavailable}); from then on the
 * server offers no upgrade and refuses WebSocket as an unknown transport (as Node does without it in
 * {@code transports}), so that clients stay on polling instead of failing, and the reason is in the log once.
 */
class WebSocketUnavailableTest {
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(EngineIoServer.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private EngineIoServer server;

    @BeforeEach
    void setUp() {
        logger.addHandler(capture);
        server = EngineIoServer.create(EngineIoConfig.builder().build());
    }

    @AfterEach
    void tearDown() {
        server.close();
        logger.removeHandler(capture);
    }

    @Test
    void offersTheUpgradeWhileTheHostServesWebSocket() {
        assertTrue(server.webSocketAvailable());
        assertTrue(handshake().contains("\"upgrades\":[\"websocket\"]"), handshake());
        assertInstanceOf(UpgradeDecision.Accept.class, server.checkUpgrade(webSocketRequest()));
    }

    @Test
    void offersNoUpgradeOnceTheHostCannotServeWebSocket() {
        server.webSocketUnavailable("Test Runtime/1.0 has no JSR-356 container");
        assertFalse(server.webSocketAvailable());
        assertTrue(handshake().contains("\"upgrades\":[]"), handshake());
    }

    @Test
    void refusesWebSocketAsAnUnknownTransportOnceTheHostCannotServeIt() {
        server.webSocketUnavailable("Test Runtime/1.0 has no JSR-356 container");
        UpgradeDecision.Refuse refuse = assertInstanceOf(UpgradeDecision.Refuse.class,
                server.checkUpgrade(webSocketRequest()));
        assertEquals(400, refuse.status());
        assertEquals("{\"code\":0,\"message\":\"Transport unknown\"}",
                new String(refuse.body(), StandardCharsets.UTF_8));
    }

    @Test
    void logsTheReasonOnceAsAWarning() {
        server.webSocketUnavailable("Test Runtime/1.0 has no JSR-356 container");
        server.webSocketUnavailable("a second report");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).getMessage().contains("Test Runtime/1.0 has no JSR-356 container"),
                warnings.get(0).getMessage());
        assertTrue(warnings.get(0).getMessage().contains("clients stay on long-polling"), warnings.get(0).getMessage());
    }

    @Test
    void offersNoUpgradeWithoutWebSocketAmongTheTransports() {
        server.close();
        server = EngineIoServer.create(EngineIoConfig.builder().transports(TransportName.POLLING).build());
        assertFalse(server.webSocketAvailable());
        assertTrue(handshake().contains("\"upgrades\":[]"), handshake());
        assertEquals(List.of(), warnings, "nothing is wrong with the host");
    }

    /** The body of a polling handshake. */
    private String handshake() {
        FakePoll exchange = FakePoll.handshake("4");
        server.handlePolling(exchange);
        assertEquals(200, exchange.status());
        return exchange.text();
    }

    private static HttpRequestView webSocketRequest() {
        return FakePoll.upgradeRequest(Map.of("EIO", "4", "transport", "websocket"));
    }
}
