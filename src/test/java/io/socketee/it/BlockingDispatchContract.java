package io.socketee.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socketee.socketio.adapter.InMemoryAdapter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Blocking handlers do not block the container: against {@link SocketIoProtocolApp} (whose {@code slow} handler
 * sleeps on the blocking executor) in a real container, 200 socket.io-client 4.x sockets over WebSocket keep calling
 * {@code slow(200)} for 5 s while a bystander socket keeps emitting {@code message-with-ack} (an inline handler) and
 * timing each ack and the server's pings ({@code src/test/node/blocking-load.js}). Were the handlers run on the
 * threads that read the packets, the bystander's acks and its heartbeat would wait behind the sleeps. The bystander's
 * ack p99 and the pings' lateness (beyond the ping interval) must stay under 50 ms; the figures are printed (and
 * stated in the README). Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BlockingDispatchContract {
    private static final int SOCKETS = 200;
    private static final int SLEEP_MILLIS = 200;
    private static final double BOUND_MILLIS = 50;

    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    private SocketIoProtocolApp app;
    private int port;

    @BeforeAll
    void start() throws Exception {
        // A 500 ms heartbeat, so that the pings are measured often; a patient ping timeout, since the one Node
        // process that drives 201 sockets may answer late while it opens them.
        app = new SocketIoProtocolApp(InMemoryAdapter::new, Duration.ofMillis(500), Duration.ofSeconds(10));
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

    @Test
    void slowBlockingHandlersLeaveTheBystandersAcksAndHeartbeatOnTime() {
        assumeTrue(NodeClients.available(), "npm clients not installed (run: npm ci in src/test/node)");
        NodeClients.Result run = NodeClients.run("blocking-load.js", "{\"url\":\"http://127.0.0.1:" + port
                + "\",\"sockets\":" + SOCKETS + ",\"ms\":" + SLEEP_MILLIS
                + ",\"durationMs\":5000,\"pingInterval\":500}",
                Duration.ofSeconds(90));
        assertTrue(run.ok(), () -> "blocking-load.js on " + getClass().getSimpleName() + ": " + run.output());
        String line = run.output().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        JsonObject result = Json.createReader(new StringReader(line.substring("RESULT ".length()))).readObject();
        System.out.println(getClass().getSimpleName() + ": " + result);
        JsonObject bystander = result.getJsonObject("bystanderAck");
        JsonObject pings = result.getJsonObject("pingLateness");
        JsonObject slow = result.getJsonObject("slowAck");
        assertTrue(slow.getInt("count") >= SOCKETS, () -> "every slow socket was answered: " + result);
        assertTrue(slow.getJsonNumber("p50").doubleValue() >= SLEEP_MILLIS, () -> "the handlers slept: " + result);
        assertTrue(bystander.getInt("count") > 20, () -> "the bystander kept asking: " + result);
        assertTrue(pings.getInt("count") >= 5, () -> "the bystander saw the heartbeat: " + result);
        assertTrue(bystander.getJsonNumber("p99").doubleValue() < BOUND_MILLIS, () -> "bystander ack p99: " + result);
        assertTrue(pings.getJsonNumber("max").doubleValue() < BOUND_MILLIS, () -> "ping lateness: " + result);
    }
}
