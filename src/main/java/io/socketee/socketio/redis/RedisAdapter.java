package io.socketee.socketio.redis;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.engineio.internal.DaemonThreads;
import io.socketee.socketio.Json;
import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.AdapterHost;
import io.socketee.socketio.adapter.BroadcastOptions;
import io.socketee.socketio.adapter.InMemoryAdapter;
import io.socketee.socketio.core.Ack;
import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.protocol.Binary;
import io.socketee.socketio.protocol.Packet;
import io.socketee.socketio.redis.internal.MsgPack;
import io.socketee.socketio.redis.internal.RequestType;
import io.socketee.socketio.redis.internal.WireFormatException;
import io.socketee.socketio.redis.internal.WireJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * An adapter that joins the namespace to a cluster through Redis Pub/Sub, speaking the wire format of Node's
 * {@code @socket.io/redis-adapter} 8.x, so Java and Node.js servers share one cluster and
 * {@code @socket.io/redis-emitter} (or {@link RedisEmitter}) reaches both.
 *
 * <pre>{@code
 * LettuceRedisDriver redis = LettuceRedisDriver.create("redis://127.0.0.1:6379");
 * SocketIoServer io = SocketIoServer.create(engine, SocketIoConfig.builder()
 *         .adapter(RedisAdapter.factory(redis, RedisAdapterConfig.defaults()))
 *         .build());
 * }</pre>
 *
 * <p>Channels, for namespace {@code nsp} and key {@code socket.io}: broadcasts on {@code socket.io#<nsp>#} or, when
 * they target exactly one room, {@code socket.io#<nsp>#<room>#} (msgpack {@code [uid, packet, opts]}); requests on
 * {@code socket.io-request#<nsp>#}; responses on {@code socket.io-response#<nsp>#} (or the requester's
 * {@code socket.io-response#<nsp>#<uid>#}). Requests and responses are JSON text, except broadcasts with acks and
 * their acks, which are msgpack (binary arguments travel as msgpack bin, as Node's {@code Buffer}s do). The number of
 * nodes is the number of subscribers of the request channel.
 *
 * <p>Faults: local delivery never depends on Redis. While Redis is unreachable, cluster publications are skipped (one
 * warning per outage) and operations that need answers from other nodes (fetchSockets, allRooms, serverCount,
 * serverSideEmit with acks) fail at once with {@link RedisAdapterException}; the driver reconnects and subscribes again
 * by itself. Messages from Redis are decoded into JSON-P values only, within size and depth limits.
 *
 * <p>Thread-safe. Messages from Redis are handled one at a time, in order, on a daemon thread of the factory;
 * request timeouts run on another. Both end when idle. {@link #close()} unsubscribes and cancels pending requests.
 */
public final class RedisAdapter extends InMemoryAdapter {
    private static final System.Logger LOG = System.getLogger(RedisAdapter.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(10);

    private final RedisDriver driver;
    private final RedisAdapterConfig config;
    private final Runtime runtime;
    private final String uid = randomId(6);
    private final String channel;
    private final String requestChannel;
    private final String responseChannel;
    private final String specificResponseChannel;
    private final List<RedisDriver.Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Map<String, Pending> requests = new ConcurrentHashMap<>();
    private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();
    private final AtomicBoolean publishFailing = new AtomicBoolean();
    private final CompletableFuture<Void> subscribed;
    private volatile boolean closed;

    private RedisAdapter(AdapterHost host, RedisDriver driver, RedisAdapterConfig config, Runtime runtime) {
        super(host);
        this.driver = driver;
        this.config = config;
        this.runtime = runtime;
        runtime.acquire();
        String nsp = host.namespace();
        this.channel = config.key() + "#" + nsp + "#";
        this.requestChannel = config.key() + "-request#" + nsp + "#";
        this.responseChannel = config.key() + "-response#" + nsp + "#";
        this.specificResponseChannel = responseChannel + uid + "#";
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        subscriptions.add(driver.psubscribe(channel + "*", inbox(this::onBroadcast), confirmation(confirmations)));
        subscriptions.add(driver.subscribe(requestChannel, inbox(this::onRequest), confirmation(confirmations)));
        subscriptions.add(driver.subscribe(responseChannel, inbox(this::onResponse), confirmation(confirmations)));
        subscriptions.add(driver.subscribe(specificResponseChannel, inbox(this::onResponse),
                confirmation(confirmations)));
        subscribed = CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new));
    }

    private static CompletableFuture<Void> confirmation(List<CompletableFuture<Void>> all) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        all.add(f);
        return f;
    }

    /**
     * A factory of Redis adapters, one per namespace, all on {@code driver} (one driver per server: the node count
     * is the number of Redis subscribers). The driver stays the caller's to close, after the server.
     */
    public static Adapter.Factory factory(RedisDriver driver, RedisAdapterConfig config) {
        Runtime runtime = new Runtime(config);
        return host -> new RedisAdapter(host, driver, config, runtime);
    }

    /** A factory with the default settings. */
    public static Adapter.Factory factory(RedisDriver driver) {
        return factory(driver, RedisAdapterConfig.defaults());
    }

    /** This node's id on the wire (6 characters, as Node's). */
    public String uid() {
        return uid;
    }

    /** Completes when Redis confirmed every subscription of this adapter (useful in tests and health checks). */
    public CompletableFuture<Void> subscribed() {
        return subscribed;
    }

    String namespaceName() {
        return host.namespace();
    }

    // ------------------------------------------------------------------ threads

    /**
     * The daemon threads one factory's adapters share: the inbox (messages from Redis, in order) and the timers. They
     * start with the first adapter and stop, waited for, when the last one closes, so that an undeployed web
     * application leaves no thread behind (a later adapter starts them again).
     */
    private static final class Runtime {
        private final RedisAdapterConfig config;
        final AtomicBoolean dropping = new AtomicBoolean();
        private final DaemonThreads threads = new DaemonThreads();
        private int adapters;
        private volatile ThreadPoolExecutor inbox;
        private volatile ScheduledThreadPoolExecutor timers;

        Runtime(RedisAdapterConfig config) {
            this.config = config;
        }

        ThreadPoolExecutor inbox() {
            return inbox;
        }

        ScheduledThreadPoolExecutor timers() {
            return timers;
        }

        synchronized void acquire() {
            if (adapters++ > 0) {
                return;
            }
            ThreadPoolExecutor newInbox = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(config.maxQueuedMessages()), threads.numbered("socketee-redis-inbox"),
                    (task, executor) -> {
                        if (!executor.isShutdown() && dropping.compareAndSet(false, true)) {
                            LOG.log(Level.WARNING, "Redis adapter: more than " + config.maxQueuedMessages()
                                    + " messages waiting; dropping new ones");
                        }
                    });
            newInbox.allowCoreThreadTimeOut(true);
            ScheduledThreadPoolExecutor newTimers = new ScheduledThreadPoolExecutor(1,
                    threads.numbered("socketee-redis-timer"));
            newTimers.setRemoveOnCancelPolicy(true);
            newTimers.setKeepAliveTime(30, TimeUnit.SECONDS);
            newTimers.allowCoreThreadTimeOut(true);
            inbox = newInbox;
            timers = newTimers;
        }

        synchronized void release() {
            if (--adapters > 0) {
                return;
            }
            inbox.shutdown();
            timers.shutdownNow();
            // the threads themselves, not only the executors: a container checks for live threads right after
            try {
                threads.join(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DaemonThreads.STOP_WAIT_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int left = threads.alive();
            if (left > 0) {
                LOG.log(Level.WARNING, "Redis adapter: " + left + " thread(s) did not stop within 2 s");
            }
        }
    }

    private interface Handler {
        void handle(String channel, byte[] message) throws WireFormatException;
    }

    /** Hands messages from the driver's I/O thread to the inbox thread; drops oversized ones. */
    private RedisDriver.MessageHandler inbox(Handler handler) {
        return (from, message) -> {
            if (closed) {
                return;
            }
            if (message.length > config.maxMessageSize()) {
                LOG.log(Level.WARNING, "Redis adapter " + host.namespace() + ": dropped a message of "
                        + message.length + " bytes on " + from + " (maxMessageSize " + config.maxMessageSize() + ")");
                return;
            }
            runtime.inbox().execute(() -> {
                runtime.dropping.set(false);
                if (closed) {
                    return;
                }
                try {
                    handler.handle(from, message);
                } catch (WireFormatException | IllegalArgumentException | ClassCastException e) {
                    LOG.log(Level.DEBUG, () -> "Redis adapter " + host.namespace() + ": ignored a malformed message"
                            + " on " + from + ": " + e.getMessage());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Redis adapter " + host.namespace() + ": handling a message on " + from
                            + " failed", e);
                }
            });
        };
    }

    // ------------------------------------------------------------------ publishing

    private CompletableFuture<Long> publish(String to, byte[] message) {
        if (message.length > config.maxMessageSize()) {
            LOG.log(Level.WARNING, "Redis adapter " + host.namespace() + ": not publishing a message of "
                    + message.length + " bytes (maxMessageSize " + config.maxMessageSize() + ")");
            return CompletableFuture.failedFuture(new RedisAdapterException("message of " + message.length
                    + " bytes exceeds maxMessageSize " + config.maxMessageSize()));
        }
        CompletableFuture<Long> sent = driver.publish(to, message);
        sent.whenComplete((n, error) -> {
            if (error != null) {
                if (publishFailing.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, "Redis adapter " + host.namespace() + ": cannot publish to Redis ("
                            + unwrap(error) + "); the other nodes are out of reach, local delivery goes on");
                }
            } else if (publishFailing.compareAndSet(true, false)) {
                LOG.log(Level.INFO, "Redis adapter " + host.namespace() + ": publishing to Redis works again");
            }
        });
        return sent;
    }

    private void publishResponse(JsonObject request, byte[] response) {
        String requester = request.get("uid") instanceof JsonString s ? s.getString() : "";
        publish(config.publishOnSpecificResponseChannel() ? responseChannel + requester + "#" : responseChannel,
                response);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    // ------------------------------------------------------------------ broadcasting

    @Override
    public void broadcast(Packet packet, BroadcastOptions options) {
        if (!options.local() && packet instanceof Packet.Event event) {
            byte[] message = MsgPack.encode(PROVIDER.createArrayBuilder()
                    .add(uid)
                    .add(packetJson(event))
                    .add(optionsJson(options, null))
                    .build());
            String to = options.rooms().size() == 1 ? channel + options.rooms().iterator().next() + "#" : channel;
            publish(to, message);
        }
        super.broadcast(packet, options);
    }

    @Override
    public void broadcastWithAck(Packet.Event packet, BroadcastOptions options, IntConsumer clientCount,
                                 Consumer<JsonValue> onResponse) {
        if (!options.local()) {
            String requestId = randomId(6);
            Duration timeout = options.timeout().orElse(DEFAULT_ACK_TIMEOUT);
            AckRequest request = new AckRequest(clientCount, onResponse);
            ackRequests.put(requestId, request);
            request.cleanup = runtime.timers().schedule(() -> ackRequests.remove(requestId, request),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            byte[] message = MsgPack.encode(PROVIDER.createObjectBuilder()
                    .add("uid", uid)
                    .add("requestId", requestId)
                    .add("type", RequestType.BROADCAST.code())
                    .add("packet", packetJson(packet))
                    .add("opts", optionsJson(options, timeout))
                    .build());
            publish(requestChannel, message).whenComplete((n, error) -> {
                if (error != null && ackRequests.remove(requestId, request)) {
                    request.cleanup.cancel(false);
                }
            });
        }
        super.broadcastWithAck(packet, options, clientCount, onResponse);
    }

    /** The packet object Node's adapter publishes: {@code {type: 2, data, nsp}} (binary stays inside the data). */
    private JsonObject packetJson(Packet.Event event) {
        return PROVIDER.createObjectBuilder()
                .add("type", 2)
                .add("data", event.data())
                .add("nsp", host.namespace())
                .build();
    }

    private static JsonObject optionsJson(BroadcastOptions options, Duration ackTimeout) {
        JsonObjectBuilder flags = PROVIDER.createObjectBuilder();
        if (options.isVolatile()) {
            flags.add("volatile", true);
        }
        if (ackTimeout != null) {
            flags.add("timeout", ackTimeout.toMillis());
        }
        return PROVIDER.createObjectBuilder()
                .add("rooms", RemoteSockets.strings(options.rooms()))
                .add("except", RemoteSockets.strings(options.except()))
                .add("flags", flags)
                .build();
    }

    /** {@code opts: {rooms, except}} of requests, without flags. */
    private static JsonObject selectorJson(BroadcastOptions options) {
        return PROVIDER.createObjectBuilder()
                .add("rooms", RemoteSockets.strings(options.rooms()))
                .add("except", RemoteSockets.strings(options.except()))
                .build();
    }

    /** A broadcast from another node (or an emitter): {@code [uid, packet, opts]}. */
    private void onBroadcast(String from, byte[] message) throws WireFormatException {
        if (!from.startsWith(channel)) {
            return;
        }
        JsonValue decoded = MsgPack.decode(message, config.maxDepth());
        if (!(decoded instanceof JsonArray array) || array.size() < 3) {
            throw new WireFormatException("broadcast is not [uid, packet, opts]");
        }
        if (array.get(0) instanceof JsonString sender && sender.getString().equals(uid)) {
            return;
        }
        if (!(array.get(1) instanceof JsonObject packet) || !(packet.get("data") instanceof JsonArray data)) {
            throw new WireFormatException("broadcast without packet data");
        }
        String nsp = packet.get("nsp") instanceof JsonString s ? s.getString() : "/";
        if (!nsp.equals(host.namespace())) {
            return;
        }
        JsonObject opts = array.get(2) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        super.broadcast(Packet.event(nsp, data), localOptions(opts, flag(opts, "volatile")));
    }

    private static boolean flag(JsonObject opts, String name) {
        return opts.get("flags") instanceof JsonObject flags && flags.get(name) == JsonValue.TRUE;
    }

    private static BroadcastOptions localOptions(JsonObject opts, boolean isVolatile) {
        return new BroadcastOptions(stringSet(opts.get("rooms")), stringSet(opts.get("except")), isVolatile, true,
                Optional.empty());
    }

    /** Strings (and numbers, as text) of a JSON array; empty for anything else. */
    static Set<String> stringSet(JsonValue value) {
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

    // ------------------------------------------------------------------ bulk operations

    @Override
    public void addSockets(BroadcastOptions options, Set<String> rooms) {
        super.addSockets(options, rooms);
        if (!options.local()) {
            publishRequest(RequestType.REMOTE_JOIN, b -> b.add("opts", selectorJson(options))
                    .add("rooms", RemoteSockets.strings(rooms)));
        }
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> rooms) {
        super.delSockets(options, rooms);
        if (!options.local()) {
            publishRequest(RequestType.REMOTE_LEAVE, b -> b.add("opts", selectorJson(options))
                    .add("rooms", RemoteSockets.strings(rooms)));
        }
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        if (!options.local()) {
            publishRequest(RequestType.REMOTE_DISCONNECT, b -> b.add("opts", selectorJson(options))
                    .add("close", close));
        }
        super.disconnectSockets(options, close);
    }

    private CompletableFuture<Long> publishRequest(RequestType type, Consumer<JsonObjectBuilder> body) {
        JsonObjectBuilder request = PROVIDER.createObjectBuilder().add("uid", uid).add("type", type.code());
        body.accept(request);
        return publish(requestChannel, WireJson.encode(request.build()));
    }

    // ------------------------------------------------------------------ requests with answers

    @Override
    public CompletableFuture<Integer> serverCount() {
        return driver.numSub(requestChannel).handle((n, error) -> {
            if (error != null) {
                throw new RedisAdapterException("Redis is unreachable: cannot count the nodes of the cluster ("
                        + unwrap(error).getMessage() + ")", unwrap(error));
            }
            return n.intValue();
        });
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        List<RemoteSocket> local = localSockets(options);
        if (options.local()) {
            return CompletableFuture.completedFuture(local);
        }
        return serverCount().thenCompose(nodes -> {
            if (nodes <= 1) {
                return CompletableFuture.completedFuture(local);
            }
            CompletableFuture<List<RemoteSocket>> result = new CompletableFuture<>();
            List<RemoteSocket> all = new ArrayList<>(local);
            String requestId = randomId(6);
            start(new Pending(requestId, nodes - 1) {
                @Override
                boolean accept(JsonObject response) {
                    if (!(response.get("sockets") instanceof JsonArray sockets)) {
                        return false;
                    }
                    for (JsonValue socket : sockets) {
                        RemoteSockets.fromJson(socket, RedisAdapter.this).ifPresent(all::add);
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
                    return new RedisAdapterException("timeout reached while waiting for fetchSockets response ("
                            + received + " of " + expected + " other nodes answered within "
                            + config.requestsTimeout().toMillis() + " ms)");
                }
            }, RequestType.REMOTE_FETCH, b -> b.add("opts", selectorJson(options)));
            return result;
        });
    }

    @Override
    public CompletableFuture<Set<String>> allRooms() {
        Set<String> local = localRooms();
        return serverCount().thenCompose(nodes -> {
            if (nodes <= 1) {
                return CompletableFuture.completedFuture(local);
            }
            CompletableFuture<Set<String>> result = new CompletableFuture<>();
            Set<String> all = new LinkedHashSet<>(local);
            start(new Pending(randomId(6), nodes - 1) {
                @Override
                boolean accept(JsonObject response) {
                    if (!(response.get("rooms") instanceof JsonArray)) {
                        return false;
                    }
                    all.addAll(stringSet(response.get("rooms")));
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
                    return new RedisAdapterException("timeout reached while waiting for allRooms response ("
                            + received + " of " + expected + " other nodes answered)");
                }
            }, RequestType.ALL_ROOMS, b -> { });
            return result;
        });
    }

    @Override
    public CompletableFuture<List<JsonValue>> serverSideEmit(List<JsonValue> eventAndArgs, boolean withAck) {
        JsonArray data = PROVIDER.createArrayBuilder(eventAndArgs).build();
        if (!withAck) {
            return publishRequest(RequestType.SERVER_SIDE_EMIT, b -> b.add("data", data))
                    .handle((n, error) -> {
                        if (error != null) {
                            throw new RedisAdapterException("Redis is unreachable: serverSideEmit not sent", unwrap(error));
                        }
                        return List.of();
                    });
        }
        return serverCount().thenCompose(nodes -> {
            int others = nodes - 1;
            if (others <= 0) {
                return CompletableFuture.completedFuture(List.<JsonValue>of());
            }
            CompletableFuture<List<JsonValue>> result = new CompletableFuture<>();
            List<JsonValue> responses = new ArrayList<>();
            start(new Pending(randomId(6), others) {
                @Override
                boolean accept(JsonObject response) {
                    responses.add(response.getOrDefault("data", JsonValue.NULL));
                    return true;
                }

                @Override
                void complete() {
                    result.complete(List.copyOf(responses));
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
            }, RequestType.SERVER_SIDE_EMIT, b -> b.add("data", data));
            return result;
        });
    }

    /** A request waiting for {@code expected} answers from other nodes. Guarded by its own monitor. */
    private abstract class Pending {
        final String requestId;
        final int expected;
        int received;
        ScheduledFuture<?> timer;
        /** For metrics: set by {@link #start}. */
        RequestType type;
        long startedNanos;

        Pending(String requestId, int expected) {
            this.requestId = requestId;
            this.expected = expected;
        }

        /** Takes one answer; false when it did not count. */
        abstract boolean accept(JsonObject response);

        abstract void complete();

        abstract void fail(Throwable error);

        abstract Throwable timeout();

        synchronized void offer(JsonObject response) {
            if (accept(response)) {
                received++;
            }
            if (received >= expected && requests.remove(requestId, this)) {
                timer.cancel(false);
                ended(true);
                complete();
            }
        }

        /** Tells the metrics how the request ended. */
        void ended(boolean complete) {
            if (type != null) {
                host.clusterRequestEnded(type.name().toLowerCase(java.util.Locale.ROOT),
                        java.time.Duration.ofNanos(System.nanoTime() - startedNanos), complete);
            }
        }
    }

    private void start(Pending pending, RequestType type, Consumer<JsonObjectBuilder> body) {
        if (closed) {
            pending.fail(new RedisAdapterException("adapter closed"));
            return;
        }
        synchronized (pending) {
            pending.type = type;
            pending.startedNanos = System.nanoTime();
            requests.put(pending.requestId, pending);
            pending.timer = runtime.timers().schedule(() -> {
                synchronized (pending) {
                    if (requests.remove(pending.requestId, pending)) {
                        pending.ended(false);
                        pending.fail(pending.timeout());
                    }
                }
            }, config.requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        publishRequest(type, b -> {
            b.add("requestId", pending.requestId);
            body.accept(b);
        }).whenComplete((n, error) -> {
            if (error != null) {
                synchronized (pending) {
                    if (requests.remove(pending.requestId, pending)) {
                        pending.timer.cancel(false);
                        pending.ended(false);
                        pending.fail(new RedisAdapterException("Redis is unreachable: cannot ask the other nodes ("
                                + unwrap(error).getMessage() + ")", unwrap(error)));
                    }
                }
            }
        });
    }

    /** The callbacks of a broadcast with acks this node sent, fed by the other nodes' answers. */
    private static final class AckRequest {
        final IntConsumer clientCount;
        final Consumer<JsonValue> onResponse;
        volatile ScheduledFuture<?> cleanup;

        AckRequest(IntConsumer clientCount, Consumer<JsonValue> onResponse) {
            this.clientCount = clientCount;
            this.onResponse = onResponse;
        }
    }

    // ------------------------------------------------------------------ from other nodes

    private void onRequest(String from, byte[] message) throws WireFormatException {
        if (!(WireJson.decodeAny(message, config.maxDepth()) instanceof JsonObject request)
                || !(request.get("type") instanceof JsonNumber typeCode)) {
            throw new WireFormatException("request without type");
        }
        String sender = request.get("uid") instanceof JsonString s ? s.getString() : "";
        boolean mine = sender.equals(uid);
        String requestId = request.get("requestId") instanceof JsonString s ? s.getString() : null;
        Optional<RequestType> type = RequestType.of(typeCode.intValue());
        if (type.isEmpty()) {
            LOG.log(Level.DEBUG, () -> "Redis adapter: ignoring request type " + typeCode);
            return;
        }
        JsonObject opts = request.get("opts") instanceof JsonObject o ? o : null;
        switch (type.get()) {
            case SOCKETS -> {
                if (mine || requestId == null) {
                    return;
                }
                Set<String> ids = sockets(stringSet(request.get("rooms")), Set.of());
                publishResponse(request, WireJson.encode(PROVIDER.createObjectBuilder()
                        .add("requestId", requestId).add("sockets", RemoteSockets.strings(ids)).build()));
            }
            case ALL_ROOMS -> {
                if (mine || requestId == null) {
                    return;
                }
                publishResponse(request, WireJson.encode(PROVIDER.createObjectBuilder()
                        .add("requestId", requestId).add("rooms", RemoteSockets.strings(localRooms())).build()));
            }
            case REMOTE_JOIN, REMOTE_LEAVE, REMOTE_DISCONNECT -> onRemoteOperation(type.get(), request, opts, mine,
                    requestId);
            case REMOTE_FETCH -> {
                if (mine || requestId == null || opts == null) {
                    return;
                }
                JsonArrayBuilder sockets = PROVIDER.createArrayBuilder();
                for (RemoteSocket socket : localSockets(localOptions(opts, false))) {
                    sockets.add(RemoteSockets.toJson(socket));
                }
                publishResponse(request, WireJson.encode(PROVIDER.createObjectBuilder()
                        .add("requestId", requestId).add("sockets", sockets).build()));
            }
            case SERVER_SIDE_EMIT -> {
                if (mine || !(request.get("data") instanceof JsonArray data) || data.isEmpty()) {
                    return;
                }
                host.onServerSideEvent(data, requestId == null ? Ack.NONE : serverSideAck(requestId));
            }
            case BROADCAST -> {
                if (mine || requestId == null || ackRequests.containsKey(requestId)
                        || !(request.get("packet") instanceof JsonObject packet)
                        || !(packet.get("data") instanceof JsonArray data)) {
                    return;
                }
                String nsp = packet.get("nsp") instanceof JsonString s ? s.getString() : "/";
                if (!nsp.equals(host.namespace())) {
                    return;
                }
                JsonObject o = opts == null ? JsonValue.EMPTY_JSON_OBJECT : opts;
                super.broadcastWithAck(Packet.event(nsp, host.nextAckId(), data), localOptions(o, flag(o, "volatile")),
                        count -> publishResponse(request, WireJson.encode(PROVIDER.createObjectBuilder()
                                .add("type", RequestType.BROADCAST_CLIENT_COUNT.code())
                                .add("requestId", requestId)
                                .add("clientCount", count).build())),
                        answer -> publishResponse(request, MsgPack.encode(PROVIDER.createObjectBuilder()
                                .add("type", RequestType.BROADCAST_ACK.code())
                                .add("requestId", requestId)
                                .add("packet", answer).build())));
            }
            default -> LOG.log(Level.DEBUG, () -> "Redis adapter: ignoring request type " + type.get());
        }
    }

    private void onRemoteOperation(RequestType type, JsonObject request, JsonObject opts, boolean mine,
                                   String requestId) {
        if (opts != null) {
            if (mine) {
                return; // done locally when sent
            }
            BroadcastOptions selected = localOptions(opts, false);
            switch (type) {
                case REMOTE_JOIN -> super.addSockets(selected, stringSet(request.get("rooms")));
                case REMOTE_LEAVE -> super.delSockets(selected, stringSet(request.get("rooms")));
                default -> super.disconnectSockets(selected, request.get("close") == JsonValue.TRUE);
            }
            return;
        }
        // the older form for one socket: {sid, room} or {sid, close}, answered with {requestId}
        if (!(request.get("sid") instanceof JsonString sid)) {
            return;
        }
        Optional<RemoteSocket> socket = host.socket(sid.getString());
        if (socket.isEmpty()) {
            return;
        }
        String room = request.get("room") instanceof JsonString r ? r.getString() : null;
        switch (type) {
            case REMOTE_JOIN -> {
                if (room != null) {
                    socket.get().join(room);
                }
            }
            case REMOTE_LEAVE -> {
                if (room != null) {
                    socket.get().leave(room);
                }
            }
            default -> socket.get().disconnect(request.get("close") == JsonValue.TRUE);
        }
        if (requestId != null) {
            publishResponse(request, WireJson.encode(PROVIDER.createObjectBuilder()
                    .add("requestId", requestId).build()));
        }
    }

    /** Answers a serverSideEmit with acks: the first argument, once, on the shared response channel (as Node). */
    private Ack serverSideAck(String requestId) {
        AtomicBoolean sent = new AtomicBoolean();
        return args -> {
            if (sent.compareAndSet(false, true)) {
                JsonObjectBuilder response = PROVIDER.createObjectBuilder()
                        .add("type", RequestType.SERVER_SIDE_EMIT.code())
                        .add("requestId", requestId);
                if (args != null && args.length > 0) {
                    response.add("data", Json.toJson(args[0]));
                }
                publish(responseChannel, WireJson.encode(response.build()));
            }
        };
    }

    private void onResponse(String from, byte[] message) throws WireFormatException {
        if (!(WireJson.decodeAny(message, config.maxDepth()) instanceof JsonObject response)
                || !(response.get("requestId") instanceof JsonString id)) {
            return;
        }
        String requestId = id.getString();
        AckRequest ackRequest = ackRequests.get(requestId);
        if (ackRequest != null) {
            int type = response.get("type") instanceof JsonNumber n ? n.intValue() : -1;
            if (type == RequestType.BROADCAST_CLIENT_COUNT.code()
                    && response.get("clientCount") instanceof JsonNumber count) {
                ackRequest.clientCount.accept(count.intValue());
            } else if (type == RequestType.BROADCAST_ACK.code()) {
                ackRequest.onResponse.accept(response.getOrDefault("packet", JsonValue.NULL));
            }
            return;
        }
        Pending pending = requests.get(requestId);
        if (pending != null) {
            pending.offer(response);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /** Unsubscribes, fails the pending requests and cancels their timers; the driver stays open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RedisDriver.Subscription subscription : subscriptions) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "unsubscribing failed", e);
            }
        }
        subscriptions.clear();
        for (Pending pending : List.copyOf(requests.values())) {
            synchronized (pending) {
                if (requests.remove(pending.requestId, pending)) {
                    pending.timer.cancel(false);
                    pending.fail(new RedisAdapterException("adapter closed"));
                }
            }
        }
        for (AckRequest request : ackRequests.values()) {
            if (request.cleanup != null) {
                request.cleanup.cancel(false);
            }
        }
        ackRequests.clear();
        runtime.release();
        super.close();
    }

    static String randomId(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
        }
        return new String(out);
    }

    @Override
    public String toString() {
        return "RedisAdapter[" + host.namespace() + ", uid " + uid + "]";
    }
}
