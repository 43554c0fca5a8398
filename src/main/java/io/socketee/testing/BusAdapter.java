package io.socketee.testing;

import io.socketee.socketio.Json;
import io.socketee.socketio.adapter.AdapterHost;
import io.socketee.socketio.adapter.ClusterAdapter;
import io.socketee.socketio.adapter.ClusterMessage;
import io.socketee.socketio.adapter.ClusterResponse;
import jakarta.json.JsonValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The adapter of one node of an {@link InMemoryBus}: the cluster template with the bus as its backend, so that the
 * kit's clusters run the same request handling, ack correlation and remote-socket proxies as the Redis adapters; only
 * the moving of messages is the bus's (the messages themselves, not their bytes: they are immutable). Thread-safe.
 */
final class BusAdapter extends ClusterAdapter {
    private final InMemoryBus bus;
    private final int node;

    BusAdapter(InMemoryBus bus, int node, AdapterHost host) {
        super(host, randomId(16), bus.requestsTimeout(), timersOf(bus));
        this.bus = bus;
        this.node = node;
        bus.join(this);
    }

    private static Timers timersOf(InMemoryBus bus) {
        return new Timers() {
            @Override
            public Timer schedule(Runnable task, long delayMillis) {
                ScheduledFuture<?> scheduled = bus.timers().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
                return () -> scheduled.cancel(false);
            }

            @Override
            public long nanoTime() {
                return bus.timers() instanceof VirtualClock clock ? clock.now().toNanos() : System.nanoTime();
            }
        };
    }

    String namespaceName() {
        return host.namespace();
    }

    @Override
    protected CompletableFuture<?> doPublish(ClusterMessage message) {
        for (BusAdapter other : bus.others(this)) {
            bus.deliver(() -> other.onMessage(message));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected CompletableFuture<?> doPublishResponse(String requesterUid, ClusterResponse response) {
        for (BusAdapter other : bus.others(this)) {
            if (other.uid().equals(requesterUid)) {
                bus.deliver(() -> other.onResponse(response));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected JsonValue toJson(Object value) {
        return Json.toJson(value);
    }

    @Override
    public CompletableFuture<Integer> serverCount() {
        return CompletableFuture.completedFuture(bus.nodes(namespaceName()));
    }

    @Override
    public void close() {
        bus.leave(this);
        super.close();
    }

    @Override
    public String toString() {
        return "BusAdapter[node " + node + ", " + namespaceName() + "]";
    }
}
