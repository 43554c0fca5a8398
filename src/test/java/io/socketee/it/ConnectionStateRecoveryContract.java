package io.socketee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socketee.socketio.adapter.ConnectionStateRecovery;
import io.socketee.socketio.adapter.InMemoryAdapter;
import io.socketee.socketio.protocol.SocketIoParser;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connection state recovery with socket.io-client 4.8 from npm in a real container ({@code recovery-client.js}):
 * the network is cut under the client (TCP reset through a proxy: no close frame, no close packet; a held polling GET
 * fails as on a network error), another client sends to its room meanwhile, and when the network is back the client
 * resumes by itself with the same id and rooms and gets every missed message once, in order, middlewares skipped;
 * over polling, WebSocket and polling upgraded to WebSocket. Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConnectionStateRecoveryContract {
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(40);

    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    private SocketIoProtocolApp app;
    private int port;
    private final AtomicInteger tags = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        app = new SocketIoProtocolApp(InMemoryAdapter::new, SocketIoParser.json(), Optional.of(ConnectionStateRecovery.builder()
                .maxDisconnectionDuration(Duration.ofSeconds(10)).build()), false);
        container = harness();
        port = container.start(app);
    }

    @AfterAll
    void stop() throws Exception {
        if (container != null) {
            container.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void noSocketLeft() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!app.io().sockets().sockets().isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(0, app.io().sockets().sockets().size(), "sockets left after the clients went away");
    }

    @ParameterizedTest(name = "socket.io-client 4.x, {0}")
    @ValueSource(strings = {"polling", "websocket", "upgrade"})
    void aClientCutOffResumesItsSessionWithTheMissedPackets(String mode) {
        assumeTrue(NodeClients.available(), "npm clients not installed (run: npm ci in src/test/node)");
        String transports = switch (mode) {
            case "polling" -> "[\"polling\"]";
            case "websocket" -> "[\"websocket\"]";
            default -> "[\"polling\",\"websocket\"]";
        };
        String argument = "{\"url\":\"http://127.0.0.1:" + port + "\",\"transports\":" + transports
                + ",\"upgrade\":" + mode.equals("upgrade")
                + ",\"expectTransport\":\"" + (mode.equals("polling") ? "polling" : "websocket") + "\""
                + ",\"tag\":\"recovery-" + mode + "-" + tags.incrementAndGet() + "\",\"downMs\":300"
                + ",\"timeoutMs\":30000}";
        NodeClients.Result first = NodeClients.run("recovery-client.js", argument, NODE_TIMEOUT);
        // The app's heartbeat (300 + 200 ms) may close a first connection to a cold JVM before the network is cut;
        // that is not what this test is about: once more, then it counts.
        NodeClients.Result result = first.output().contains("FAIL connect through the proxy")
                ? NodeClients.run("recovery-client.js", argument, NODE_TIMEOUT) : first;
        assertTrue(result.ok(), () -> "recovery over " + mode + " on " + container.name() + ": " + result.output()
                + (result == first ? "" : " (first try: " + first.output() + ")"));
        assertTrue(result.output().contains("OK recovered"), result.output());
    }
}
