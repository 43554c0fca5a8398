package io.socketee.testing;

import io.socketee.socketio.adapter.Adapter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A message bus between servers in one JVM, in place of Redis: servers whose {@code SocketIoConfig} takes
 * {@link #adapter()} form a cluster, and every cluster operation of the adapter SPI crosses it as it would cross
 * Redis: broadcasts (rooms, except, volatile, binary) reach the clients of every node, broadcasts with acks collect the
 * answers of remote clients, {@code fetchSockets} returns proxies of remote sockets (their data copied as JSON, as on
 * the wire) whose {@code emit}, {@code join}, {@code leave} and {@code disconnect} travel back over the bus,
 * {@code socketsJoin}/{@code socketsLeave}/{@code disconnectSockets}, {@code serverSideEmit} with and without acks,
 * {@code allRooms} and {@code serverCount}. A namespace is in the cluster on the nodes where it exists.
 *
 * <p>Every node's adapter is the cluster template ({@link io.socketee.socketio.adapter.ClusterAdapter}) with this bus as
 * its backend. Messages are delivered on the sending thread by default, one at a time, in order (a message sent while
 * one is being delivered is delivered right after it, by the same thread); give an executor to deliver them elsewhere
 * (the {@link VirtualClock}, to deliver them when the test advances it). Requests that wait for answers
 * ({@code serverSideEmitWithAck}) time out after {@code requestsTimeout} on the given scheduler (5 s by default, as the
 * Redis adapter's).
 *
 * <p>Threading: thread-safe; the nodes' adapters are called on whatever thread delivers.
 */
public final class InMemoryBus {
    private static final System.Logger LOG = System.getLogger(InMemoryBus.class.getName());
    private final Map<String, List<BusAdapter>> namespaces = new HashMap<>();   // guarded by this
    private final Executor delivery;
    private final ScheduledExecutorService timers;
    private final Duration requestsTimeout;
    private int nextNode;   // guarded by this
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();   // guarded by itself, as is delivering
    private boolean delivering;

    private InMemoryBus(Executor delivery, ScheduledExecutorService timers, Duration requestsTimeout) {
        this.delivery = delivery;
        this.timers = timers;
        this.requestsTimeout = requestsTimeout;
    }

    /** A bus that delivers on the sending thread, with requests timing out on {@code timers} after 5 s. */
    public static InMemoryBus create(ScheduledExecutorService timers) {
        return create(Runnable::run, timers, Duration.ofSeconds(5));
    }

    /**
     * A bus that delivers with {@code delivery}, with requests timing out on {@code timers} after
     * {@code requestsTimeout}.
     */
    public static InMemoryBus create(Executor delivery, ScheduledExecutorService timers, Duration requestsTimeout) {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(timers, "timers");
        if (requestsTimeout.isNegative() || requestsTimeout.isZero()) {
            throw new IllegalArgumentException("requestsTimeout must be positive");
        }
        return new InMemoryBus(delivery, timers, requestsTimeout);
    }

    /**
     * The adapter factory of one node: each server that takes it (one call per server) is a node of this bus. Each
     * call makes a new node.
     */
    public Adapter.Factory adapter() {
        int node;
        synchronized (this) {
            node = nextNode++;
        }
        return host -> new BusAdapter(this, node, host);
    }

    synchronized void join(BusAdapter adapter) {
        namespaces.computeIfAbsent(adapter.namespaceName(), n -> new ArrayList<>()).add(adapter);
    }

    synchronized void leave(BusAdapter adapter) {
        List<BusAdapter> nodes = namespaces.get(adapter.namespaceName());
        if (nodes != null) {
            nodes.remove(adapter);
            if (nodes.isEmpty()) {
                namespaces.remove(adapter.namespaceName());
            }
        }
    }

    /** The other nodes' adapters of the namespace of {@code self}. */
    synchronized List<BusAdapter> others(BusAdapter self) {
        List<BusAdapter> out = new ArrayList<>(namespaces.getOrDefault(self.namespaceName(), List.of()));
        out.remove(self);
        return out;
    }

    /** Every node's adapter of that namespace. */
    synchronized int nodes(String namespace) {
        return namespaces.getOrDefault(namespace, List.of()).size();
    }

    /**
     * Delivers {@code message} through the delivery executor, one message of the bus at a time and in order (as the
     * cluster template wants of a backend): a message sent while another is being delivered waits in the queue and is
     * delivered by the thread already delivering, after it, so that nested sends neither recurse nor deadlock.
     */
    void deliver(Runnable message) {
        delivery.execute(() -> {
            synchronized (queue) {
                queue.add(message);
                if (delivering) {
                    return;
                }
                delivering = true;
            }
            while (true) {
                Runnable next;
                synchronized (queue) {
                    next = queue.poll();
                    if (next == null) {
                        delivering = false;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a node of the in-memory bus failed on a message", e);
                }
            }
        });
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    Duration requestsTimeout() {
        return requestsTimeout;
    }
}
