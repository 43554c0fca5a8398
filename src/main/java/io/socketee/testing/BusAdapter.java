package io.socketee.testing;

import io.socketee.socketio.Json;
import io.socketee.socketio.adapter.AdapterHost;
import io.socketee.socketio.adapter.BroadcastOptions;
import io.socketee.socketio.adapter.InMemoryAdapter;
import io.socketee.socketio.core.Handshake;
import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.internal.ReservedEvents;
import io.socketee.socketio.protocol.Packet;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The adapter of one node of an {@link InMemoryBus}: the in-memory adapter for this node's sockets, and every cluster
 * operation forwarded to the other nodes' adapters of the namespace through the bus (as the Redis adapter forwards
 * them through Redis, with the same rules: a remote broadcast with acks gets an ack id of the receiving node; remote
 * sockets are proxies with their data copied as JSON). Thread-safe.
 */
final class BusAdapter extends InMemoryAdapter {
    private final InMemoryBus bus;
    private final int node;

    BusAdapter(InMemoryBus bus, int node, AdapterHost host) {
        super(host);
        this.bus = bus;
        this.node = node;
        bus.join(this);
    }

    String namespaceName() {
        return host.namespace();
    }

    private static BroadcastOptions localOnly(BroadcastOptions options) {
        return new BroadcastOptions(options.rooms(), options.except(), options.isVolatile(), true, options.timeout());
    }

    /** Sends {@code message} to every other node of the namespace (nothing when the options say local). */
    private void toOthers(BroadcastOptions options, Consumer<BusAdapter> message) {
        if (options.local()) {
            return;
        }
        for (BusAdapter other : bus.others(this)) {
            bus.deliver(() -> message.accept(other));
        }
    }

    @Override
    public void broadcast(Packet packet, BroadcastOptions options) {
        super.broadcast(packet, options);
        BroadcastOptions local = localOnly(options);
        toOthers(options, other -> other.localBroadcast(packet, local));
    }

    private void localBroadcast(Packet packet, BroadcastOptions options) {
        super.broadcast(packet, options);
    }

    @Override
    public void broadcastWithAck(Packet.Event packet, BroadcastOptions options, IntConsumer clientCount,
                                 Consumer<JsonValue> onResponse) {
        super.broadcastWithAck(packet, options, clientCount, onResponse);
        BroadcastOptions local = localOnly(options);
        toOthers(options, other -> other.localBroadcastWithAck(packet.data(), local,
                count -> bus.deliver(() -> clientCount.accept(count)),
                answer -> bus.deliver(() -> onResponse.accept(answer))));
    }

    private void localBroadcastWithAck(JsonArray data, BroadcastOptions options, IntConsumer clientCount,
                                       Consumer<JsonValue> onResponse) {
        // ack ids are this node's own, as a remote node of the Redis adapter gives them
        super.broadcastWithAck(Packet.event(namespaceName(), host.nextAckId(), data), options, clientCount,
                onResponse);
    }

    @Override
    public CompletableFuture<Set<String>> allRooms() {
        Set<String> rooms = new HashSet<>(localRooms());
        for (BusAdapter other : bus.others(this)) {
            rooms.addAll(other.localRooms());
        }
        return CompletableFuture.completedFuture(Set.copyOf(rooms));
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        List<RemoteSocket> sockets = new ArrayList<>(localSockets(options));
        if (!options.local()) {
            for (BusAdapter other : bus.others(this)) {
                for (RemoteSocket remote : other.localSockets(localOnly(options))) {
                    sockets.add(Proxy.of(this, remote));
                }
            }
        }
        return CompletableFuture.completedFuture(List.copyOf(sockets));
    }

    @Override
    public void addSockets(BroadcastOptions options, Set<String> rooms) {
        super.addSockets(options, rooms);
        BroadcastOptions local = localOnly(options);
        toOthers(options, other -> other.localAddSockets(local, rooms));
    }

    private void localAddSockets(BroadcastOptions options, Set<String> rooms) {
        super.addSockets(options, rooms);
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> rooms) {
        super.delSockets(options, rooms);
        BroadcastOptions local = localOnly(options);
        toOthers(options, other -> other.localDelSockets(local, rooms));
    }

    private void localDelSockets(BroadcastOptions options, Set<String> rooms) {
        super.delSockets(options, rooms);
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        super.disconnectSockets(options, close);
        BroadcastOptions local = localOnly(options);
        toOthers(options, other -> other.localDisconnectSockets(local, close));
    }

    private void localDisconnectSockets(BroadcastOptions options, boolean close) {
        super.disconnectSockets(options, close);
    }

    /**
     * Hands the event to the other nodes' server-side listeners; with acks, completes with one answer per node (the
     * first argument each gave, {@code null} for none), or fails with a {@link TimeoutException} when a node has not
     * answered within the bus's requests timeout.
     */
    @Override
    public CompletableFuture<List<JsonValue>> serverSideEmit(List<JsonValue> eventAndArgs, boolean withAck) {
        JsonArray data = TestClient.toArray(eventAndArgs.toArray());
        List<BusAdapter> others = bus.others(this);
        if (!withAck) {
            for (BusAdapter other : others) {
                bus.deliver(() -> other.host.onServerSideEvent(data, io.socketee.socketio.core.Ack.NONE));
            }
            return CompletableFuture.completedFuture(List.of());
        }
        CompletableFuture<List<JsonValue>> result = new CompletableFuture<>();
        List<JsonValue> answers = Collections.synchronizedList(new ArrayList<>());
        int expected = others.size();
        if (expected == 0) {
            result.complete(List.of());
            return result;
        }
        ScheduledFuture<?> timeout = bus.timers().schedule(() -> result.completeExceptionally(new TimeoutException(
                "timeout reached: only " + answers.size() + " responses received out of " + expected)),
                bus.requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
        for (BusAdapter other : others) {
            bus.deliver(() -> other.host.onServerSideEvent(data, new OnceAck(args -> bus.deliver(() -> {
                JsonValue answer = args.length == 0 ? JsonValue.NULL : Json.toJson(args[0]);
                boolean done;
                synchronized (answers) {
                    answers.add(answer);
                    done = answers.size() == expected;
                }
                if (done) {
                    timeout.cancel(false);
                    synchronized (answers) {
                        result.complete(List.copyOf(answers));
                    }
                }
            }))));
        }
        return result;
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

    /** Answers once; later calls are ignored, as an {@link io.socketee.socketio.core.Ack} promises. */
    private static final class OnceAck implements io.socketee.socketio.core.Ack {
        private final io.socketee.socketio.core.Ack target;
        private final java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();

        OnceAck(io.socketee.socketio.core.Ack target) {
            this.target = target;
        }

        @Override
        public void send(Object... args) {
            if (sent.compareAndSet(false, true)) {
                target.send(args);
            }
        }
    }

    /** A socket of another node, as {@code fetchSockets} returns it: a snapshot whose operations cross the bus. */
    private record Proxy(BusAdapter adapter, String id, Handshake handshake, Set<String> rooms,
                         Map<String, Object> data) implements RemoteSocket {
        static Proxy of(BusAdapter adapter, RemoteSocket remote) {
            Handshake h = remote.handshake();
            // as over the wire: no principal, no HTTP session; the data as JSON
            Handshake copy = new Handshake(h.headers(), h.query(), h.auth(), h.address(), h.time(), h.secure(),
                    h.url(), Optional.empty(), Optional.empty());
            Map<String, Object> data = new LinkedHashMap<>();
            try {
                if (Json.toJson(remote.data()) instanceof JsonObject object) {
                    data.putAll(object);
                }
            } catch (RuntimeException e) {
                // data that cannot travel as JSON does not travel, as with the Redis adapter
            }
            return new Proxy(adapter, remote.id(), copy, Collections.unmodifiableSet(new LinkedHashSet<>(remote.rooms())),
                    Collections.unmodifiableMap(data));
        }

        private BroadcastOptions only() {
            return new BroadcastOptions(Set.of(id), Set.of(), false, false, Optional.empty());
        }

        @Override
        public boolean emit(String event, Object... args) {
            ReservedEvents.checkEmittable(event);
            JsonArray eventData = TestClient.toArray(prepend(event, args));
            adapter.broadcast(Packet.event(adapter.namespaceName(), eventData), only());
            return true;
        }

        private static Object[] prepend(String event, Object[] args) {
            Object[] all = new Object[args.length + 1];
            all[0] = event;
            System.arraycopy(args, 0, all, 1, args.length);
            return all;
        }

        @Override
        public void join(String... toJoin) {
            adapter.addSockets(only(), Set.of(toJoin));
        }

        @Override
        public void leave(String room) {
            adapter.delSockets(only(), Set.of(room));
        }

        @Override
        public void disconnect(boolean close) {
            adapter.disconnectSockets(only(), close);
        }

        @Override
        public String toString() {
            return "RemoteSocket[" + id + " on " + adapter.namespaceName() + "]";
        }
    }
}
