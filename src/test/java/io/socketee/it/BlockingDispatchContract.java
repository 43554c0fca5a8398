package io.socketee.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socketee.socketio.adapter.InMemoryAdapter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Blocking handlers do not block the container: against {@link SocketIoProtocolApp} (whose {@code slow} handler
 * sleeps on the blocking executor) in a real container, 200 socket.io-client 4.x sockets over WebSocket keep calling
 * {@code slow(200)} while a bystander socket, in a Node process of its own, keeps emitting {@code message-with-ack}
 * (an inline handler) for 5 s, timing each ack and the gaps between the server's pings (interval 250 ms;
 * {@code src/test/node/blocking-load.js}). Were the handlers run on the
 * threads that read the packets, the bystander's acks and its heartbeat would wait behind the sleeps. The bystander's
 * ack p99 and the pings' lateness p99 (beyond the ping interval) must stay under 50 ms, in one of three measurements;
 * the figures of each are printed (and stated in the README). Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BlockingDispatchContract {
    private static final int SOCKETS = 200;
    private static final int SLEEP_MILLIS = 200;
    private static final double BOUND_MILLIS = 50;
    private static final int MEASURED_MILLIS = 5000;
    private static final int PING_INTERVAL_MILLIS = 250;
    /**
     * Measurements tried before the test fails: the test machine may be busy with other work for a moment (CI on two
     * cores), which delays the bystander whatever the dispatch; handlers run on the container threads miss the bound
     * every time.
     */
    private static final int ATTEMPTS = 3;

    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    private SocketIoProtocolApp app;
    private int port;

    @BeforeAll
    void start() throws Exception {
        // A 250 ms heartbeat, so that the pings are measured often; a patient ping timeout, since the Node process
        // that drives 200 sockets may answer late while it opens them.
        app = new SocketIoProtocolApp(InMemoryAdapter::new, Duration.ofMillis(PING_INTERVAL_MILLIS),
                Duration.ofSeconds(10));
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
    void slowBlockingHandlersLeaveTheBystandersAcksAndHeartbeatOnTime() throws Exception {
        assumeTrue(NodeClients.available(), "npm clients not installed (run: npm ci in src/test/node)");
        List<String> attempts = new ArrayList<>();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Measured measured = measure();
            attempts.add("attempt " + attempt + ": " + measured);
            System.out.println(getClass().getSimpleName() + " " + attempts.get(attempts.size() - 1));
            if (measured.onTime()) {
                return;
            }
        }
        fail("the bystander's ack p99 or ping lateness p99 reached " + BOUND_MILLIS + " ms in every attempt: "
                + attempts);
    }

    /** One measurement: the bystander's figures and the load's. */
    private record Measured(JsonObject bystanderAck, JsonObject pingLateness, JsonObject slowAck) {
        boolean onTime() {
            return bystanderAck.getJsonNumber("p99").doubleValue() < BOUND_MILLIS
                    && pingLateness.getJsonNumber("p99").doubleValue() < BOUND_MILLIS;
        }

        @Override
        public String toString() {
            return "bystanderAck " + bystanderAck + ", pingLateness " + pingLateness + ", slowAck " + slowAck;
        }
    }

    /** Runs the load and the probe once; fails when either fails or a figure shows the run did not happen. */
    private Measured measure() throws Exception {
        Path dir = Files.createTempDirectory("socketee-blocking");
        String common = "\"url\":\"http://127.0.0.1:" + port + "\",\"readyFile\":\"" + dir.resolve("ready")
                + "\",\"stopFile\":\"" + dir.resolve("stop") + "\"";
        CompletableFuture<NodeClients.Result> load = CompletableFuture.supplyAsync(() -> NodeClients.run(
                "blocking-load.js", "{\"role\":\"load\"," + common + ",\"sockets\":" + SOCKETS + ",\"ms\":"
                        + SLEEP_MILLIS + "}", Duration.ofMinutes(2)));
        NodeClients.Result probe = NodeClients.run("blocking-load.js", "{\"role\":\"probe\"," + common
                + ",\"durationMs\":" + MEASURED_MILLIS + ",\"pingInterval\":" + PING_INTERVAL_MILLIS + "}",
                Duration.ofMinutes(2));
        Files.writeString(dir.resolve("stop"), "stop");   // also when the probe failed
        NodeClients.Result loaded = load.get(2, TimeUnit.MINUTES);
        assertTrue(probe.ok(), () -> "probe on " + getClass().getSimpleName() + ": " + probe.output());
        assertTrue(loaded.ok(), () -> "load on " + getClass().getSimpleName() + ": " + loaded.output());
        JsonObject result = result(probe);
        Measured measured = new Measured(result.getJsonObject("bystanderAck"), result.getJsonObject("pingLateness"),
                result(loaded).getJsonObject("slowAck"));
        assertTrue(measured.slowAck().getInt("count") >= SOCKETS, () -> "every slow socket was answered: " + measured);
        assertTrue(measured.slowAck().getJsonNumber("p50").doubleValue() >= SLEEP_MILLIS,
                () -> "the handlers slept: " + measured);
        assertTrue(measured.bystanderAck().getInt("count") > 20, () -> "the bystander kept asking: " + measured);
        assertTrue(measured.pingLateness().getInt("count") >= 10, () -> "the bystander saw pings: " + measured);
        return measured;
    }

    private static JsonObject result(NodeClients.Result run) {
        String line = run.output().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        return Json.createReader(new StringReader(line.substring("RESULT ".length()))).readObject();
    }
}
