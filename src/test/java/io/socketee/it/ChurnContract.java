package io.socketee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.socketio.SocketIoServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connection churn with socket.io-client 4.x ({@code src/test/node/churn.js}): {@code socketee.churn.cycles} (10,000)
 * connect / emit with ack / disconnect cycles, 20 at a time, over one transport, after a warm-up of 1000. Afterwards
 * the engine holds no session, the used heap after GC is within 5% of the warmed-up baseline (the container runs in
 * this JVM; when it is not, half as many cycles more must add less than a quarter of that growth: containers fill
 * bounded caches, a leak grows with the cycles),
 * our own threads ({@code socketee-*}) have not grown, threads other than the containers' request pools have not grown
 * beyond a few, and the pools stay within their maximum. Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ChurnContract {
    private static final int CYCLES = Integer.getInteger("socketee.churn.cycles", 10_000);
    private static final int WARM_UP = 1000;
    private static final int CONCURRENCY = 20;
    /** Threads other than the containers' request pools that may come and go (JDK and container helpers). */
    private static final int THREAD_SLACK = 4;
    /** The request pools' maximum on both containers (Jetty's QueuedThreadPool, Tomcat's maxThreads). */
    private static final int POOL_MAX = 200;

    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    private EngineIoServer engine;
    private SocketIoServer io;
    private int port;

    @BeforeAll
    void start() throws Exception {
        engine = EngineIoServer.create(EngineIoConfig.builder().build());
        io = SocketIoServer.create(engine);
        io.onConnection(socket -> socket.on("ok", (args, ack) -> ack.send(args.toArray())));
        container = harness();
        port = container.serve(engine);
    }

    @AfterAll
    void stop() throws Exception {
        // The server first, as an application's shutdown would: the container then finds no thread of ours.
        if (io != null) {
            io.close();
        }
        if (container != null) {
            container.close();
        }
    }

    private long churn(String transport, int cycles) {
        String json = "{\"url\":\"http://127.0.0.1:" + port + "\",\"transport\":\"" + transport + "\",\"cycles\":"
                + cycles + ",\"concurrency\":" + CONCURRENCY + ",\"timeoutMs\":170000}";
        long start = System.nanoTime();
        NodeClients.Result result = NodeClients.run("churn.js", json, Duration.ofMinutes(3));
        assertTrue(result.ok(), () -> "churn over " + transport + " on " + container.name() + ": " + result.output());
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private void awaitNoSession() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (engine.clientsCount() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(0, engine.clientsCount(), "sessions left after the churn");
        assertEquals(0, io.sockets().sockets().size(), "sockets left after the churn");
    }

    private static long ownThreads() {
        return threads(name -> name.startsWith("socketee-"));
    }

    /** Jetty's ({@code qtp…-N}) and Tomcat's ({@code http-nio-…-exec-N}) request threads, which grow and shrink. */
    private static boolean poolThread(String name) {
        return name.matches("qtp\\d+-\\d+") || name.matches("http-nio-.*-exec-\\d+");
    }

    private static long threads(java.util.function.Predicate<String> name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> name.test(t.getName())).count();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void leavesNoSessionThreadOrHeapBehind(String transport) throws Exception {
        assumeTrue(NodeClients.available(), "npm clients not installed (run: npm ci in src/test/node)");
        churn(transport, WARM_UP);
        awaitNoSession();
        long heapBefore = Heap.usedAfterGc();
        long otherBefore = threads(name -> !poolThread(name));
        long ownBefore = ownThreads();

        long millis = churn(transport, CYCLES);
        awaitNoSession();
        long heapAfter = Heap.usedAfterGc();
        long otherAfter = threads(name -> !poolThread(name));
        long poolAfter = threads(ChurnContract::poolThread);
        long ownAfter = ownThreads();
        System.out.printf("churn (%s, %s): %d cycles in %d ms; used heap after GC %d KB -> %d KB (%+.1f%%); threads "
                + "other than request pools %d -> %d, request pool %d, socketee-* %d -> %d%n", container.name(),
                transport, CYCLES, millis, heapBefore >> 10, heapAfter >> 10,
                100.0 * (heapAfter - heapBefore) / heapBefore, otherBefore, otherAfter, poolAfter, ownBefore, ownAfter);

        if (heapAfter > heapBefore * 1.05) {
            // Containers fill bounded caches (Tomcat keeps up to 500 channels with their buffers, Jetty pools byte
            // buffers): a leak keeps growing with more cycles, a cache does not.
            churn(transport, CYCLES / 2);
            awaitNoSession();
            long heapAgain = Heap.usedAfterGc();
            System.out.printf("churn (%s, %s): %d more cycles; used heap after GC %d KB%n", container.name(),
                    transport, CYCLES / 2, heapAgain >> 10);
            // A leak would add about half its first growth again; a filling cache adds next to nothing.
            assertTrue(heapAgain <= heapBefore * 1.05 || heapAgain - heapAfter <= (heapAfter - heapBefore) / 4,
                    "used heap after GC grew from " + (heapBefore >> 10) + " KB to " + (heapAfter >> 10)
                            + " KB, then to " + (heapAgain >> 10) + " KB");
        }
        // Other servers of this JVM's earlier tests may still be letting idle threads go (Redis adapter threads).
        assertTrue(ownAfter <= ownBefore, "threads of ours grew from " + ownBefore + " to " + ownAfter);
        assertTrue(otherAfter <= otherBefore + THREAD_SLACK, "threads other than the request pools grew from "
                + otherBefore + " to " + otherAfter);
        assertTrue(poolAfter <= POOL_MAX, poolAfter + " request pool threads");
    }
}
