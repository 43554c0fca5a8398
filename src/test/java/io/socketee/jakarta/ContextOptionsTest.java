package io.socketee.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.TransportName;
import io.socketee.socketio.protocol.SocketIoParser;
import io.socketee.socketio.protocol.msgpack.MsgPackParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Context parameters with Node option names become the server options. */
class ContextOptionsTest {

    private static ContextOptions read(Map<String, String> params) {
        return ContextOptions.read(OptionSource.of(params));
    }

    @Test
    void defaultsAreTheNodeServersAtSocketIoPath() {
        ContextOptions options = read(Map.of());
        assertEquals("/socket.io", options.path());
        assertEquals(Duration.ofMillis(25_000), options.engine().pingInterval());
        assertEquals(false, options.engine().allowEIO3());
        assertEquals(Optional.empty(), options.engine().cors());
        assertEquals(Duration.ofSeconds(45), options.socketIo().connectTimeout());
        assertEquals(false, options.socketIo().cleanupEmptyChildNamespaces());
        assertEquals(true, options.serveClient());
        assertEquals(Optional.empty(), options.redis());
        assertEquals(Optional.empty(), options.adminUi());
    }

    private static final String HASH = "$2a$10$yfUNoXEjlPShaNobqZk8h.ccEEGQElJ64J.kXoaZNlZrd2ZUZ2HIi";

    @Test
    void theAdminUiWithBasicAuthAndItsDefaults() {
        ContextOptions.AdminUi admin = read(Map.of("socketio.adminUi.enabled", "true",
                "socketio.adminUi.passwordHash", HASH)).adminUi().orElseThrow();
        assertEquals(Optional.of("/socket.io-admin"), admin.path());
        assertEquals("/admin", admin.options().namespaceName());
        assertEquals("admin", admin.options().auth().orElseThrow().username());
        assertEquals(HASH, admin.options().auth().orElseThrow().passwordHash());
        assertEquals(false, admin.options().readonly());
        assertEquals(io.socketee.socketio.admin.AdminUiOptions.Mode.DEVELOPMENT, admin.options().mode());

        ContextOptions.AdminUi custom = read(Map.of("socketio.adminUi.enabled", "true",
                "socketio.adminUi.auth", "none", "socketio.adminUi.path", "/dash", "socketio.adminUi.readonly", "true",
                "socketio.adminUi.mode", "production", "socketio.adminUi.namespace", "/ops",
                "socketio.adminUi.serverId", "node-a")).adminUi().orElseThrow();
        assertEquals(Optional.of("/dash"), custom.path());
        assertEquals(Optional.empty(), custom.options().auth());
        assertEquals(true, custom.options().readonly());
        assertEquals(io.socketee.socketio.admin.AdminUiOptions.Mode.PRODUCTION, custom.options().mode());
        assertEquals("/ops", custom.options().namespaceName());
        assertEquals(Optional.of("node-a"), custom.options().serverId());
        assertEquals(Optional.empty(), read(Map.of("socketio.adminUi.enabled", "true", "socketio.adminUi.auth",
                "none", "socketio.adminUi.path", "none")).adminUi().orElseThrow().path());
    }

    @Test
    void theAdminUiRefusesAMissingPasswordAndBadValues() {
        for (Map<String, String> bad : List.of(
                Map.of("socketio.adminUi.enabled", "true"),
                Map.of("socketio.adminUi.enabled", "true", "socketio.adminUi.auth", "none",
                        "socketio.adminUi.passwordHash", HASH),
                Map.of("socketio.adminUi.enabled", "true", "socketio.adminUi.auth", "digest"),
                Map.of("socketio.adminUi.enabled", "true", "socketio.adminUi.auth", "none",
                        "socketio.adminUi.mode", "test"),
                Map.of("socketio.adminUi.enabled", "true", "socketio.adminUi.auth", "none",
                        "socketio.adminUi.path", "/socket.io"),
                Map.of("socketio.adminUi.enabled", "true", "socketio.adminUi.auth", "none",
                        "socketio.adminUi.path", "dash"),
                Map.of("socketio.adminUi.enabled", "yes"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(bad), bad.toString());
            assertTrue(e.getMessage().contains("socketio.adminUi."), e.getMessage());
        }
    }

    @Test
    void theParserIsTheDefaultOrMsgPack() {
        assertEquals(SocketIoParser.json(), read(Map.of()).socketIo().parser());
        assertEquals(SocketIoParser.json(), read(Map.of("socketio.parser", "default")).socketIo().parser());
        assertInstanceOf(MsgPackParser.class, read(Map.of("socketio.parser", " msgpack ")).socketIo().parser());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("socketio.parser", "json5")));
        assertTrue(e.getMessage().contains("socketio.parser") && e.getMessage().contains("json5"), e.getMessage());
    }

    @Test
    void clientServingAndTheRedisCluster() {
        ContextOptions options = read(Map.of(
                "socketio.serveClient", "false",
                "socketio.redis.url", " redis://127.0.0.1:6390 ",
                "socketio.redis.key", "chat",
                "socketio.redis.requestsTimeout", "1500"));
        assertEquals(false, options.serveClient());
        ContextOptions.Redis redis = options.redis().orElseThrow();
        assertEquals("redis://127.0.0.1:6390", redis.url());
        assertEquals("chat", redis.config().key());
        assertEquals(Duration.ofMillis(1500), redis.config().requestsTimeout());
        assertEquals("socket.io", read(Map.of("socketio.redis.url", "redis://h")).redis().orElseThrow().config().key());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("socketio.redis.url", "redis://h", "socketio.redis.requestsTimeout", "0")));
        assertTrue(e.getMessage().contains("requestsTimeout"), e.getMessage());
    }

    @Test
    void readsEveryOption() {
        ContextOptions options = read(Map.ofEntries(
                Map.entry("socketio.path", "/io"),
                Map.entry("socketio.pingInterval", "1000"),
                Map.entry("socketio.pingTimeout", "2000"),
                Map.entry("socketio.upgradeTimeout", "3000"),
                Map.entry("socketio.maxHttpBufferSize", "1_000"),
                Map.entry("socketio.maxBufferedBytes", "5000"),
                Map.entry("socketio.transports", "websocket"),
                Map.entry("socketio.allowUpgrades", "false"),
                Map.entry("socketio.allowEIO3", "TRUE"),
                Map.entry("socketio.cookie", "sticky"),
                Map.entry("socketio.cors.origin", "https://a.example, https://b.example"),
                Map.entry("socketio.cors.credentials", "true"),
                Map.entry("socketio.cors.maxAge", "600"),
                Map.entry("socketio.connectTimeout", "4000"),
                Map.entry("socketio.maxAttachments", "3"),
                Map.entry("socketio.cleanupEmptyChildNamespaces", "true"),
                Map.entry("socketio.allowedOrigins", "https://a.example"),
                Map.entry("socketio.cookie.path", "/app"),
                Map.entry("socketio.cookie.httpOnly", "false"),
                Map.entry("socketio.cookie.sameSite", "none"),
                Map.entry("socketio.maxNamespaces", "5"),
                Map.entry("socketio.maxPendingAcks", "6")));
        assertEquals("/io", options.path());
        assertEquals(Duration.ofSeconds(1), options.engine().pingInterval());
        assertEquals(Duration.ofSeconds(2), options.engine().pingTimeout());
        assertEquals(Duration.ofSeconds(3), options.engine().upgradeTimeout());
        assertEquals(1000, options.engine().maxHttpBufferSize());
        assertEquals(5000, options.engine().maxBufferedBytes());
        assertEquals(Set.of(TransportName.WEBSOCKET), options.engine().transports());
        assertEquals(false, options.engine().allowUpgrades());
        assertEquals(true, options.engine().allowEIO3());
        assertEquals("sticky", options.engine().cookie().orElseThrow().name());
        assertEquals(List.of("https://a.example", "https://b.example"), options.engine().cors().orElseThrow().origins());
        assertEquals(true, options.engine().cors().orElseThrow().credentials());
        assertEquals(Optional.of(Duration.ofMinutes(10)), options.engine().cors().orElseThrow().maxAge());
        assertEquals(Duration.ofSeconds(4), options.socketIo().connectTimeout());
        assertEquals(3, options.socketIo().maxAttachments());
        assertEquals(true, options.socketIo().cleanupEmptyChildNamespaces());
        assertEquals(Set.of("https://a.example"), options.engine().allowedOrigins());
        assertEquals("sticky=sid; Path=/app", options.engine().cookie().orElseThrow().headerValue("sid"));
        assertEquals(5, options.socketIo().maxNamespaces());
        assertEquals(6, options.socketIo().maxPendingAcks());
        assertEquals(Set.of(), options.unknown());
    }

    @Test
    void theRedisStreamsClusterWithNodesOptionNames() {
        ContextOptions options = read(Map.of(
                "socketio.redisStreams.url", "redis://127.0.0.1:6391",
                "socketio.redisStreams.streamName", "chat-stream",
                "socketio.redisStreams.maxLen", "500",
                "socketio.redisStreams.blockTimeInMs", "1000",
                "socketio.redisStreams.sessionKeyPrefix", "chat:session:",
                "socketio.redisStreams.maxQueuedMessages", "50"));
        assertEquals(Optional.empty(), options.redis());
        ContextOptions.RedisStreams streams = options.redisStreams().orElseThrow();
        assertEquals("redis://127.0.0.1:6391", streams.url());
        assertEquals("chat-stream", streams.config().streamName());
        assertEquals(500, streams.config().maxLen());
        assertEquals(Duration.ofSeconds(1), streams.config().blockTime());
        assertEquals("chat:session:", streams.config().sessionKeyPrefix());
        assertEquals(50, streams.config().maxQueuedMessages());
        assertEquals(Set.of(), options.unknown());
        assertEquals("socket.io", read(Map.of("socketio.redisStreams.url", "redis://h")).redisStreams().orElseThrow()
                .config().streamName());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("socketio.redis.url", "redis://h", "socketio.redisStreams.url", "redis://h")));
        assertTrue(both.getMessage().contains("one cluster"), both.getMessage());
        IllegalArgumentException block = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("socketio.redisStreams.url", "redis://h", "socketio.redisStreams.blockTimeInMs",
                        "60000")));
        assertTrue(block.getMessage().contains("redisStreams"), block.getMessage());
    }

    @Test
    void readsTheRedisAdaptersLimits() {
        ContextOptions.Redis redis = read(Map.of(
                "socketio.redis.url", "redis://h",
                "socketio.redis.publishOnSpecificResponseChannel", "true",
                "socketio.redis.maxMessageSize", "1000",
                "socketio.redis.maxDepth", "8",
                "socketio.redis.maxQueuedMessages", "50")).redis().orElseThrow();
        assertEquals(true, redis.config().publishOnSpecificResponseChannel());
        assertEquals(1000, redis.config().maxMessageSize());
        assertEquals(8, redis.config().maxDepth());
        assertEquals(50, redis.config().maxQueuedMessages());
    }

    @Test
    void readsWhereHandlersRun() {
        ContextOptions options = read(Map.of("socketio.handlers", "BLOCKING", "socketio.maxQueuedEvents", "7"));
        assertEquals(io.socketee.socketio.HandlerMode.BLOCKING, options.socketIo().handlers());
        assertEquals(7, options.socketIo().maxQueuedEvents());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("socketio.handlers", "sometimes")));
        assertTrue(e.getMessage().contains("socketio.handlers"), e.getMessage());
    }

    @Test
    void namesWhatIsNoOption() {
        ContextOptions options = read(Map.of("socketio.pingIntervall", "1", "socketio.enabled", "true",
                "socketio.cors.origin", "*", "other.parameter", "x"));
        assertEquals(Set.of("socketio.pingIntervall"), options.unknown());
    }

    @Test
    void namesTheParameterOfABadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("socketio.pingInterval", "soon")));
        assertTrue(e.getMessage().contains("socketio.pingInterval"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read(Map.of("socketio.allowEIO3", "yes")));
        assertTrue(e.getMessage().contains("socketio.allowEIO3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read(Map.of("socketio.transports", "carrier-pigeon")));
        assertTrue(e.getMessage().contains("carrier-pigeon"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read(Map.of("socketio.path", "socket.io")));
        assertTrue(e.getMessage().contains("socketio.path"), e.getMessage());
    }

    @Test
    void connectionStateRecoveryIsOffUnlessAskedFor() {
        assertEquals(Optional.empty(), read(Map.of()).socketIo().connectionStateRecovery());
        assertEquals(Optional.empty(), read(Map.of("socketio.connectionStateRecovery", "false"))
                .socketIo().connectionStateRecovery());
        var defaults = read(Map.of("socketio.connectionStateRecovery", "true")).socketIo().connectionStateRecovery()
                .orElseThrow();
        assertEquals(Duration.ofMillis(120_000), defaults.maxDisconnectionDuration());
        assertEquals(true, defaults.skipMiddlewares());
        var set = read(Map.of(
                "socketio.connectionStateRecovery.maxDisconnectionDuration", "30000",
                "socketio.connectionStateRecovery.skipMiddlewares", "false",
                "socketio.connectionStateRecovery.maxSessions", "5",
                "socketio.connectionStateRecovery.maxPackets", "6",
                "socketio.connectionStateRecovery.maxBytes", "7000")).socketIo().connectionStateRecovery()
                .orElseThrow();
        assertEquals(Duration.ofSeconds(30), set.maxDisconnectionDuration());
        assertEquals(false, set.skipMiddlewares());
        assertEquals(List.of(5, 6, 7000L), List.of(set.maxSessions(), set.maxPackets(), set.maxBytes()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(Map.of(
                "socketio.connectionStateRecovery", "false",
                "socketio.connectionStateRecovery.maxPackets", "6")));
        assertTrue(e.getMessage().contains("socketio.connectionStateRecovery"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read(Map.of(
                "socketio.connectionStateRecovery.maxDisconnectionDuration", "0")));
        assertTrue(e.getMessage().contains("maxDisconnectionDuration"), e.getMessage());
    }
}
