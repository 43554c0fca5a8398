package io.socketee.socketio.redis;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.AdapterHost;
import io.socketee.socketio.adapter.BroadcastOptions;
import io.socketee.socketio.adapter.ClusterAdapter;
import io.socketee.socketio.adapter.ClusterMessage;
import io.socketee.socketio.adapter.ClusterResponse;
import io.socketee.socketio.adapter.RequestType;
import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.protocol.Packet;
import io.socketee.socketio.redis.internal.AdapterThreads;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An adapter that joins the namespace to a cluster through Redis Pub/Sub, speaking the wire format of Node's
 * {@code @socket.io/redis-adapter} 8.x, so Java and Node.js servers share one cluster and
 * {@code @socket.io/redis-emitter} (or {@link RedisEmitter}) reaches both. A backend of the {@link ClusterAdapter}
 * template: this class only encodes the template's messages into that wire, publishes them, and decodes what it
 * receives; the nodes are counted by Redis ({@code PUBSUB NUMSUB} of the request channel), as Node's adapter does.
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
 * {@code socket.io-response#<nsp>#<uid>#}). Requests and responses are JSON text with the numeric types of
 * {@link RequestType}, except broadcasts with acks and their acks, which are msgpack (binary arguments travel as
 * msgpack bin, as Node's {@code Buffer}s do).
 *
 * <p>Faults: local delivery never depends on Redis. While Redis is unreachable, cluster publications are skipped (one
 * warning per outage) and operations that need answers from other nodes (fetchSockets, allRooms, serverCount,
 * serverSideEmit with acks) fail at once with {@link RedisAdapterException}; the driver reconnects and subscribes again
 * by itself. Messages from Redis are decoded into JSON-P values only, within size and depth limits.
 *
 * <p>Thread-safe. Messages from Redis are handled one at a time, in order, on a daemon thread of the factory;
 * request timeouts run on another. Both end when idle. {@link #close()} unsubscribes and cancels pending requests.
 */
public final class RedisAdapter extends RedisClusterAdapter {
    private static final System.Logger LOG = System.getLogger(RedisAdapter.class.getName());

    private final RedisAdapterConfig config;
    private final AdapterThreads runtime;
    private final String channel;
    private final String requestChannel;
    private final String responseChannel;
    private final CompletableFuture<Void> subscribed;

    private RedisAdapter(AdapterHost host, RedisDriver driver, RedisAdapterConfig config, AdapterThreads runtime) {
        super(host, randomId(6), config.requestsTimeout(), runtime, false, driver, "Redis adapter");
        this.config = config;
        this.runtime = runtime;
        runtime.acquire();
        String nsp = host.namespace();
        this.channel = config.key() + "#" + nsp + "#";
        this.requestChannel = config.key() + "-request#" + nsp + "#";
        this.responseChannel = config.key() + "-response#" + nsp + "#";
        String specificResponseChannel = responseChannel + uid() + "#";
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
        AdapterThreads runtime = new AdapterThreads("socketee-redis", "Redis adapter", config.maxQueuedMessages());
        return host -> new RedisAdapter(host, driver, config, runtime);
    }

    /** A factory with the default settings. */
    public static Adapter.Factory factory(RedisDriver driver) {
        return factory(driver, RedisAdapterConfig.defaults());
    }

    /** Completes when Redis confirmed every subscription of this adapter (useful in tests and health checks). */
    public CompletableFuture<Void> subscribed() {
        return subscribed;
    }

    // ------------------------------------------------------------------ threads

    private interface Handler {
        void handle(String channel, byte[] message) throws WireFormatException;
    }

    /** Hands messages from the driver's I/O thread to the inbox thread; drops oversized ones. */
    private RedisDriver.MessageHandler inbox(Handler handler) {
        return (from, message) -> {
            if (closing()) {
                return;
            }
            if (message.length > config.maxMessageSize()) {
                LOG.log(Level.WARNING, "Redis adapter " + host.namespace() + ": dropped a message of "
                        + message.length + " bytes on " + from + " (maxMessageSize " + config.maxMessageSize() + ")");
                return;
            }
            runtime.execute(() -> {
                if (closing()) {
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

    // ------------------------------------------------------------------ the template's backend

    @Override
    public CompletableFuture<Integer> serverCount() {
        return countNodes(requestChannel);
    }

    /** Encodes a message of the template into the Node adapter's wire and publishes it on its channel. */
    @Override
    protected CompletableFuture<?> doPublish(ClusterMessage message) {
        if (message instanceof ClusterMessage.Broadcast m) {
            return publish(m.options().rooms().size() == 1
                    ? channel + m.options().rooms().iterator().next() + "#" : channel,
                    MsgPack.encode(PROVIDER.createArrayBuilder()
                            .add(m.uid())
                            .add(packetJson(m.packet()))
                            .add(optionsJson(m.options(), null))
                            .build()));
        } else if (message instanceof ClusterMessage.BroadcastWithAck m) {
            return publish(requestChannel, MsgPack.encode(PROVIDER.createObjectBuilder()
                    .add("uid", m.uid())
                    .add("requestId", m.requestId())
                    .add("type", RequestType.BROADCAST.code())
                    .add("packet", packetJson(m.packet()))
                    .add("opts", optionsJson(m.options(), m.timeout()))
                    .build()));
        } else if (message instanceof ClusterMessage.SocketsJoin m) {
            return publishRequest(request(RequestType.REMOTE_JOIN, m.uid())
                    .add("opts", selectorJson(m.options())).add("rooms", strings(m.rooms())));
        } else if (message instanceof ClusterMessage.SocketsLeave m) {
            return publishRequest(request(RequestType.REMOTE_LEAVE, m.uid())
                    .add("opts", selectorJson(m.options())).add("rooms", strings(m.rooms())));
        } else if (message instanceof ClusterMessage.DisconnectSockets m) {
            return publishRequest(request(RequestType.REMOTE_DISCONNECT, m.uid())
                    .add("opts", selectorJson(m.options())).add("close", m.close()));
        } else if (message instanceof ClusterMessage.FetchSockets m) {
            return publishRequest(request(RequestType.REMOTE_FETCH, m.uid())
                    .add("requestId", m.requestId()).add("opts", selectorJson(m.options())));
        } else if (message instanceof ClusterMessage.AllRooms m) {
            return publishRequest(request(RequestType.ALL_ROOMS, m.uid()).add("requestId", m.requestId()));
        } else if (message instanceof ClusterMessage.ServerSideEmit m) {
            JsonObjectBuilder request = request(RequestType.SERVER_SIDE_EMIT, m.uid());
            m.requestId().ifPresent(id -> request.add("requestId", id));
            return publishRequest(request.add("data", m.data()));
        }
        // Heartbeat, AdapterClose: the pub/sub wire has none, Redis counts the nodes
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Encodes an answer as the Node adapter does and publishes it on the requester's channel when
     * {@code publishOnSpecificResponseChannel}, else on the shared one (answers to serverSideEmit always on the shared
     * one, as Node's).
     */
    @Override
    protected CompletableFuture<?> doPublishResponse(String requesterUid, ClusterResponse response) {
        byte[] encoded;
        if (response instanceof ClusterResponse.FetchSockets r) {
            encoded = WireJson.encode(PROVIDER.createObjectBuilder()
                    .add("requestId", r.requestId()).add("sockets", PROVIDER.createArrayBuilder(r.sockets()))
                    .build());
        } else if (response instanceof ClusterResponse.AllRooms r) {
            encoded = WireJson.encode(PROVIDER.createObjectBuilder()
                    .add("requestId", r.requestId()).add("rooms", strings(r.rooms())).build());
        } else if (response instanceof ClusterResponse.ServerSideEmit r) {
            JsonObjectBuilder answer = PROVIDER.createObjectBuilder()
                    .add("type", RequestType.SERVER_SIDE_EMIT.code())
                    .add("requestId", r.requestId());
            r.data().ifPresent(data -> answer.add("data", data));
            return publish(responseChannel, WireJson.encode(answer.build()));
        } else if (response instanceof ClusterResponse.BroadcastClientCount r) {
            encoded = WireJson.encode(PROVIDER.createObjectBuilder()
                    .add("type", RequestType.BROADCAST_CLIENT_COUNT.code())
                    .add("requestId", r.requestId())
                    .add("clientCount", r.clientCount()).build());
        } else if (response instanceof ClusterResponse.BroadcastAck r) {
            encoded = MsgPack.encode(PROVIDER.createObjectBuilder()
                    .add("type", RequestType.BROADCAST_ACK.code())
                    .add("requestId", r.requestId())
                    .add("packet", r.answer()).build());
        } else {
            throw new IllegalArgumentException("unknown response " + response);
        }
        return publish(responseChannel(requesterUid), encoded);
    }

    private static JsonObjectBuilder request(RequestType type, String uid) {
        return PROVIDER.createObjectBuilder().add("uid", uid).add("type", type.code());
    }

    private CompletableFuture<Long> publishRequest(JsonObjectBuilder request) {
        return publish(requestChannel, WireJson.encode(request.build()));
    }

    private CompletableFuture<Long> publish(String to, byte[] message) {
        if (message.length > config.maxMessageSize()) {
            return tooLarge(message.length, config.maxMessageSize());
        }
        return watched(driver.publish(to, message));
    }

    /** The packet object Node's adapter publishes: {@code {type: 2, data, nsp}} (binary stays inside the data). */
    private JsonObject packetJson(Packet.Event event) {
        return PROVIDER.createObjectBuilder()
                .add("type", 2)
                .add("data", event.data())
                .add("nsp", host.namespace())
                .build();
    }

    /** {@code opts: {rooms, except}} of requests, without flags. */
    private static JsonObject selectorJson(BroadcastOptions options) {
        return PROVIDER.createObjectBuilder()
                .add("rooms", strings(options.rooms()))
                .add("except", strings(options.except()))
                .build();
    }

    // ------------------------------------------------------------------ from Redis

    /** A broadcast from another node (or an emitter): {@code [uid, packet, opts]}. */
    private void onBroadcast(String from, byte[] message) throws WireFormatException {
        if (!from.startsWith(channel)) {
            return;
        }
        JsonValue decoded = MsgPack.decode(message, config.maxDepth());
        if (!(decoded instanceof JsonArray array) || array.size() < 3) {
            throw new WireFormatException("broadcast is not [uid, packet, opts]");
        }
        String sender = array.get(0) instanceof JsonString s ? s.getString() : "";
        if (sender.equals(uid())) {
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
        onMessage(new ClusterMessage.Broadcast(sender, Packet.event(nsp, data),
                localOptions(opts, flag(opts, "volatile"))));
    }

    private static boolean flag(JsonObject opts, String name) {
        return opts.get("flags") instanceof JsonObject flags && flags.get(name) == JsonValue.TRUE;
    }

    private static BroadcastOptions localOptions(JsonObject opts, boolean isVolatile) {
        return new BroadcastOptions(stringSet(opts.get("rooms")), stringSet(opts.get("except")), isVolatile, true,
                Optional.empty());
    }

    /** A request from another node (or an emitter), decoded into a message of the template. */
    private void onRequest(String from, byte[] message) throws WireFormatException {
        if (!(WireJson.decodeAny(message, config.maxDepth()) instanceof JsonObject request)
                || !(request.get("type") instanceof JsonNumber typeCode)) {
            throw new WireFormatException("request without type");
        }
        String sender = request.get("uid") instanceof JsonString s ? s.getString() : "";
        if (sender.equals(uid())) {
            return; // our own: done locally when sent
        }
        String requestId = request.get("requestId") instanceof JsonString s ? s.getString() : null;
        Optional<RequestType> type = RequestType.of(typeCode.intValue());
        if (type.isEmpty()) {
            LOG.log(Level.DEBUG, () -> "Redis adapter: ignoring request type " + typeCode);
            return;
        }
        JsonObject opts = request.get("opts") instanceof JsonObject o ? o : null;
        switch (type.get()) {
            case SOCKETS -> {
                // the ids of the sockets in rooms: asked by older nodes; not a request of the template
                if (requestId != null) {
                    Set<String> ids = sockets(stringSet(request.get("rooms")), Set.of());
                    publish(responseChannel(sender), WireJson.encode(PROVIDER.createObjectBuilder()
                            .add("requestId", requestId).add("sockets", strings(ids)).build()));
                }
            }
            case ALL_ROOMS -> {
                if (requestId != null) {
                    onMessage(new ClusterMessage.AllRooms(sender, requestId));
                }
            }
            case REMOTE_JOIN, REMOTE_LEAVE, REMOTE_DISCONNECT -> {
                if (opts == null) {
                    onSingleSocketOperation(type.get(), request, sender, requestId);
                    return;
                }
                BroadcastOptions selected = localOptions(opts, false);
                onMessage(switch (type.get()) {
                    case REMOTE_JOIN -> new ClusterMessage.SocketsJoin(sender, selected,
                            stringSet(request.get("rooms")));
                    case REMOTE_LEAVE -> new ClusterMessage.SocketsLeave(sender, selected,
                            stringSet(request.get("rooms")));
                    default -> new ClusterMessage.DisconnectSockets(sender, selected,
                            request.get("close") == JsonValue.TRUE);
                });
            }
            case REMOTE_FETCH -> {
                if (requestId != null && opts != null) {
                    onMessage(new ClusterMessage.FetchSockets(sender, requestId, localOptions(opts, false)));
                }
            }
            case SERVER_SIDE_EMIT -> {
                if (request.get("data") instanceof JsonArray data && !data.isEmpty()) {
                    onMessage(new ClusterMessage.ServerSideEmit(sender, Optional.ofNullable(requestId), data));
                }
            }
            case BROADCAST -> {
                if (requestId == null || !(request.get("packet") instanceof JsonObject packet)
                        || !(packet.get("data") instanceof JsonArray data)) {
                    return;
                }
                String nsp = packet.get("nsp") instanceof JsonString s ? s.getString() : "/";
                if (!nsp.equals(host.namespace())) {
                    return;
                }
                JsonObject o = opts == null ? JsonValue.EMPTY_JSON_OBJECT : opts;
                long timeout = o.get("flags") instanceof JsonObject flags
                        && flags.get("timeout") instanceof JsonNumber n ? n.longValue() : 0;
                onMessage(new ClusterMessage.BroadcastWithAck(sender, requestId, Packet.event(nsp, data),
                        localOptions(o, flag(o, "volatile")), Duration.ofMillis(Math.max(0, timeout))));
            }
            default -> LOG.log(Level.DEBUG, () -> "Redis adapter: ignoring request type " + type.get());
        }
    }

    private String responseChannel(String requester) {
        return config.publishOnSpecificResponseChannel() ? responseChannel + requester + "#" : responseChannel;
    }

    /** The older form of the Node adapter for one socket: {@code {sid, room}} or {@code {sid, close}}. */
    private void onSingleSocketOperation(RequestType type, JsonObject request, String sender, String requestId) {
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
            publish(responseChannel(sender), WireJson.encode(PROVIDER.createObjectBuilder()
                    .add("requestId", requestId).build()));
        }
    }

    /**
     * An answer from another node, decoded into an answer of the template. Acks of broadcasts say their type; the
     * answers to fetchSockets and allRooms do not, so the pending request tells what they answer.
     */
    private void onResponse(String from, byte[] message) throws WireFormatException {
        if (!(WireJson.decodeAny(message, config.maxDepth()) instanceof JsonObject response)
                || !(response.get("requestId") instanceof JsonString id)) {
            return;
        }
        String requestId = id.getString();
        Optional<RequestType> pending = pendingRequest(requestId);
        if (pending.isEmpty()) {
            return;
        }
        int type = response.get("type") instanceof JsonNumber n ? n.intValue() : -1;
        switch (pending.get()) {
            case BROADCAST -> {
                if (type == RequestType.BROADCAST_CLIENT_COUNT.code()
                        && response.get("clientCount") instanceof JsonNumber count) {
                    onResponse(new ClusterResponse.BroadcastClientCount("", requestId, count.intValue()));
                } else if (type == RequestType.BROADCAST_ACK.code()) {
                    onResponse(new ClusterResponse.BroadcastAck("", requestId,
                            response.getOrDefault("packet", JsonValue.NULL)));
                }
            }
            case REMOTE_FETCH -> {
                if (response.get("sockets") instanceof JsonArray sockets) {
                    List<JsonObject> objects = new ArrayList<>(sockets.size());
                    for (JsonValue socket : sockets) {
                        if (socket instanceof JsonObject object) {
                            objects.add(object);
                        }
                    }
                    onResponse(new ClusterResponse.FetchSockets("", requestId, objects));
                }
            }
            case ALL_ROOMS -> {
                if (response.get("rooms") instanceof JsonArray rooms) {
                    onResponse(new ClusterResponse.AllRooms("", requestId, stringSet(rooms)));
                }
            }
            case SERVER_SIDE_EMIT -> onResponse(new ClusterResponse.ServerSideEmit("", requestId,
                    Optional.of(response.getOrDefault("data", JsonValue.NULL))));
            default -> { }
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    protected void released() {
        runtime.release();
    }
}
