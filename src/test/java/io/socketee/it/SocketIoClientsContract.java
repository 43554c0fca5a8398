package io.socketee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socketee.engineio.CloseReason;
import io.socketee.socketio.DisconnectReason;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real npm clients against {@link SocketIoClientsApp} in a real container: socket.io-client 4.x (Socket.IO v5 over
 * EIO=4) and 2.x (v4 over EIO=3), over polling only, WebSocket only, and polling upgraded to WebSocket; plus the
 * protocol violations a raw WebSocket can commit. Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SocketIoClientsContract {
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(30);

    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    private SocketIoClientsApp app;
    private int port;
    private final AtomicInteger tags = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        app = new SocketIoClientsApp();
        container = harness();
        port = container.start(app);
    }

    @AfterAll
    void stop() throws Exception {
        if (container != null) {
            container.close();
        }
        if (app != null) {
            app.io().close();
        }
    }

    @AfterEach
    void noConnectionLeft() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (app.engine().clientsCount() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(0, app.engine().clientsCount(), "connections left open after the clients went away");
    }

    static Stream<Arguments> clientsAndModes() {
        return Stream.of("4", "2").flatMap(client -> Stream.of("polling", "websocket", "upgrade")
                .map(mode -> Arguments.of(client, mode)));
    }

    private String tag(String scenario, String client, String mode) {
        return scenario + "-" + client + "-" + mode + "-" + tags.incrementAndGet();
    }

    private static String json(String url, String client, String mode, String scenario, String tag) {
        return json(url, client, mode, scenario, tag, "");
    }

    /** The script's argument; {@code extra} holds more members (each preceded by a comma). */
    private static String json(String url, String client, String mode, String scenario, String tag, String extra) {
        String transports = switch (mode) {
            case "polling" -> "[\"polling\"]";
            case "websocket" -> "[\"websocket\"]";
            default -> "[\"polling\",\"websocket\"]";
        };
        return "{\"url\":\"" + url + "\",\"client\":\"" + client + "\",\"transports\":" + transports
                + ",\"upgrade\":" + mode.equals("upgrade") + ",\"waitUpgrade\":" + mode.equals("upgrade")
                + ",\"expectTransport\":\"" + (mode.equals("polling") ? "polling" : "websocket") + "\""
                + ",\"scenario\":\"" + scenario + "\",\"tag\":\"" + tag + "\",\"timeoutMs\":15000" + extra + "}";
    }

    private String run(String client, String mode, String scenario, String tag) {
        assumeTrue(NodeClients.available(), "npm clients not installed (run: npm ci in src/test/node)");
        NodeClients.Result result = NodeClients.run("sio-client.js",
                json("http://127.0.0.1:" + port, client, mode, scenario, tag), NODE_TIMEOUT);
        assertTrue(result.ok(), () -> "socket.io-client " + client + ".x " + scenario + " over " + mode + " on "
                + container.name() + ": " + result.output());
        return result.output();
    }

    private static <T> T within(CompletableFuture<T> future, String what) throws Exception {
        try {
            return future.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within 5 s");
        }
    }

    @ParameterizedTest(name = "socket.io-client {0}.x, {1}")
    @MethodSource("clientsAndModes")
    void multiplexesNamespacesOnOneConnection(String client, String mode) {
        run(client, mode, "multiplex", tag("multiplex", client, mode));
    }

    @ParameterizedTest(name = "socket.io-client {0}.x, {1}")
    @MethodSource("clientsAndModes")
    void broadcastsToARoomExceptAnotherRoom(String client, String mode) {
        run(client, mode, "rooms", tag("rooms", client, mode));
    }

    @ParameterizedTest(name = "socket.io-client {0}.x, {1}")
    @MethodSource("clientsAndModes")
    void acksBothWaysAndTimesOutAnUnansweredServerAck(String client, String mode) throws Exception {
        String tag = tag("acks", client, mode);
        run(client, mode, "acks", tag);
        CompletableFuture<List<JsonValue>> unanswered = app.unansweredAck(tag);
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> unanswered.get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, failure.getCause());
    }

    @ParameterizedTest(name = "socket.io-client {0}.x, {1}")
    @MethodSource("clientsAndModes")
    void carriesBinaryNestedInObjectsBothWays(String client, String mode) {
        run(client, mode, "binary", tag("binary", client, mode));
    }

    @ParameterizedTest(name = "socket.io-client {0}.x, {1}")
    @MethodSource("clientsAndModes")
    void admitsAndRefusesWithAuth(String client, String mode) {
        run(client, mode, "auth", tag("auth", client, mode));
    }

    @ParameterizedTest(name = "socket.io-client {0}.x, {1}")
    @MethodSource("clientsAndModes")
    void dropsSomeVolatileEventsWithoutBreakingTheConnection(String client, String mode) {
        run(client, mode, "volatile", tag("volatile", client, mode));
    }

    @ParameterizedTest(name = "socket.io-client {0}.x, {1}")
    @MethodSource("clientsAndModes")
    void reportsDisconnectReasonsOnBothSides(String client, String mode) throws Exception {
        String tag = tag("disconnects", client, mode);
        run(client, mode, "disconnects", tag);
        assertEquals(DisconnectReason.SERVER_NAMESPACE_DISCONNECT,
                within(app.disconnect(tag, "/second"), "disconnect of /second"));
        assertEquals(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT,
                within(app.disconnect(tag, "/private"), "disconnect of /private"));
        assertEquals(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT,
                within(app.disconnect(tag, "/"), "disconnect of /"));
    }

    @ParameterizedTest(name = "socket.io-client {0}.x, {1}")
    @MethodSource("clientsAndModes")
    void reconnectsAfterTheServerRestartsOnTheSamePort(String client, String mode) throws Exception {
        assumeTrue(NodeClients.available(), "npm clients not installed (run: npm ci in src/test/node)");
        String tag = tag("reconnect", client, mode);
        ContainerHarness restarting = harness();
        SocketIoClientsApp first = new SocketIoClientsApp();
        SocketIoClientsApp second = new SocketIoClientsApp();
        try {
            int restartPort = restarting.start(first);
            String json = json("http://127.0.0.1:" + restartPort, client, mode, "reconnect", tag);
            CompletableFuture<NodeClients.Result> node = CompletableFuture.supplyAsync(
                    () -> NodeClients.run("sio-client.js", json, NODE_TIMEOUT));
            assertEquals(List.of(Json.createValue("before")), within(first.message(tag), "message before"));
            restarting.close();
            first.io().close();
            restarting.start(second, restartPort);
            NodeClients.Result result = node.get(NODE_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            assertTrue(result.ok(), () -> "socket.io-client " + client + ".x reconnect over " + mode + " on "
                    + restarting.name() + ": " + result.output());
            assertEquals(List.of(Json.createValue("after")), within(second.message(tag), "message after"));
        } finally {
            restarting.close();
            first.io().close();
            second.io().close();
        }
    }

    /**
     * {@code SocketIoServer.close()} with a client connected: what was emitted before arrives, the server sees "server
     * shutting down", and the client, which sees "transport close" as with a Node.js server (whose {@code close()}
     * sends no DISCONNECT either, so that clients reconnect), connects to another server.
     */
    @ParameterizedTest(name = "socket.io-client {0}.x, {1}")
    @MethodSource("clientsAndModes")
    void shutsDownGracefullyAndTheClientMovesToAnotherServer(String client, String mode) throws Exception {
        assumeTrue(NodeClients.available(), "npm clients not installed (run: npm ci in src/test/node)");
        int queued = 20;
        String tag = tag("shutdown", client, mode);
        ContainerHarness closing = harness();
        ContainerHarness other = harness();
        SocketIoClientsApp first = new SocketIoClientsApp();
        SocketIoClientsApp second = new SocketIoClientsApp();
        try {
            int firstPort = closing.start(first);
            int otherPort = other.start(second);
            String json = json("http://127.0.0.1:" + firstPort, client, mode, "shutdown", tag,
                    ",\"url2\":\"http://127.0.0.1:" + otherPort + "\",\"queued\":" + queued
                            + ",\"expectReason\":\"transport close\"");
            CompletableFuture<NodeClients.Result> node = CompletableFuture.supplyAsync(
                    () -> NodeClients.run("sio-client.js", json, NODE_TIMEOUT));
            assertEquals(List.of(Json.createValue("ready")), within(first.message(tag), "message ready"));
            io.socketee.socketio.Socket socket = first.io().sockets().sockets().values().stream()
                    .filter(s -> tag.equals(s.handshake().query().get("tag"))).findFirst().orElseThrow();
            for (int i = 0; i < queued; i++) {
                socket.emit("queued", i);
            }
            first.io().close();
            assertEquals(DisconnectReason.SERVER_SHUTTING_DOWN, within(first.disconnect(tag, "/"), "disconnect"));
            assertEquals(CloseReason.SERVER_SHUTTING_DOWN, within(first.close(tag), "close"));
            NodeClients.Result result = node.get(NODE_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            assertTrue(result.ok(), () -> "socket.io-client " + client + ".x shutdown over " + mode + " on "
                    + closing.name() + ": " + result.output());
        } finally {
            closing.close();
            other.close();
            first.io().close();
            second.io().close();
        }
    }

    @Test
    void closesTheConnectionOnAMalformedPacket() throws Exception {
        Ws ws = Ws.connect(port, "/socket.io/?EIO=4&transport=websocket&tag=malformed");
        assertTrue(((String) ws.next()).startsWith("0{"), "handshake");
        ws.send("40");
        assertTrue(((String) ws.nextIgnoringHeartbeat()).startsWith("40{\"sid\":"), "connect reply");
        ws.send("42{}");
        Object frame = ws.nextIgnoringHeartbeat();
        assertInstanceOf(Ws.Closed.class, frame, "the server went on after 42{}: " + frame);
        assertEquals(DisconnectReason.PARSE_ERROR, within(app.disconnect("malformed", "/"), "disconnect"));
        assertEquals(CloseReason.PARSE_ERROR, within(app.close("malformed"), "close"));
    }

    @Test
    void closesAConnectionThatJoinsNoNamespaceWithinConnectTimeout() throws Exception {
        long start = System.nanoTime();
        Ws ws = Ws.connect(port, "/socket.io/?EIO=4&transport=websocket&tag=silent");
        assertTrue(((String) ws.next()).startsWith("0{"), "handshake");
        Object frame;
        while ("2".equals(frame = ws.next())) {
            try {
                ws.send("3");
            } catch (java.util.concurrent.ExecutionException e) {
                // the ping at 1000 ms may cross the close of the connect timeout at 1000 ms: the close frame follows
            }
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertInstanceOf(Ws.Closed.class, frame, "expected the close, got " + frame);
        assertTrue(elapsed >= 900 && elapsed < 3000, "closed after " + elapsed + " ms, connectTimeout is 1000 ms");
        assertEquals(CloseReason.FORCED_CLOSE, within(app.close("silent"), "close"));
    }
}
