package io.socketee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socketee.socketio.DisconnectReason;
import io.socketee.socketio.protocol.msgpack.MsgPackParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The msgpack parser with real clients in a real container: {@link SocketIoClientsApp} made with
 * {@link MsgPackParser}, socket.io-client 4.8.1 with {@code socket.io-msgpack-parser} 3.0.2 from npm over polling only,
 * WebSocket only, and polling upgraded to WebSocket (namespaces, rooms, acks both ways, binary, non-ASCII text,
 * refusals, disconnects); a client with the default parser is turned away; and headless Chromium with the jar's
 * served {@code socket.io.msgpack.min.js}. Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SocketIoMsgPackContract {
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(30);
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    private SocketIoClientsApp app;
    private int port;
    private final AtomicInteger tags = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        app = new SocketIoClientsApp(MsgPackParser.create());
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

    private String run(String mode, String scenario, String parser) {
        return run(mode, scenario, parser, scenario + "-" + mode + "-" + tags.incrementAndGet());
    }

    private String run(String mode, String scenario, String parser, String tag) {
        assumeTrue(NodeClients.available(), "npm clients not installed (run: npm ci in src/test/node)");
        String transports = switch (mode) {
            case "polling" -> "[\"polling\"]";
            case "websocket" -> "[\"websocket\"]";
            default -> "[\"polling\",\"websocket\"]";
        };
        String json = "{\"url\":\"http://127.0.0.1:" + port + "\",\"client\":\"4\",\"transports\":" + transports
                + ",\"upgrade\":" + mode.equals("upgrade") + ",\"waitUpgrade\":" + mode.equals("upgrade")
                + ",\"expectTransport\":\"" + (mode.equals("polling") ? "polling" : "websocket") + "\""
                + ",\"scenario\":\"" + scenario + "\",\"tag\":\"" + tag + "\",\"timeoutMs\":15000"
                + (parser == null ? "" : ",\"parser\":\"" + parser + "\"") + "}";
        NodeClients.Result result = NodeClients.run("sio-client.js", json, NODE_TIMEOUT);
        assertTrue(result.ok(), () -> "socket.io-client 4.x (" + (parser == null ? "default" : parser)
                + " parser) " + scenario + " over " + mode + " on " + container.name() + ": " + result.output());
        return result.output();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"polling", "websocket", "upgrade"})
    void multiplexesNamespacesOnOneConnection(String mode) {
        run(mode, "multiplex", "msgpack");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"polling", "websocket", "upgrade"})
    void broadcastsToARoomExceptAnotherRoom(String mode) {
        run(mode, "rooms", "msgpack");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"polling", "websocket", "upgrade"})
    void acksBothWays(String mode) {
        run(mode, "acks", "msgpack");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"polling", "websocket", "upgrade"})
    void carriesBinaryNestedInObjectsBothWays(String mode) {
        run(mode, "binary", "msgpack");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"polling", "websocket", "upgrade"})
    void carriesNonAsciiTextBothWays(String mode) {
        run(mode, "unicode", "msgpack");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"polling", "websocket"})
    void admitsAndRefusesWithTheMiddlewaresMessageAndData(String mode) {
        run(mode, "auth", "msgpack");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"polling", "websocket"})
    void disconnectsFromEitherSide(String mode) throws Exception {
        String tag = "disconnects-" + mode + "-" + tags.incrementAndGet();
        run(mode, "disconnects", "msgpack", tag);
        assertEquals(DisconnectReason.SERVER_NAMESPACE_DISCONNECT,
                app.disconnect(tag, "/second").get(5, TimeUnit.SECONDS));
        assertEquals(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT,
                app.disconnect(tag, "/private").get(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"polling", "websocket"})
    void closesTheConnectionOfAClientWithTheDefaultParser(String mode) {
        run(mode, "wrongParser", null);
    }

    @Test
    void connectsFromHeadlessChromiumWithTheServedMsgPackBundle() {
        assumeTrue(NodeClients.available(), "npm clients not installed (run: npm ci in src/test/node)");
        assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " not found (Debian: apt-get install -y chromium)");
        NodeClients.Result result = NodeClients.run("msgpack-browser.js", "{\"url\":\"http://127.0.0.1:" + port
                + "\",\"chromium\":\"" + CHROMIUM + "\"}", Duration.ofSeconds(90));
        assertTrue(result.ok(), () -> "Chromium on " + container.name() + ": " + result.output());
        assertTrue(result.output().contains("polling: polling") && result.output().contains("websocket: websocket"),
                result.output());
    }
}
