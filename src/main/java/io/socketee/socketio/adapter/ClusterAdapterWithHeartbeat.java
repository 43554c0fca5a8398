package io.socketee.socketio.adapter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ClusterAdapter} that knows the other nodes by hearing from them, as Node's
 * {@code ClusterAdapterWithHeartbeat}: for backends with no count of their own (a stream, a database). Each node
 * publishes a heartbeat every {@code heartbeatInterval} and an initial one when it starts (which the others answer at
 * once with theirs); any message counts as a sign of life; a node silent for longer than {@code heartbeatTimeout}, or
 * whose adapter closed, is gone. {@link #serverCount()} is one plus the nodes alive, and a request waits for an answer
 * from each of them; one that goes away is no longer waited for.
 *
 * <p>The backend calls {@link #startHeartbeat()} once it receives messages, and {@link #close()} publishes
 * {@link ClusterMessage.AdapterClose} (before the backend stops publishing). Thread-safe, as {@link ClusterAdapter}.
 */
public abstract class ClusterAdapterWithHeartbeat extends ClusterAdapter {
    /** Node's default interval between heartbeats: 5 s. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    /** Node's default time without a message after which a node is gone: 10 s. */
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);
    /** The id {@code @socket.io/*-emitter}s send with: an emitter is not a node. */
    public static final String EMITTER_UID = "emitter";
    /** More nodes than this are not tracked (a bound against a flood of forged ids). */
    static final int MAX_NODES = 10_000;

    private final long heartbeatIntervalMillis;
    private final long heartbeatTimeoutNanos;
    /** The other nodes, with the time (nanoTime) they were last heard from. */
    private final Map<String, Long> nodes = new ConcurrentHashMap<>();
    private final Object timerLock = new Object();
    /** The next heartbeat; guarded by {@link #timerLock}. */
    private Timer heartbeat;
    private boolean started;

    /**
     * @param heartbeatInterval time between two heartbeats of this node
     * @param heartbeatTimeout  time without a message after which another node is gone; longer than the interval
     */
    protected ClusterAdapterWithHeartbeat(AdapterHost host, String uid, Duration requestsTimeout, Timers timers,
                                          Duration heartbeatInterval, Duration heartbeatTimeout) {
        super(host, uid, requestsTimeout, timers);
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
                || heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("heartbeatInterval must be positive and heartbeatTimeout longer");
        }
        this.heartbeatIntervalMillis = heartbeatInterval.toMillis();
        this.heartbeatTimeoutNanos = heartbeatTimeout.toNanos();
    }

    /** Publishes the initial heartbeat and starts the periodic ones (and the check for silent nodes). Once. */
    protected final void startHeartbeat() {
        synchronized (timerLock) {
            if (started || isClosed()) {
                return;
            }
            started = true;
        }
        doPublishQuietly(new ClusterMessage.Heartbeat(uid(), true));
        scheduleHeartbeat();
    }

    private void scheduleHeartbeat() {
        synchronized (timerLock) {
            if (isClosed()) {
                return;
            }
            heartbeat = timers().schedule(this::beat, heartbeatIntervalMillis);
        }
    }

    private void beat() {
        if (isClosed()) {
            return;
        }
        removeSilentNodes();
        doPublishQuietly(new ClusterMessage.Heartbeat(uid(), false));
        scheduleHeartbeat();
    }

    private void removeSilentNodes() {
        long now = timers().nanoTime();
        for (Map.Entry<String, Long> node : Set.copyOf(nodes.entrySet())) {
            if (now - node.getValue() > heartbeatTimeoutNanos && nodes.remove(node.getKey(), node.getValue())) {
                nodeGone(node.getKey());
            }
        }
    }

    private void doPublishQuietly(ClusterMessage message) {
        try {
            doPublish(message);
        } catch (RuntimeException e) {
            // the backend logs its own failures; a heartbeat is sent again soon
        }
    }

    /** The other nodes heard from within the heartbeat timeout. */
    protected final Set<String> liveNodes() {
        removeSilentNodes();
        return Set.copyOf(nodes.keySet());
    }

    @Override
    public CompletableFuture<Integer> serverCount() {
        return CompletableFuture.completedFuture(1 + liveNodes().size());
    }

    @Override
    protected CompletableFuture<Responders> responders() {
        return CompletableFuture.completedFuture(Responders.of(liveNodes()));
    }

    @Override
    protected void onMessage(ClusterMessage message, String offset) {
        String node = message.uid();
        if (isClosed() || node.equals(uid())) {
            return;
        }
        if (message instanceof ClusterMessage.AdapterClose) {
            if (nodes.remove(node) != null) {
                nodeGone(node);
            }
            return;
        }
        if (!node.isEmpty() && !node.equals(EMITTER_UID) && (nodes.size() < MAX_NODES || nodes.containsKey(node))) {
            nodes.put(node, timers().nanoTime());
        }
        if (message instanceof ClusterMessage.Heartbeat beat) {
            if (beat.initial()) {
                doPublishQuietly(new ClusterMessage.Heartbeat(uid(), false));
            }
            return;
        }
        super.onMessage(message, offset);
    }

    @Override
    protected void onResponse(ClusterResponse response) {
        String node = response.uid();
        if (!node.isEmpty() && nodes.containsKey(node)) {
            nodes.put(node, timers().nanoTime());
        }
        super.onResponse(response);
    }

    /** Tells the other nodes this one is gone, stops the heartbeat, then closes as {@link ClusterAdapter#close()}. */
    @Override
    public void close() {
        boolean wasStarted;
        synchronized (timerLock) {
            if (isClosed()) {
                return;
            }
            wasStarted = started;
            if (heartbeat != null) {
                heartbeat.cancel();
            }
        }
        if (wasStarted) {
            doPublishQuietly(new ClusterMessage.AdapterClose(uid()));
        }
        super.close();
        synchronized (timerLock) {
            if (heartbeat != null) {
                heartbeat.cancel();
            }
        }
        nodes.clear();
    }

    /** For tests: the other nodes known now, silent ones included. */
    List<String> knownNodes() {
        return List.copyOf(nodes.keySet());
    }
}
