package io.socketee.socketio.adapter;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.socketio.core.Ack;
import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.protocol.Binary;
import io.socketee.socketio.protocol.Packet;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The template of a cluster adapter, as Node's {@code ClusterAdapter}: it owns the fan-out to the other nodes, the
 * correlation of requests and their answers (with their timeouts), the acks of broadcasts across nodes, the proxies
 * of other nodes' sockets, and the handling of every request from another node. A backend only moves messages:
 *
 * <ul>
 *   <li>it implements {@link #doPublish} (to every other node) and {@link #doPublishResponse} (to the requester), each
 *       encoding a {@link ClusterMessage} or {@link ClusterResponse} into its own wire;</li>
 *   <li>it decodes what it receives and calls {@link #onMessage} and {@link #onResponse}, one at a time, in order;</li>
 *   <li>it says how many nodes there are: by overriding {@link #serverCount()} (a count the backend has, as Redis's
 *       {@code PUBSUB NUMSUB}), or by extending {@link ClusterAdapterWithHeartbeat}, which counts the nodes it hears
 *       from.</li>
 * </ul>
 *
 * <p>A request waits for the answers of the other nodes ({@link #responders()}) at most {@code requestsTimeout}; a
 * broadcast with acks keeps its callbacks for its own timeout (10 s by default). Local delivery never waits for the
 * backend: a failed publication is logged by the backend and local sockets get the packet all the same.
 *
 * <p>Thread-safe. {@link #onMessage} and {@link #onResponse} must not be called concurrently with themselves (a
 * backend hands them one message at a time, as it received them); the other methods are called from any thread.
 * Each pending request is guarded by its own monitor, which no callback into the application is called under except
 * the completion of the request's future (completed by the thread that delivered the last answer, or the timer).
 */
public abstract class ClusterAdapter extends InMemoryAdapter {
    private static final System.Logger LOG = System.getLogger(ClusterAdapter.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** How long a broadcast with acks keeps its callbacks when it has no timeout of its own (as Node's emitter). */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(10);

    private final String uid;
    private final Duration requestsTimeout;
    private final Timers timers;
    private final Map<String, Pending> requests = new ConcurrentHashMap<>();
    private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();
    /** Whether the backend numbers and keeps the broadcasts for recovery (see the constructor). */
    private final boolean offsetsFromBackend;
    private volatile boolean closed;

    /**
     * The timers a cluster adapter needs: request timeouts, broadcast-with-ack clean-up, heartbeats. Implementations
     * run tasks on their own thread(s); tests pass a virtual clock.
     */
    public interface Timers {
        /** Runs {@code task} once after {@code delayMillis}; the returned handle cancels it. */
        Timer schedule(Runnable task, long delayMillis);

        /** The current time in nanoseconds, for measuring (as {@link System#nanoTime()}). */
        default long nanoTime() {
            return System.nanoTime();
        }
    }

    /** A scheduled task. */
    @FunctionalInterface
    public interface Timer {
        /** Cancels the task if it has not run; harmless after it ran. */
        void cancel();
    }

    /**
     * Whom a request waits for: a number of answers (when the backend counts nodes but its answers do not name
     * them), or the answers of named nodes (when nodes are known by heartbeat; a node that goes away is no longer
     * waited for).
     */
    protected static final class Responders {
        private final int count;
        private final Set<String> uids;

        private Responders(int count, Set<String> uids) {
            this.count = count;
            this.uids = uids;
        }

        /** {@code count} answers, from any node. */
        public static Responders count(int count) {
            return new Responders(Math.max(0, count), null);
        }

        /** One answer from each of these nodes. */
        public static Responders of(Set<String> uids) {
            return new Responders(uids.size(), Set.copyOf(uids));
        }

        int expected() {
            return count;
        }
    }

    /**
     * @param host            the namespace
     * @param uid             this node's id on the wire (see {@link #randomId})
     * @param requestsTimeout how long fetchSockets, allRooms and serverSideEmit with acks wait for the other nodes
     * @param timers          the timers of the adapter
     */
    protected ClusterAdapter(AdapterHost host, String uid, Duration requestsTimeout, Timers timers) {
        this(host, uid, requestsTimeout, timers, false);
    }

    /**
     * @param offsetsFromBackend whether the backend keeps the broadcasts for connection state recovery itself, each
     *                           under the offset its {@link #doPublish} completes with (a stream entry id) and
     *                           {@link #onMessage(ClusterMessage, String)} receives; then this node keeps no packets
     *                           nor sessions in memory, the backend implements {@link #persistSession} and
     *                           {@link #restoreSession}, and with recovery on a broadcast reaches the local sockets
     *                           once published, with its offset (as Node's {@code ClusterAdapter})
     */
    protected ClusterAdapter(AdapterHost host, String uid, Duration requestsTimeout, Timers timers,
                             boolean offsetsFromBackend) {
        super(host, !offsetsFromBackend);
        this.offsetsFromBackend = offsetsFromBackend;
        this.uid = Objects.requireNonNull(uid, "uid");
        this.requestsTimeout = Objects.requireNonNull(requestsTimeout, "requestsTimeout");
        this.timers = Objects.requireNonNull(timers, "timers");
        if (requestsTimeout.isNegative() || requestsTimeout.isZero()) {
            throw new IllegalArgumentException("requestsTimeout must be positive");
        }
    }

    // ------------------------------------------------------------------ what a backend implements

    /**
     * Publishes a message to every other node of the namespace (a node may receive its own messages back: the
     * template ignores those). Must not block.
     *
     * @return completes when the backend took the message, with its offset in the backend's log (a {@code String},
     *         for a backend that has {@code offsetsFromBackend}; the thread that completes it writes the broadcast to
     *         the local sockets), or null when it has none; fails when it could not be published
     */
    protected abstract CompletableFuture<?> doPublish(ClusterMessage message);

    /** Publishes an answer to the node that asked ({@code requesterUid}). Must not block. */
    protected abstract CompletableFuture<?> doPublishResponse(String requesterUid, ClusterResponse response);

    /**
     * The JSON value of an application value (an ack's answer, a remote socket's emit arguments, a socket's data):
     * the server's conversion, which the adapter layer cannot see.
     */
    protected abstract JsonValue toJson(Object value);

    /** The number of nodes, this one included. */
    @Override
    public abstract CompletableFuture<Integer> serverCount();

    /**
     * Whom a request to the other nodes waits for; by default, {@code serverCount() - 1} answers from any node. Fails
     * as {@link #serverCount()} fails.
     */
    protected CompletableFuture<Responders> responders() {
        return serverCount().thenApply(nodes -> Responders.count(nodes - 1));
    }

    /**
     * The exception for a failed cluster operation; backends may return their own subclass of
     * {@link ClusterException}.
     */
    protected RuntimeException failure(String message, Throwable cause) {
        return new ClusterException(message, cause);
    }

    /** A word for "the backend" in error messages (as {@code "Redis"}). */
    protected String backendName() {
        return "the cluster backend";
    }

    // ------------------------------------------------------------------ for backends and subclasses

    /** This node's id on the wire. */
    public final String uid() {
        return uid;
    }

    /** The timers the adapter was created with. */
    protected final Timers timers() {
        return timers;
    }

    /** Whether {@link #close()} ran. */
    protected final boolean isClosed() {
        return closed;
    }

    /** A random id of {@code length} letters and digits, for node and request ids. */
    public static String randomId(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
        }
        return new String(out);
    }

    /** Node's wire form of a local socket: {@code {id, handshake, rooms, data}}. */
    public final JsonObject socketJson(RemoteSocket socket) {
        return RemoteSocketJson.toJson(socket, this);
    }

    /** Strings (and numbers, as text) of a JSON array, in order; empty for anything else. */
    public static Set<String> stringSet(JsonValue value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof JsonArray array) {
            for (JsonValue element : array) {
                if (element instanceof JsonString s && !(element instanceof Binary)) {
                    out.add(s.getString());
                } else if (element instanceof JsonNumber n) {
                    out.add(n.toString());
                }
            }
        }
        return out;
    }

    /** A JSON array of strings. */
    public static JsonArray strings(Iterable<String> values) {
        return RemoteSocketJson.strings(values);
    }

    private CompletableFuture<?> publish(ClusterMessage message) {
        try {
            return doPublish(message);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void publishResponse(String requester, ClusterResponse response) {
        try {
            doPublishResponse(requester, response);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> this + ": answering " + requester + " failed: " + e);
        }
    }

    /** The cause of a failed future. */
    protected static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    // ------------------------------------------------------------------ broadcasting

    /**
     * Publishes an event to the other nodes (unless local), then writes it to the local sockets; with recovery on and
     * offsets from the backend, once the backend gave it its offset (without one if publishing failed, as Node).
     */
    @Override
    public void broadcast(Packet packet, BroadcastOptions options) {
        if (offsetsFromBackend && !options.local() && packet instanceof Packet.Event event
                && host.connectionStateRecovery().isPresent()
                && ConnectionStateRecovery.isKept(packet, options.isVolatile())) {
            publish(new ClusterMessage.Broadcast(uid, event, options)).whenComplete((offset, error) ->
                    broadcastWithOffset(event, options, error == null && offset instanceof String s ? s : null));
            return;
        }
        if (offsetsFromBackend) {
            if (!options.local() && packet instanceof Packet.Event event) {
                publish(new ClusterMessage.Broadcast(uid, event, options));
            }
            broadcastWithOffset(packet, options, null);
            return;
        }
        if (!options.local() && packet instanceof Packet.Event event) {
            publish(new ClusterMessage.Broadcast(uid, event, options));
        }
        super.broadcast(packet, options);
    }

    @Override
    public void broadcastWithAck(Packet.Event packet, BroadcastOptions options, IntConsumer clientCount,
                                 Consumer<JsonValue> onResponse) {
        if (!options.local() && !closed) {
            String requestId = randomId(6);
            Duration timeout = options.timeout().orElse(DEFAULT_ACK_TIMEOUT);
            AckRequest request = new AckRequest(clientCount, onResponse);
            ackRequests.put(requestId, request);
            // no node says when its clients are done answering: the callbacks go after the timeout
            request.cleanup = timers.schedule(() -> ackRequests.remove(requestId, request), timeout.toMillis());
            publish(new ClusterMessage.BroadcastWithAck(uid, requestId, Packet.event(packet.namespace(),
                    packet.data()), options, timeout)).whenComplete((n, error) -> {
                        if (error != null && ackRequests.remove(requestId, request)) {
                            request.cleanup.cancel();
                        }
                    });
        }
        super.broadcastWithAck(packet, options, clientCount, onResponse);
    }

    // ------------------------------------------------------------------ bulk operations

    @Override
    public void addSockets(BroadcastOptions options, Set<String> rooms) {
        super.addSockets(options, rooms);
        if (!options.local()) {
            publish(new ClusterMessage.SocketsJoin(uid, options, rooms));
        }
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> rooms) {
        super.delSockets(options, rooms);
        if (!options.local()) {
            publish(new ClusterMessage.SocketsLeave(uid, options, rooms));
        }
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        if (!options.local()) {
            publish(new ClusterMessage.DisconnectSockets(uid, options, close));
        }
        super.disconnectSockets(options, close);
    }

    // ------------------------------------------------------------------ requests with answers

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        List<RemoteSocket> local = localSockets(options);
        if (options.local()) {
            return CompletableFuture.completedFuture(local);
        }
        return responders().thenCompose(responders -> {
            if (responders.expected() <= 0) {
                return CompletableFuture.completedFuture(local);
            }
            List<RemoteSocket> all = new ArrayList<>(local);
            CompletableFuture<List<RemoteSocket>> result = new CompletableFuture<>();
            String requestId = randomId(6);
            start(new Pending(requestId, RequestType.REMOTE_FETCH, responders) {
                @Override
                boolean accept(ClusterResponse response) {
                    if (!(response instanceof ClusterResponse.FetchSockets answer)) {
                        return false;
                    }
                    for (JsonObject socket : answer.sockets()) {
                        RemoteSocketJson.fromJson(socket, ClusterAdapter.this).ifPresent(all::add);
                    }
                    return true;
                }

                @Override
                void complete() {
                    result.complete(List.copyOf(all));
                }

                @Override
                void fail(Throwable error) {
                    result.completeExceptionally(error);
                }

                @Override
                Throwable timeout() {
                    return failure("timeout reached while waiting for fetchSockets response (" + received + " of "
                            + expected + " other nodes answered within " + requestsTimeout.toMillis() + " ms)", null);
                }
            }, new ClusterMessage.FetchSockets(uid, requestId, options));
            return result;
        });
    }

    @Override
    public CompletableFuture<Set<String>> allRooms() {
        Set<String> local = localRooms();
        return responders().thenCompose(responders -> {
            if (responders.expected() <= 0) {
                return CompletableFuture.completedFuture(local);
            }
            Set<String> all = new LinkedHashSet<>(local);
            CompletableFuture<Set<String>> result = new CompletableFuture<>();
            String requestId = randomId(6);
            start(new Pending(requestId, RequestType.ALL_ROOMS, responders) {
                @Override
                boolean accept(ClusterResponse response) {
                    if (!(response instanceof ClusterResponse.AllRooms answer)) {
                        return false;
                    }
                    all.addAll(answer.rooms());
                    return true;
                }

                @Override
                void complete() {
                    result.complete(Set.copyOf(all));
                }

                @Override
                void fail(Throwable error) {
                    result.completeExceptionally(error);
                }

                @Override
                Throwable timeout() {
                    return failure("timeout reached while waiting for allRooms response (" + received + " of "
                            + expected + " other nodes answered)", null);
                }
            }, new ClusterMessage.AllRooms(uid, requestId));
            return result;
        });
    }

    @Override
    public CompletableFuture<List<JsonValue>> serverSideEmit(List<JsonValue> eventAndArgs, boolean withAck) {
        JsonArray data = eventAndArgs instanceof JsonArray array ? array
                : PROVIDER.createArrayBuilder(eventAndArgs).build();
        if (!withAck) {
            return publish(new ClusterMessage.ServerSideEmit(uid, Optional.empty(), data)).handle((n, error) -> {
                if (error != null) {
                    throw failure(backendName() + " is unreachable: serverSideEmit not sent", unwrap(error));
                }
                return List.of();
            });
        }
        return responders().thenCompose(responders -> {
            if (responders.expected() <= 0) {
                return CompletableFuture.completedFuture(List.<JsonValue>of());
            }
            List<JsonValue> answers = new ArrayList<>();
            CompletableFuture<List<JsonValue>> result = new CompletableFuture<>();
            String requestId = randomId(6);
            start(new Pending(requestId, RequestType.SERVER_SIDE_EMIT, responders) {
                @Override
                boolean accept(ClusterResponse response) {
                    if (!(response instanceof ClusterResponse.ServerSideEmit answer)) {
                        return false;
                    }
                    answers.add(answer.data().orElse(JsonValue.NULL));
                    return true;
                }

                @Override
                void complete() {
                    result.complete(List.copyOf(answers));
                }

                @Override
                void fail(Throwable error) {
                    result.completeExceptionally(error);
                }

                @Override
                Throwable timeout() {
                    return new TimeoutException("timeout reached: only " + received + " responses received out of "
                            + expected);
                }
            }, new ClusterMessage.ServerSideEmit(uid, Optional.of(requestId), data));
            return result;
        });
    }

    /** A request waiting for answers from other nodes. Guarded by its own monitor. */
    private abstract class Pending {
        final String requestId;
        final RequestType type;
        final int expected;
        /** The nodes not heard from yet; null when answers are only counted. */
        final Set<String> missing;
        int received;
        Timer timer;
        long startedNanos;

        Pending(String requestId, RequestType type, Responders responders) {
            this.requestId = requestId;
            this.type = type;
            this.expected = responders.expected();
            this.missing = responders.uids == null ? null : new HashSet<>(responders.uids);
        }

        /** Takes one answer; false when it did not count. */
        abstract boolean accept(ClusterResponse response);

        abstract void complete();

        abstract void fail(Throwable error);

        abstract Throwable timeout();

        synchronized void offer(ClusterResponse response) {
            if (missing != null && !missing.contains(response.uid())) {
                return; // a node not asked, or one that answered already
            }
            if (accept(response)) {
                received++;
                if (missing != null) {
                    missing.remove(response.uid());
                }
            }
            completeIfDone();
        }

        /** A node went away: it is not waited for any more. */
        synchronized void nodeGone(String node) {
            if (missing != null && missing.remove(node)) {
                completeIfDone();
            }
        }

        private void completeIfDone() {
            boolean done = missing != null ? missing.isEmpty() : received >= expected;
            if (done && requests.remove(requestId, this)) {
                timer.cancel();
                ended(true);
                complete();
            }
        }

        /** Tells the metrics how the request ended. */
        void ended(boolean complete) {
            host.clusterRequestEnded(type.metricName(), Duration.ofNanos(timers.nanoTime() - startedNanos),
                    complete);
        }
    }

    private void start(Pending pending, ClusterMessage request) {
        if (closed) {
            pending.fail(failure("adapter closed", null));
            return;
        }
        synchronized (pending) {
            pending.startedNanos = timers.nanoTime();
            requests.put(pending.requestId, pending);
            pending.timer = timers.schedule(() -> {
                synchronized (pending) {
                    if (requests.remove(pending.requestId, pending)) {
                        pending.ended(false);
                        pending.fail(pending.timeout());
                    }
                }
            }, requestsTimeout.toMillis());
        }
        publish(request).whenComplete((n, error) -> {
            if (error != null) {
                synchronized (pending) {
                    if (requests.remove(pending.requestId, pending)) {
                        pending.timer.cancel();
                        pending.ended(false);
                        pending.fail(failure(backendName() + " is unreachable: cannot ask the other nodes ("
                                + unwrap(error).getMessage() + ")", unwrap(error)));
                    }
                }
            }
        });
    }

    /** Stops waiting for a node that went away (closed, or silent too long): requests it alone held up complete. */
    protected final void nodeGone(String node) {
        for (Pending pending : List.copyOf(requests.values())) {
            pending.nodeGone(node);
        }
    }

    /** The callbacks of a broadcast with acks this node sent, fed by the other nodes' answers. */
    private static final class AckRequest {
        final IntConsumer clientCount;
        final Consumer<JsonValue> onResponse;
        volatile Timer cleanup;

        AckRequest(IntConsumer clientCount, Consumer<JsonValue> onResponse) {
            this.clientCount = clientCount;
            this.onResponse = onResponse;
        }
    }

    // ------------------------------------------------------------------ from other nodes

    /**
     * Handles a message from another node (the backend has checked that it belongs to this namespace). Messages of
     * this node itself are ignored. One at a time.
     */
    protected final void onMessage(ClusterMessage message) {
        onMessage(message, null);
    }

    /**
     * As {@link #onMessage(ClusterMessage)}, for a message read from the backend's log at {@code offset} (null when
     * it has none): a broadcast reaches the local sockets with that offset when the backend has
     * {@code offsetsFromBackend}.
     */
    protected void onMessage(ClusterMessage message, String offset) {
        if (closed || message.uid().equals(uid)) {
            return;
        }
        if (message instanceof ClusterMessage.Broadcast m) {
            if (offsetsFromBackend) {
                broadcastWithOffset(m.packet(), m.options(), offset);
            } else {
                super.broadcast(m.packet(), m.options());
            }
        } else if (message instanceof ClusterMessage.BroadcastWithAck m) {
            if (ackRequests.containsKey(m.requestId())) {
                return; // our own, come back
            }
            Packet.Event packet = Packet.event(m.packet().namespace(), host.nextAckId(), m.packet().data());
            super.broadcastWithAck(packet, m.options(),
                    count -> publishResponse(m.uid(), new ClusterResponse.BroadcastClientCount(uid, m.requestId(),
                            count)),
                    answer -> publishResponse(m.uid(), new ClusterResponse.BroadcastAck(uid, m.requestId(),
                            answer)));
        } else if (message instanceof ClusterMessage.SocketsJoin m) {
            super.addSockets(m.options(), m.rooms());
        } else if (message instanceof ClusterMessage.SocketsLeave m) {
            super.delSockets(m.options(), m.rooms());
        } else if (message instanceof ClusterMessage.DisconnectSockets m) {
            super.disconnectSockets(m.options(), m.close());
        } else if (message instanceof ClusterMessage.FetchSockets m) {
            List<JsonObject> sockets = new ArrayList<>();
            for (RemoteSocket socket : localSockets(m.options())) {
                sockets.add(socketJson(socket));
            }
            publishResponse(m.uid(), new ClusterResponse.FetchSockets(uid, m.requestId(), sockets));
        } else if (message instanceof ClusterMessage.AllRooms m) {
            publishResponse(m.uid(), new ClusterResponse.AllRooms(uid, m.requestId(), localRooms()));
        } else if (message instanceof ClusterMessage.ServerSideEmit m) {
            if (!m.data().isEmpty()) {
                host.onServerSideEvent(m.data(), m.requestId().map(id -> serverSideAck(m.uid(), id))
                        .orElse(Ack.NONE));
            }
        } else if (message instanceof ClusterMessage.AdapterClose m) {
            nodeGone(m.uid());
        }
        // a Heartbeat needs nothing here: ClusterAdapterWithHeartbeat handles it
    }

    /** Answers a serverSideEmit with acks: the first argument, once. */
    private Ack serverSideAck(String requester, String requestId) {
        AtomicBoolean sent = new AtomicBoolean();
        return args -> {
            if (sent.compareAndSet(false, true)) {
                Optional<JsonValue> data = args != null && args.length > 0 ? Optional.of(toJson(args[0]))
                        : Optional.empty();
                publishResponse(requester, new ClusterResponse.ServerSideEmit(uid, requestId, data));
            }
        };
    }

    /** Handles an answer from another node to a request of this one; answers to unknown requests are ignored. */
    protected void onResponse(ClusterResponse response) {
        if (closed) {
            return;
        }
        AckRequest ackRequest = ackRequests.get(response.requestId());
        if (ackRequest != null) {
            if (response instanceof ClusterResponse.BroadcastClientCount count) {
                ackRequest.clientCount.accept(count.clientCount());
            } else if (response instanceof ClusterResponse.BroadcastAck ack) {
                ackRequest.onResponse.accept(ack.answer());
            }
            return;
        }
        Pending pending = requests.get(response.requestId());
        if (pending != null) {
            pending.offer(response);
        }
    }

    /** The kind of the pending request with this id, if this node is waiting for it (for backends whose wire does
     * not say what an answer answers). */
    protected final Optional<RequestType> pendingRequest(String requestId) {
        Pending pending = requests.get(requestId);
        if (pending != null) {
            return Optional.of(pending.type);
        }
        return ackRequests.containsKey(requestId) ? Optional.of(RequestType.BROADCAST) : Optional.empty();
    }

    // ------------------------------------------------------------------ lifecycle

    /** Fails the pending requests and cancels their timers, then drops the rooms. The backend closes itself first. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Pending pending : List.copyOf(requests.values())) {
            synchronized (pending) {
                if (requests.remove(pending.requestId, pending)) {
                    pending.timer.cancel();
                    pending.fail(failure("adapter closed", null));
                }
            }
        }
        for (AckRequest request : ackRequests.values()) {
            if (request.cleanup != null) {
                request.cleanup.cancel();
            }
        }
        ackRequests.clear();
        super.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + host.namespace() + ", uid " + uid + "]";
    }
}
