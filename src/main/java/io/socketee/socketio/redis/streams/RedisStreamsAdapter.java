package io.socketee.socketio.redis.streams;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.AdapterHost;
import io.socketee.socketio.adapter.BroadcastOptions;
import io.socketee.socketio.adapter.ClusterAdapter;
import io.socketee.socketio.adapter.ClusterMessage;
import io.socketee.socketio.adapter.ClusterResponse;
import io.socketee.socketio.adapter.ConnectionStateRecovery;
import io.socketee.socketio.adapter.OutgoingPacket;
import io.socketee.socketio.adapter.RestoredSession;
import io.socketee.socketio.adapter.SessionToPersist;
import io.socketee.socketio.protocol.Packet;
import io.socketee.socketio.redis.RedisClusterAdapter;
import io.socketee.socketio.redis.RedisDriver;
import io.socketee.socketio.redis.RedisDriver.StreamEntry;
import io.socketee.socketio.redis.internal.MsgPack;
import io.socketee.socketio.redis.internal.WireFormatException;
import io.socketee.socketio.redis.internal.WireJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * An adapter that joins the namespace to a cluster through one Redis stream, speaking the wire of Node's
 * {@code @socket.io/redis-streams-adapter} 0.3.1, so Java and Node.js servers share one cluster, and a client cut off
 * from one node resumes its session on any other (connection state recovery across nodes). A backend of the
 * {@link ClusterAdapter} template with {@code offsetsFromBackend}: the stream entry id of a broadcast is its offset.
 *
 * <pre>{@code
 * LettuceRedisDriver redis = LettuceRedisDriver.create("redis://127.0.0.1:6379");
 * SocketIoServer io = SocketIoServer.create(engine, SocketIoConfig.builder()
 *         .adapter(RedisStreamsAdapter.factory(redis, RedisStreamsAdapterConfig.defaults()))
 *         .connectionStateRecovery(ConnectionStateRecovery.defaults())
 *         .build());
 * }</pre>
 *
 * <p>The wire, as Node's: broadcasts, socketsJoin, socketsLeave and disconnectSockets are entries of the stream
 * ({@code XADD socket.io MAXLEN ~ 10000 * uid <uid> nsp <nsp> type <n> data <data>}, {@code type} the number of
 * Node's {@code MessageType} as text, {@code data} the JSON text of the message's data, or, when it holds binary,
 * the base64 of its msgpack); broadcasts with acks, fetchSockets and serverSideEmit go as msgpack of the whole
 * message ({@code {type, data, uid, nsp}}) on the channel {@code socket.io#<nsp>#}, answers on the requester's
 * {@code socket.io#<nsp>#<uid>#}. The nodes are counted by Redis ({@code PUBSUB NUMSUB socket.io#<nsp>#}), as
 * 0.3.1 does (it has no heartbeat; that is why this backend is not a {@code ClusterAdapterWithHeartbeat}). A
 * disconnected session is {@code SET sio:session:<pid> <base64 of msgpack {sid, pid, rooms, data}> PX
 * <maxDisconnectionDuration>}, taken back with {@code GETDEL}; the packets it missed are the stream's broadcasts
 * after its offset ({@code XRANGE}) that its rooms select. The stream has no allRooms request:
 * {@link #allRooms()} fails. Needs Redis 6.2 or later.
 *
 * <p>Faults: while Redis is unreachable, local delivery goes on (broadcasts without an offset then, as on Node),
 * publications fail (one warning per outage), requests to the other nodes fail at once, sessions are neither kept nor
 * found; the stream is read again from the last entry read once Redis is back. Everything read from Redis is decoded
 * into JSON-P values only, within size and depth limits.
 *
 * <p>Thread-safe. One factory's adapters share a stream tail and an inbox thread, which handles, one at a time and in
 * order, the stream's entries, the pub/sub messages, the local delivery of this node's own broadcasts, and the
 * joining of a restored socket to its rooms; {@code lastOwnId} and the factory's last read id are touched on that
 * thread only, which is what makes a recovery's replay exact (every packet once: replayed, or delivered live).
 */
public final class RedisStreamsAdapter extends RedisClusterAdapter {
    private static final System.Logger LOG = System.getLogger(RedisStreamsAdapter.class.getName());
    private static final Pattern OFFSET = Pattern.compile("[0-9]{1,19}-[0-9]{1,19}");
    /** Node's {@code MessageType} numbers. */
    private static final int BROADCAST = 3;
    private static final int SOCKETS_JOIN = 4;
    private static final int SOCKETS_LEAVE = 5;
    private static final int DISCONNECT_SOCKETS = 6;
    private static final int FETCH_SOCKETS = 7;
    private static final int FETCH_SOCKETS_RESPONSE = 8;
    private static final int SERVER_SIDE_EMIT = 9;
    private static final int SERVER_SIDE_EMIT_RESPONSE = 10;
    private static final int BROADCAST_CLIENT_COUNT = 11;
    private static final int BROADCAST_ACK = 12;

    private final RedisStreamsAdapterConfig config;
    private final StreamsRuntime runtime;
    private final String publicChannel;
    private final CompletableFuture<Void> subscribed;
    /** The id of this node's newest broadcast written to its local sockets; inbox thread only. */
    private String lastOwnId;

    private RedisStreamsAdapter(AdapterHost host, RedisDriver driver, RedisStreamsAdapterConfig config,
                                StreamsRuntime runtime) {
        super(host, randomId(16), config.requestsTimeout(), runtime.threads, true, driver, "Redis Streams adapter");
        this.config = config;
        this.runtime = runtime;
        this.publicChannel = config.channelPrefix() + "#" + host.namespace() + "#";
        runtime.acquire(this);
        CompletableFuture<Void> publicConfirmed = new CompletableFuture<>();
        CompletableFuture<Void> privateConfirmed = new CompletableFuture<>();
        subscriptions.add(driver.subscribe(publicChannel, this::onPubSub, publicConfirmed));
        subscriptions.add(driver.subscribe(publicChannel + uid() + "#", this::onPubSub, privateConfirmed));
        subscribed = CompletableFuture.allOf(publicConfirmed, privateConfirmed, runtime.reading);
    }

    /**
     * A factory of Redis Streams adapters, one per namespace, all on {@code driver} (one driver per server: the node
     * count is the number of Redis subscribers). The driver stays the caller's to close, after the server.
     */
    public static Adapter.Factory factory(RedisDriver driver, RedisStreamsAdapterConfig config) {
        StreamsRuntime runtime = new StreamsRuntime(driver, config);
        return host -> new RedisStreamsAdapter(host, driver, config, runtime);
    }

    /** A factory with the default settings. */
    public static Adapter.Factory factory(RedisDriver driver) {
        return factory(driver, RedisStreamsAdapterConfig.defaults());
    }

    /** Completes when Redis confirmed the subscriptions of this adapter and the stream is being read. */
    public CompletableFuture<Void> subscribed() {
        return subscribed;
    }

    // ------------------------------------------------------------------ the template's backend

    @Override
    public CompletableFuture<Integer> serverCount() {
        return countNodes(publicChannel);
    }

    /** Not in the wire of {@code @socket.io/redis-streams-adapter}: fails. */
    @Override
    public CompletableFuture<Set<String>> allRooms() {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "allRooms is not part of the Redis Streams adapter's wire (@socket.io/redis-streams-adapter)"));
    }

    /**
     * Appends a broadcast, socketsJoin, socketsLeave or disconnectSockets to the stream, publishes the rest on the
     * namespace's channel. A broadcast's future completes on the inbox thread with its entry id, so that its local
     * delivery (by the template) takes its place among the entries read.
     */
    @Override
    protected CompletableFuture<?> doPublish(ClusterMessage message) {
        if (message instanceof ClusterMessage.Broadcast m) {
            CompletableFuture<String> delivered = new CompletableFuture<>();
            append(BROADCAST, PROVIDER.createObjectBuilder()
                    .add("packet", packetJson(m.packet()))
                    .add("opts", optionsJson(m.options(), null))
                    .build()).whenComplete((id, error) -> {
                        // the template's delivery runs inside complete(), so lastOwnId covers it only after it ran
                        // (unless the caller has not yet chained it: then it runs on the caller's thread, a window of
                        // a few instructions against a Redis round trip)
                        boolean queued = runtime.threads.execute(() -> {
                            complete(delivered, id, error);
                            if (id != null && (lastOwnId == null || compareIds(id, lastOwnId) > 0)) {
                                lastOwnId = id;
                            }
                        });
                        if (!queued) {
                            complete(delivered, id, error);   // the inbox is full: delivered at once, in any order
                        }
                    });
            return delivered;
        } else if (message instanceof ClusterMessage.SocketsJoin m) {
            return append(SOCKETS_JOIN, PROVIDER.createObjectBuilder()
                    .add("opts", optionsJson(m.options(), null)).add("rooms", strings(m.rooms())).build());
        } else if (message instanceof ClusterMessage.SocketsLeave m) {
            return append(SOCKETS_LEAVE, PROVIDER.createObjectBuilder()
                    .add("opts", optionsJson(m.options(), null)).add("rooms", strings(m.rooms())).build());
        } else if (message instanceof ClusterMessage.DisconnectSockets m) {
            return append(DISCONNECT_SOCKETS, PROVIDER.createObjectBuilder()
                    .add("opts", optionsJson(m.options(), null)).add("close", m.close()).build());
        } else if (message instanceof ClusterMessage.BroadcastWithAck m) {
            return publish(publicChannel, BROADCAST, PROVIDER.createObjectBuilder()
                    .add("packet", packetJson(m.packet()))
                    .add("requestId", m.requestId())
                    .add("opts", optionsJson(m.options(), m.timeout()))
                    .build());
        } else if (message instanceof ClusterMessage.FetchSockets m) {
            return publish(publicChannel, FETCH_SOCKETS, PROVIDER.createObjectBuilder()
                    .add("opts", optionsJson(m.options(), null)).add("requestId", m.requestId()).build());
        } else if (message instanceof ClusterMessage.ServerSideEmit m) {
            JsonObjectBuilder data = PROVIDER.createObjectBuilder();
            m.requestId().ifPresent(id -> data.add("requestId", id));
            return publish(publicChannel, SERVER_SIDE_EMIT, data.add("packet", m.data()).build());
        } else if (message instanceof ClusterMessage.AllRooms) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("allRooms"));
        }
        // Heartbeat, AdapterClose: not in 0.3.1's wire; Redis counts the nodes
        return CompletableFuture.completedFuture(null);
    }

    private static <T> void complete(CompletableFuture<T> future, T value, Throwable error) {
        if (error != null) {
            future.completeExceptionally(error);
        } else {
            future.complete(value);
        }
    }

    /** Encodes an answer as Node's {@code ClusterAdapter} does and publishes it on the requester's channel. */
    @Override
    protected CompletableFuture<?> doPublishResponse(String requesterUid, ClusterResponse response) {
        String channel = publicChannel + requesterUid + "#";
        JsonObjectBuilder data = PROVIDER.createObjectBuilder().add("requestId", response.requestId());
        if (response instanceof ClusterResponse.FetchSockets r) {
            return publish(channel, FETCH_SOCKETS_RESPONSE,
                    data.add("sockets", PROVIDER.createArrayBuilder(r.sockets())).build());
        } else if (response instanceof ClusterResponse.ServerSideEmit r) {
            return publish(channel, SERVER_SIDE_EMIT_RESPONSE,
                    data.add("packet", r.data().orElse(JsonValue.NULL)).build());
        } else if (response instanceof ClusterResponse.BroadcastClientCount r) {
            return publish(channel, BROADCAST_CLIENT_COUNT, data.add("clientCount", r.clientCount()).build());
        } else if (response instanceof ClusterResponse.BroadcastAck r) {
            return publish(channel, BROADCAST_ACK, data.add("packet", r.answer()).build());
        }
        return CompletableFuture.failedFuture(new IllegalArgumentException("no wire for " + response));
    }

    /** {@code XADD}s a message: {@code uid, nsp, type, data} with {@link #encodeData}. */
    private CompletableFuture<String> append(int type, JsonObject data) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("uid", uid());
        fields.put("nsp", host.namespace());
        fields.put("type", Integer.toString(type));
        fields.put("data", encodeData(type, data));
        int size = fields.get("data").length();
        if (size > config.maxMessageSize()) {
            return tooLarge(size, config.maxMessageSize());
        }
        return watched(driver.xadd(config.streamName(), config.maxLen(), fields));
    }

    /**
     * The data field as Node writes it: JSON text, or the base64 of its msgpack when it holds binary and the type is
     * one that may (Node's {@code mayContainBinary}).
     */
    String encodeData(int type, JsonObject data) {
        boolean mayContainBinary = type == BROADCAST || type == FETCH_SOCKETS_RESPONSE || type == SERVER_SIDE_EMIT
                || type == SERVER_SIDE_EMIT_RESPONSE || type == BROADCAST_ACK;
        if (!config.onlyPlaintext() && mayContainBinary && hasBinary(data)) {
            return Base64.getEncoder().encodeToString(MsgPack.encode(data));
        }
        return new String(WireJson.encode(data), StandardCharsets.UTF_8);
    }

    private static boolean hasBinary(JsonValue value) {
        if (value instanceof io.socketee.socketio.protocol.Binary) {
            return true;
        }
        if (value instanceof JsonArray array) {
            return array.stream().anyMatch(RedisStreamsAdapter::hasBinary);
        }
        return value instanceof JsonObject object && object.values().stream().anyMatch(RedisStreamsAdapter::hasBinary);
    }

    /** {@code PUBLISH}es a message as msgpack of {@code {type, data, uid, nsp}}. */
    private CompletableFuture<Long> publish(String channel, int type, JsonObject data) {
        byte[] encoded = MsgPack.encode(PROVIDER.createObjectBuilder()
                .add("type", type)
                .add("data", data)
                .add("uid", uid())
                .add("nsp", host.namespace())
                .build());
        if (encoded.length > config.maxMessageSize()) {
            return tooLarge(encoded.length, config.maxMessageSize());
        }
        return watched(driver.publish(channel, encoded));
    }

    /** The packet object Node's adapter appends: {@code {type: 2, data}} (Node sets {@code nsp} after publishing). */
    private static JsonObject packetJson(Packet.Event event) {
        return PROVIDER.createObjectBuilder().add("type", 2).add("data", event.data()).build();
    }

    // ------------------------------------------------------------------ from Redis

    /** The namespace's name. */
    String namespace() {
        return host.namespace();
    }

    /** An entry of the stream (inbox thread): this node's own are skipped (delivered when appended). */
    void onStreamEntry(StreamEntry entry) {
        Map<String, String> fields = entry.fields();
        String sender = fields.getOrDefault("uid", "");
        if (closing() || sender.equals(uid())) {
            return;
        }
        try {
            String data = fields.get("data");
            if (data != null && data.length() > config.maxMessageSize()) {
                throw new WireFormatException("an entry of " + data.length() + " bytes (maxMessageSize "
                        + config.maxMessageSize() + ")");
            }
            JsonObject decoded = data == null ? JsonValue.EMPTY_JSON_OBJECT : decodeData(data);
            onClusterMessage(sender, Integer.parseInt(fields.getOrDefault("type", "-1")), decoded, entry.id());
        } catch (WireFormatException | IllegalArgumentException | ClassCastException e) {
            LOG.log(Level.DEBUG, () -> "Redis Streams adapter " + host.namespace() + ": ignored entry " + entry.id()
                    + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Redis Streams adapter " + host.namespace() + ": handling entry " + entry.id()
                    + " failed", e);
        }
    }

    /** Node's {@code decode}: JSON text when it starts with '{', else base64 of msgpack. */
    private JsonObject decodeData(String data) throws WireFormatException {
        JsonValue value = data.startsWith("{") ? WireJson.decode(data.getBytes(StandardCharsets.UTF_8))
                : MsgPack.decode(Base64.getDecoder().decode(data), config.maxDepth());
        if (!(value instanceof JsonObject object)) {
            throw new WireFormatException("data is not an object");
        }
        return object;
    }

    /** A message on the namespace's channel or this node's own (driver thread): decoded on the inbox. */
    private void onPubSub(String channel, byte[] message) {
        if (closing()) {
            return;
        }
        if (message.length > config.maxMessageSize()) {
            LOG.log(Level.WARNING, "Redis Streams adapter " + host.namespace() + ": dropped a message of "
                    + message.length + " bytes on " + channel + " (maxMessageSize " + config.maxMessageSize() + ")");
            return;
        }
        runtime.threads.execute(() -> {
            if (closing()) {
                return;
            }
            try {
                if (!(MsgPack.decode(message, config.maxDepth()) instanceof JsonObject decoded)
                        || !(decoded.get("type") instanceof JsonNumber type)) {
                    throw new WireFormatException("message without type");
                }
                String sender = decoded.get("uid") instanceof JsonString s ? s.getString() : "";
                String nsp = decoded.get("nsp") instanceof JsonString s ? s.getString() : "";
                if (!nsp.equals(host.namespace()) || sender.equals(uid())) {
                    return;
                }
                JsonObject data = decoded.get("data") instanceof JsonObject d ? d : JsonValue.EMPTY_JSON_OBJECT;
                onClusterMessage(sender, type.intValue(), data, null);
            } catch (WireFormatException | IllegalArgumentException | ClassCastException e) {
                LOG.log(Level.DEBUG, () -> "Redis Streams adapter " + host.namespace() + ": ignored a malformed"
                        + " message on " + channel + ": " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Redis Streams adapter " + host.namespace() + ": handling a message on "
                        + channel + " failed", e);
            }
        });
    }

    /** A message of Node's {@code ClusterAdapter}, decoded into the template's, with its entry id if any. */
    private void onClusterMessage(String sender, int type, JsonObject data, String offset) {
        String requestId = data.get("requestId") instanceof JsonString s ? s.getString() : null;
        JsonObject opts = data.get("opts") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        switch (type) {
            case BROADCAST -> {
                if (!(data.get("packet") instanceof JsonObject packet)
                        || !(packet.get("data") instanceof JsonArray args)) {
                    return;
                }
                Packet.Event event = Packet.event(host.namespace(), args);
                if (requestId == null) {
                    onMessage(new ClusterMessage.Broadcast(sender, event, localOptions(opts)), offset);
                } else {
                    long timeout = opts.get("flags") instanceof JsonObject flags
                            && flags.get("timeout") instanceof JsonNumber n ? n.longValue() : 0;
                    onMessage(new ClusterMessage.BroadcastWithAck(sender, requestId, event, localOptions(opts),
                            Duration.ofMillis(Math.max(0, timeout))));
                }
            }
            case SOCKETS_JOIN -> onMessage(new ClusterMessage.SocketsJoin(sender, localOptions(opts),
                    stringSet(data.get("rooms"))));
            case SOCKETS_LEAVE -> onMessage(new ClusterMessage.SocketsLeave(sender, localOptions(opts),
                    stringSet(data.get("rooms"))));
            case DISCONNECT_SOCKETS -> onMessage(new ClusterMessage.DisconnectSockets(sender, localOptions(opts),
                    data.get("close") == JsonValue.TRUE));
            case FETCH_SOCKETS -> {
                if (requestId != null) {
                    onMessage(new ClusterMessage.FetchSockets(sender, requestId, localOptions(opts)));
                }
            }
            case SERVER_SIDE_EMIT -> {
                if (data.get("packet") instanceof JsonArray packet && !packet.isEmpty()) {
                    onMessage(new ClusterMessage.ServerSideEmit(sender, Optional.ofNullable(requestId), packet));
                }
            }
            case FETCH_SOCKETS_RESPONSE -> {
                if (requestId != null && data.get("sockets") instanceof JsonArray sockets) {
                    List<JsonObject> objects = new ArrayList<>(sockets.size());
                    for (JsonValue socket : sockets) {
                        if (socket instanceof JsonObject object) {
                            objects.add(object);
                        }
                    }
                    onResponse(new ClusterResponse.FetchSockets(sender, requestId, objects));
                }
            }
            case SERVER_SIDE_EMIT_RESPONSE -> {
                if (requestId != null) {
                    JsonValue answer = data.getOrDefault("packet", JsonValue.NULL);
                    onResponse(new ClusterResponse.ServerSideEmit(sender, requestId, Optional.of(answer)));
                }
            }
            case BROADCAST_CLIENT_COUNT -> {
                if (requestId != null && data.get("clientCount") instanceof JsonNumber count) {
                    onResponse(new ClusterResponse.BroadcastClientCount(sender, requestId, count.intValue()));
                }
            }
            case BROADCAST_ACK -> {
                if (requestId != null) {
                    onResponse(new ClusterResponse.BroadcastAck(sender, requestId,
                            data.getOrDefault("packet", JsonValue.NULL)));
                }
            }
            default -> LOG.log(Level.DEBUG, () -> "Redis Streams adapter: ignoring message type " + type);
        }
    }

    private static BroadcastOptions localOptions(JsonObject opts) {
        boolean isVolatile = opts.get("flags") instanceof JsonObject flags && flags.get("volatile") == JsonValue.TRUE;
        return new BroadcastOptions(stringSet(opts.get("rooms")), stringSet(opts.get("except")), isVolatile, true,
                Optional.empty());
    }

    // ------------------------------------------------------------------ connection state recovery

    /**
     * Keeps the session in Redis for {@code maxDisconnectionDuration}, as Node's adapter: {@code SET
     * sio:session:<pid>} to the base64 of the msgpack of {@code {sid, pid, rooms, data}} ({@code data} as JSON
     * values). Never blocks; a failure (Redis down) is logged and the session is lost.
     */
    @Override
    public void persistSession(SessionToPersist session) {
        Optional<ConnectionStateRecovery> recovery = host.connectionStateRecovery();
        if (recovery.isEmpty() || closing()) {
            return;
        }
        String encoded = Base64.getEncoder().encodeToString(MsgPack.encode(sessionJson(session)));
        driver.setPx(config.sessionKeyPrefix() + session.pid(), encoded.getBytes(StandardCharsets.US_ASCII),
                recovery.get().maxDisconnectionDuration().toMillis()).whenComplete((ok, error) -> {
                    if (error != null) {
                        LOG.log(Level.WARNING, "Redis Streams adapter " + host.namespace() + ": cannot keep the"
                                + " session of socket " + session.sid() + " (" + unwrap(error) + ")");
                    }
                });
    }

    /** Node's session object: {@code {sid, pid, rooms, data}}. */
    private JsonObject sessionJson(SessionToPersist session) {
        JsonObjectBuilder data = PROVIDER.createObjectBuilder();
        session.data().forEach((key, value) -> data.add(key, toJson(value)));
        return PROVIDER.createObjectBuilder()
                .add("sid", session.sid())
                .add("pid", session.pid())
                .add("rooms", strings(session.rooms()))
                .add("data", data)
                .build();
    }

    private static Optional<SessionToPersist> session(JsonValue value) {
        if (!(value instanceof JsonObject object) || !(object.get("sid") instanceof JsonString sid)
                || !(object.get("pid") instanceof JsonString pid)) {
            return Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (object.get("data") instanceof JsonObject fields) {
            data.putAll(fields);
        }
        return Optional.of(new SessionToPersist(sid.getString(), pid.getString(), stringSet(object.get("rooms")),
                data));
    }

    /**
     * Takes the session of {@code pid} out of Redis ({@code GETDEL}) and the broadcasts after {@code offset} that its
     * rooms select ({@code XRANGE}, in pages of {@code readCount}, at most {@code maxRecoveryReads} of them; at most
     * {@code maxPackets} and {@code maxBytes} of recovery's bounds). Empty when there is no such session, the offset
     * is not an entry of the stream any more (trimmed), or the bounds are passed. The restored socket joins its rooms
     * on the inbox thread before the stream is read, and the replay stops at what that thread had delivered then:
     * what came later reaches the socket live.
     */
    @Override
    public CompletableFuture<Optional<RestoredSession>> restoreSession(String pid, String offset) {
        Optional<ConnectionStateRecovery> recovery = host.connectionStateRecovery();
        if (recovery.isEmpty() || closing() || offset == null || !OFFSET.matcher(offset).matches()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<byte[]>> taken = driver.getdel(config.sessionKeyPrefix() + pid);
        CompletableFuture<Boolean> offsetKept = driver.xexists(config.streamName(), offset);
        return taken.thenCombine(offsetKept, (raw, kept) -> {
            if (raw.isEmpty() || !kept) {
                return Optional.<SessionToPersist>empty();
            }
            try {
                return session(MsgPack.decode(Base64.getDecoder().decode(raw.get()), config.maxDepth()));
            } catch (WireFormatException | IllegalArgumentException e) {
                LOG.log(Level.DEBUG, () -> "Redis Streams adapter: unreadable session " + pid + ": " + e.getMessage());
                return Optional.<SessionToPersist>empty();
            }
        }).thenCompose(found -> found.isEmpty() ? CompletableFuture.completedFuture(Optional.<RestoredSession>empty())
                : join(pid, found.get()).thenCompose(bounds -> bounds == null
                        ? CompletableFuture.completedFuture(Optional.<RestoredSession>empty())
                        : replay(found.get(), offset, bounds, recovery.get())));
    }

    /** Where the replay of a restored session stops: what the inbox had delivered when the socket joined its rooms. */
    private record ReplayEnd(String lastRead, String lastOwn) {
        String end() {
            if (lastRead == null && lastOwn == null) {
                return "+";
            }
            if (lastRead == null || lastOwn == null) {
                return lastRead == null ? lastOwn : lastRead;
            }
            return compareIds(lastRead, lastOwn) >= 0 ? lastRead : lastOwn;
        }

        /** Whether an entry was delivered before the join (so the socket missed it). */
        boolean missed(String id, boolean own) {
            String delivered = own ? lastOwn : lastRead;
            return own ? delivered != null && compareIds(id, delivered) <= 0
                    : delivered == null || compareIds(id, delivered) <= 0;
        }
    }

    /** Joins the restored socket to its rooms on the inbox thread; null when the inbox is full. */
    private CompletableFuture<ReplayEnd> join(String pid, SessionToPersist session) {
        CompletableFuture<ReplayEnd> joined = new CompletableFuture<>();
        boolean queued = runtime.threads.execute(() -> {
            synchronized (this) {
                // what is broadcast to the socket from now on is held by the namespace until the socket exists
                host.restoring(pid, session.sid());
                addAll(session.sid(), session.rooms());
            }
            joined.complete(new ReplayEnd(runtime.lastReadId, lastOwnId));
        });
        if (!queued) {
            joined.complete(null);
        }
        return joined;
    }

    private CompletableFuture<Optional<RestoredSession>> replay(SessionToPersist session, String offset,
                                                                ReplayEnd end, ConnectionStateRecovery bounds) {
        List<OutgoingPacket> missed = new ArrayList<>();
        long[] bytes = {0};
        return page(session, offset, end, end.end(), bounds, missed, bytes, config.maxRecoveryReads())
                .handle((complete, error) -> {
                    if (error != null || !complete) {
                        LOG.log(Level.DEBUG, () -> "Redis Streams adapter " + host.namespace() + ": session of "
                                + session.sid() + " not recovered (" + (error != null ? unwrap(error)
                                : "beyond the bounds of recovery") + ")");
                        delAll(session.sid());   // the rooms joined for it
                        return Optional.<RestoredSession>empty();
                    }
                    return Optional.of(new RestoredSession(session, missed));
                });
    }

    /** One {@code XRANGE} page after {@code after}; completes with false when the bounds were passed. */
    private CompletableFuture<Boolean> page(SessionToPersist session, String after, ReplayEnd end, String to,
                                            ConnectionStateRecovery bounds, List<OutgoingPacket> missed,
                                            long[] bytes, int readsLeft) {
        if (readsLeft == 0) {
            return CompletableFuture.completedFuture(false);
        }
        return driver.xrange(config.streamName(), after, to, config.readCount()).thenCompose(entries -> {
            for (StreamEntry entry : entries) {
                Map<String, String> fields = entry.fields();
                if (!host.namespace().equals(fields.get("nsp")) || !"3".equals(fields.get("type"))
                        || !end.missed(entry.id(), uid().equals(fields.get("uid")))) {
                    continue;
                }
                String data = fields.getOrDefault("data", "");
                Optional<Packet.Event> packet = missedPacket(data, session.rooms(), entry.id());
                if (packet.isPresent()) {
                    bytes[0] += data.length();
                    if (missed.size() >= bounds.maxPackets() || bytes[0] > bounds.maxBytes()) {
                        return CompletableFuture.completedFuture(false);
                    }
                    missed.add(OutgoingPacket.of(packet.get()));
                }
            }
            if (entries.size() < config.readCount() || to.equals(entries.get(entries.size() - 1).id())) {
                return CompletableFuture.completedFuture(true);
            }
            return page(session, entries.get(entries.size() - 1).id(), end, to, bounds, missed, bytes,
                    readsLeft - 1);
        });
    }

    /** The event of a broadcast entry with its id as offset, when the rooms select it (Node's shouldIncludePacket). */
    private Optional<Packet.Event> missedPacket(String data, Set<String> rooms, String id) {
        JsonObject decoded;
        try {
            decoded = decodeData(data);
        } catch (WireFormatException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (decoded.containsKey("requestId") || !(decoded.get("packet") instanceof JsonObject packet)
                || !(packet.get("data") instanceof JsonArray args)) {
            return Optional.empty();
        }
        JsonObject opts = decoded.get("opts") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        BroadcastOptions options = localOptions(opts);
        if (options.isVolatile()) {
            return Optional.empty();   // sent without an offset: not kept, as on one node
        }
        boolean included = options.rooms().isEmpty();
        for (String room : rooms) {
            if (options.except().contains(room)) {
                return Optional.empty();
            }
            included |= options.rooms().contains(room);
        }
        return included ? Optional.of(ConnectionStateRecovery.withOffset(Packet.event(host.namespace(), args), id))
                : Optional.empty();
    }

    /** Orders two stream ids ({@code <ms>-<seq>}). */
    static int compareIds(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int byTime = Long.compareUnsigned(Long.parseUnsignedLong(a.substring(0, da)),
                Long.parseUnsignedLong(b.substring(0, db)));
        return byTime != 0 ? byTime : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(da + 1)),
                Long.parseUnsignedLong(b.substring(db + 1)));
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    protected void released() {
        runtime.release(this);
    }
}
