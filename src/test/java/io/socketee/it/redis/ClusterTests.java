package io.socketee.it.redis;

import io.socketee.socketio.adapter.Adapter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What the Redis cluster tests share: waiting for what other nodes do, counting the nodes, and tidying up. */
final class ClusterTests {
    private ClusterTests() {
    }

    /** Polls {@code condition} every 50 ms for up to 10 s. */
    static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within 10 s: " + what);
    }

    /** The adapter's node count, or -1 while it cannot tell. */
    static int serverCount(Adapter adapter) {
        try {
            return adapter.serverCount().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return -1;
        }
    }

    /** Closes each that is not null, in order. */
    static void closeAll(AutoCloseable... closeables) throws Exception {
        for (AutoCloseable closeable : closeables) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    /** Closes a test's clients, then waits until the servers let their sockets go. */
    static void closeClients(List<TestClient> clients, Supplier<Boolean> gone) throws InterruptedException {
        clients.forEach(TestClient::close);
        clients.clear();
        await(gone, "the clients' sockets gone from the servers");
    }
}
