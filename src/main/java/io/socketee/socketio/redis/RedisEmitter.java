package io.socketee.socketio.redis;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.socketio.Json;
import io.socketee.socketio.adapter.ClusterAdapter;
import io.socketee.socketio.adapter.RequestType;
import io.socketee.socketio.internal.ReservedEvents;
import io.socketee.socketio.redis.internal.MsgPack;
import io.socketee.socketio.redis.internal.WireJson;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Emits into a Socket.IO cluster through Redis from any Java process, without being a server: the Java counterpart of
 * Node's {@code @socket.io/redis-emitter}, with the same wire format (it reaches Java and Node.js servers alike, as
 * long as they use the Redis adapter with the same {@code key}).
 *
 * <pre>{@code
 * try (LettuceRedisDriver redis = LettuceRedisDriver.create("redis://127.0.0.1:6379")) {
 *     RedisEmitter emitter = RedisEmitter.create(redis);
 *     emitter.to("room1").except("room2").emit("news", Map.of("title", "..."))
 *            .join();                                              // wait until Redis took it (a batch job exits next)
 *     emitter.of("/admin").emit("report", 42);
 * }
 * }</pre>
 *
 * <p>Write-only: no acknowledgements, no fetchSockets. Every method returns a future that completes when Redis took the
 * message and fails (at once while Redis is unreachable) otherwise. Immutable and thread-safe: selectors return new
 * emitters.
 */
public final class RedisEmitter {
    /** The uid the Node emitter sends as its own: servers never take it for theirs. */
    private static final String UID = "emitter";

    private final RedisDriver driver;
    private final String key;
    private final String nsp;
    private final Set<String> rooms;
    private final Set<String> except;
    private final boolean isVolatile;

    private RedisEmitter(RedisDriver driver, String key, String nsp, Set<String> rooms, Set<String> except,
                         boolean isVolatile) {
        this.driver = driver;
        this.key = key;
        this.nsp = nsp;
        this.rooms = rooms;
        this.except = except;
        this.isVolatile = isVolatile;
    }

    /** An emitter to the main namespace, with the default key {@code socket.io}. */
    public static RedisEmitter create(RedisDriver driver) {
        return create(driver, "socket.io");
    }

    /** An emitter to the main namespace of the servers using {@code key}. */
    public static RedisEmitter create(RedisDriver driver, String key) {
        Objects.requireNonNull(driver, "driver");
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return new RedisEmitter(driver, key, "/", Set.of(), Set.of(), false);
    }

    /** An emitter to another namespace ({@code "admin"} and {@code "/admin"} are the same). */
    public RedisEmitter of(String namespace) {
        String name = namespace.startsWith("/") ? namespace : "/" + namespace;
        return new RedisEmitter(driver, key, name, Set.of(), Set.of(), false);
    }

    /** Also targets sockets in these rooms. */
    public RedisEmitter to(String... more) {
        return new RedisEmitter(driver, key, nsp, union(rooms, more), except, isVolatile);
    }

    /** The same as {@link #to}. */
    public RedisEmitter in(String... more) {
        return to(more);
    }

    /** Leaves out sockets in these rooms. */
    public RedisEmitter except(String... more) {
        return new RedisEmitter(driver, key, nsp, rooms, union(except, more), isVolatile);
    }

    /** The event may be dropped for clients that cannot take it at once. */
    public RedisEmitter asVolatile() {
        return new RedisEmitter(driver, key, nsp, rooms, except, true);
    }

    private static Set<String> union(Set<String> base, String[] more) {
        Set<String> out = new LinkedHashSet<>(base);
        Collections.addAll(out, more);
        return Collections.unmodifiableSet(out);
    }

    /** Sends an event to the selected sockets of every node; arguments as the servers take them. */
    public CompletableFuture<Void> emit(String event, Object... args) {
        ReservedEvents.checkEmittable(event);
        JsonArrayBuilder data = PROVIDER.createArrayBuilder().add(event);
        for (Object arg : args) {
            data.add(Json.toJson(arg));
        }
        JsonObjectBuilder flags = PROVIDER.createObjectBuilder();
        if (isVolatile) {
            flags.add("volatile", true);
        }
        byte[] message = MsgPack.encode(PROVIDER.createArrayBuilder()
                .add(UID)
                .add(PROVIDER.createObjectBuilder().add("type", 2).add("data", data).add("nsp", nsp))
                .add(PROVIDER.createObjectBuilder()
                        .add("rooms", ClusterAdapter.strings(rooms))
                        .add("flags", flags)
                        .add("except", ClusterAdapter.strings(except)))
                .build());
        String channel = key + "#" + nsp + "#" + (rooms.size() == 1 ? rooms.iterator().next() + "#" : "");
        return publish(channel, message);
    }

    /** Makes the selected sockets of every node join rooms. */
    public CompletableFuture<Void> socketsJoin(String... toJoin) {
        return request(RequestType.REMOTE_JOIN, PROVIDER.createObjectBuilder()
                .add("rooms", ClusterAdapter.strings(Set.of(toJoin))));
    }

    /** Makes the selected sockets of every node leave rooms. */
    public CompletableFuture<Void> socketsLeave(String... toLeave) {
        return request(RequestType.REMOTE_LEAVE, PROVIDER.createObjectBuilder()
                .add("rooms", ClusterAdapter.strings(Set.of(toLeave))));
    }

    /** Disconnects the selected sockets of every node; with {@code close}, closes their connections. */
    public CompletableFuture<Void> disconnectSockets(boolean close) {
        return request(RequestType.REMOTE_DISCONNECT, PROVIDER.createObjectBuilder().add("close", close));
    }

    /** Sends an event to the namespace's server-side listeners on every node (no acknowledgements). */
    public CompletableFuture<Void> serverSideEmit(String event, Object... args) {
        JsonArrayBuilder data = PROVIDER.createArrayBuilder().add(event);
        for (Object arg : args) {
            data.add(Json.toJson(arg));
        }
        JsonObject request = PROVIDER.createObjectBuilder()
                .add("uid", UID)
                .add("type", RequestType.SERVER_SIDE_EMIT.code())
                .add("data", data)
                .build();
        return publish(key + "-request#" + nsp + "#", WireJson.encode(request));
    }

    private CompletableFuture<Void> request(RequestType type, JsonObjectBuilder rest) {
        JsonObject body = rest.build();
        JsonObjectBuilder request = PROVIDER.createObjectBuilder()
                .add("type", type.code())
                .add("opts", PROVIDER.createObjectBuilder()
                        .add("rooms", ClusterAdapter.strings(rooms))
                        .add("except", ClusterAdapter.strings(except)));
        body.forEach(request::add);
        return publish(key + "-request#" + nsp + "#", WireJson.encode(request.build()));
    }

    private CompletableFuture<Void> publish(String channel, byte[] message) {
        return driver.publish(channel, message).handle((n, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                throw new RedisAdapterException("Redis is unreachable: not emitted (" + cause.getMessage() + ")",
                        cause);
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "RedisEmitter[" + key + " " + nsp + " to " + rooms + " except " + except + "]";
    }
}
