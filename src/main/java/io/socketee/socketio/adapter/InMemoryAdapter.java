package io.socketee.socketio.adapter;

import io.socketee.socketio.OutgoingPacket;
import io.socketee.socketio.RemoteSocket;
import io.socketee.socketio.protocol.Packet;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The default adapter: rooms in memory, broadcasts to this node's sockets. A broadcast is encoded once and the same
 * Engine.IO messages are written to every recipient. Room bookkeeping is guarded by this object's monitor; writes to
 * sockets happen outside it.
 */
public class InMemoryAdapter implements Adapter {
    protected final AdapterHost host;
    private final Map<String, Set<String>> rooms = new HashMap<>();
    private final Map<String, Set<String>> socketRooms = new HashMap<>();

    public InMemoryAdapter(AdapterHost host) {
        this.host = host;
    }

    @Override
    public synchronized void addAll(String socketId, Set<String> toJoin) {
        Set<String> joined = socketRooms.computeIfAbsent(socketId, id -> new HashSet<>());
        for (String room : toJoin) {
            if (joined.add(room)) {
                rooms.computeIfAbsent(room, r -> new HashSet<>()).add(socketId);
            }
        }
    }

    @Override
    public synchronized void del(String socketId, String room) {
        Set<String> joined = socketRooms.get(socketId);
        if (joined != null) {
            joined.remove(room);
        }
        removeFromRoom(room, socketId);
    }

    @Override
    public synchronized void delAll(String socketId) {
        Set<String> joined = socketRooms.remove(socketId);
        if (joined != null) {
            for (String room : joined) {
                removeFromRoom(room, socketId);
            }
        }
    }

    private void removeFromRoom(String room, String socketId) {
        Set<String> members = rooms.get(room);
        if (members != null && members.remove(socketId) && members.isEmpty()) {
            rooms.remove(room);
        }
    }

    @Override
    public synchronized Set<String> socketRooms(String socketId) {
        Set<String> joined = socketRooms.get(socketId);
        return joined == null ? Set.of() : Set.copyOf(joined);
    }

    @Override
    public synchronized Set<String> sockets(Set<String> inRooms, Set<String> except) {
        Set<String> excluded = new HashSet<>();
        for (String room : except) {
            Set<String> members = rooms.get(room);
            if (members != null) {
                excluded.addAll(members);
            }
        }
        Set<String> selected = new HashSet<>();
        if (inRooms.isEmpty()) {
            selected.addAll(socketRooms.keySet());
        } else {
            for (String room : inRooms) {
                Set<String> members = rooms.get(room);
                if (members != null) {
                    selected.addAll(members);
                }
            }
        }
        selected.removeAll(excluded);
        return selected;
    }

    /** Rooms of this node. */
    protected synchronized Set<String> localRooms() {
        return Set.copyOf(rooms.keySet());
    }

    @Override
    public CompletableFuture<Set<String>> allRooms() {
        return CompletableFuture.completedFuture(localRooms());
    }

    @Override
    public void broadcast(Packet packet, BroadcastOptions options) {
        OutgoingPacket outgoing = OutgoingPacket.of(packet);
        for (String id : sockets(options.rooms(), options.except())) {
            host.deliver(id, outgoing, options.isVolatile(), null);
        }
    }

    @Override
    public void broadcastWithAck(Packet.Event packet, BroadcastOptions options, IntConsumer clientCount,
                                 Consumer<JsonValue> onResponse) {
        OutgoingPacket outgoing = OutgoingPacket.of(packet);
        int count = 0;
        for (String id : sockets(options.rooms(), options.except())) {
            boolean delivered = host.deliver(id, outgoing, options.isVolatile(),
                    answer -> onResponse.accept(answer.isEmpty() ? JsonValue.NULL : answer.get(0)));
            if (delivered) {
                count++;
            }
        }
        clientCount.accept(count);
    }

    /** The local sockets the options select. */
    protected List<RemoteSocket> localSockets(BroadcastOptions options) {
        List<RemoteSocket> out = new ArrayList<>();
        for (String id : sockets(options.rooms(), options.except())) {
            host.socket(id).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        return CompletableFuture.completedFuture(localSockets(options));
    }

    @Override
    public void addSockets(BroadcastOptions options, Set<String> toJoin) {
        String[] roomArray = toJoin.toArray(String[]::new);
        for (RemoteSocket socket : localSockets(options)) {
            socket.join(roomArray);
        }
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> toLeave) {
        for (RemoteSocket socket : localSockets(options)) {
            toLeave.forEach(socket::leave);
        }
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        for (RemoteSocket socket : localSockets(options)) {
            socket.disconnect(close);
        }
    }

    @Override
    public CompletableFuture<List<JsonValue>> serverSideEmit(List<JsonValue> eventAndArgs, boolean withAck) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<Integer> serverCount() {
        return CompletableFuture.completedFuture(1);
    }

    @Override
    public synchronized void close() {
        rooms.clear();
        socketRooms.clear();
    }
}
