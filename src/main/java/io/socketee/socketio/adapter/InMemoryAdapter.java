package io.socketee.socketio.adapter;

import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.protocol.Packet;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The default adapter: rooms in memory, broadcasts to this node's sockets. A broadcast is encoded once and the same
 * Engine.IO messages are written to every recipient. Room bookkeeping is guarded by this object's monitor; writes to
 * sockets happen outside it.
 *
 * <p>With connection state recovery on, it also keeps the packets for replay and the disconnected sessions (see
 * {@link ConnectionStateRecovery} for the bounds), under the same monitor as the rooms: a broadcast is numbered and
 * kept in the same critical section that selects its recipients, and a restore lists the missed packets in one, so a
 * packet is either replayed to a recovered socket or reaches it live once it rejoined its rooms.
 */
public class InMemoryAdapter implements Adapter {
    private static final System.Logger LOG = System.getLogger(InMemoryAdapter.class.getName());
    protected final AdapterHost host;
    /** Told of membership changes after the monitor is released; usually empty, then nothing is recorded. */
    private final List<RoomListener> roomListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Room> rooms = new HashMap<>();
    private final Map<String, Set<String>> socketRooms = new HashMap<>();
    /** Every socket's id, for namespace-wide broadcasts; null after a socket came or went. */
    private String[] allSockets;
    /** Packets and sessions for connection state recovery; null when it is off. */
    private final SessionStore store;

    public InMemoryAdapter(AdapterHost host) {
        this(host, true);
    }

    /**
     * @param keepsSessions whether this adapter keeps the packets and sessions for connection state recovery in
     *                      memory (when recovery is on); false for a cluster adapter whose backend keeps them
     */
    protected InMemoryAdapter(AdapterHost host, boolean keepsSessions) {
        this.host = host;
        Optional<ConnectionStateRecovery> recovery = keepsSessions ? host.connectionStateRecovery() : Optional.empty();
        this.store = recovery.map(config -> new SessionStore(config, host.clock())).orElse(null);
    }

    /**
     * A room's members, and an array of them that broadcasts iterate outside the lock, rebuilt after the members
     * changed. Most rooms are a socket's own, with one member: sets start small.
     */
    private static final class Room {
        final Set<String> members = new HashSet<>(2);
        String[] snapshot;

        String[] snapshot() {
            if (snapshot == null) {
                snapshot = members.toArray(String[]::new);
            }
            return snapshot;
        }
    }

    @Override
    public void addRoomListener(RoomListener listener) {
        roomListeners.add(listener);
    }

    /** A membership change to tell the room listeners once the monitor is released. */
    private record RoomEvent(int kind, String room, String socketId) {
        static final int CREATED = 0;
        static final int JOINED = 1;
        static final int LEFT = 2;
        static final int DELETED = 3;
    }

    @Override
    public void addAll(String socketId, Set<String> toJoin) {
        List<RoomEvent> events = roomListeners.isEmpty() ? null : new ArrayList<>(2);
        synchronized (this) {
            Set<String> joined = socketRooms.get(socketId);
            if (joined == null) {
                joined = new HashSet<>(2);
                socketRooms.put(socketId, joined);
                allSockets = null;
            }
            for (String room : toJoin) {
                if (joined.add(room)) {
                    Room r = rooms.get(room);
                    if (r == null) {
                        r = new Room();
                        rooms.put(room, r);
                        record(events, RoomEvent.CREATED, room, socketId);
                    }
                    r.members.add(socketId);
                    r.snapshot = null;
                    record(events, RoomEvent.JOINED, room, socketId);
                }
            }
        }
        tell(events);
    }

    @Override
    public void del(String socketId, String room) {
        List<RoomEvent> events = roomListeners.isEmpty() ? null : new ArrayList<>(2);
        synchronized (this) {
            Set<String> joined = socketRooms.get(socketId);
            if (joined != null) {
                joined.remove(room);
            }
            removeFromRoom(room, socketId, events);
        }
        tell(events);
    }

    @Override
    public void delAll(String socketId) {
        List<RoomEvent> events = roomListeners.isEmpty() ? null : new ArrayList<>(2);
        synchronized (this) {
            Set<String> joined = socketRooms.remove(socketId);
            if (joined != null) {
                allSockets = null;
                for (String room : joined) {
                    removeFromRoom(room, socketId, events);
                }
            }
        }
        tell(events);
    }

    private void removeFromRoom(String room, String socketId, List<RoomEvent> events) {
        Room r = rooms.get(room);
        if (r != null && r.members.remove(socketId)) {
            r.snapshot = null;
            record(events, RoomEvent.LEFT, room, socketId);
            if (r.members.isEmpty()) {
                rooms.remove(room);
                record(events, RoomEvent.DELETED, room, socketId);
            }
        }
    }

    private static void record(List<RoomEvent> events, int kind, String room, String socketId) {
        if (events != null) {
            events.add(new RoomEvent(kind, room, socketId));
        }
    }

    /** Tells the room listeners what changed; called without the monitor. */
    private void tell(List<RoomEvent> events) {
        if (events == null || events.isEmpty()) {
            return;
        }
        for (RoomListener listener : roomListeners) {
            for (RoomEvent event : events) {
                try {
                    switch (event.kind()) {
                        case RoomEvent.CREATED -> listener.roomCreated(event.room());
                        case RoomEvent.JOINED -> listener.roomJoined(event.room(), event.socketId());
                        case RoomEvent.LEFT -> listener.roomLeft(event.room(), event.socketId());
                        default -> listener.roomDeleted(event.room());
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "room listener of " + host.namespace() + " failed", e);
                }
            }
        }
    }

    @Override
    public synchronized Set<String> socketRooms(String socketId) {
        Set<String> joined = socketRooms.get(socketId);
        return joined == null ? Set.of() : Set.copyOf(joined);
    }

    @Override
    public synchronized Set<String> sockets(Set<String> inRooms, Set<String> except) {
        Set<String> excluded = excluded(except);
        Set<String> selected = new HashSet<>();
        if (inRooms.isEmpty()) {
            selected.addAll(socketRooms.keySet());
        } else {
            for (String room : inRooms) {
                Room r = rooms.get(room);
                if (r != null) {
                    selected.addAll(r.members);
                }
            }
        }
        selected.removeAll(excluded);
        return selected;
    }

    private Set<String> excluded(Set<String> except) {
        if (except.isEmpty()) {
            return Set.of();
        }
        Set<String> excluded = new HashSet<>();
        for (String room : except) {
            Room r = rooms.get(room);
            if (r != null) {
                excluded.addAll(r.members);
            }
        }
        return excluded;
    }

    /**
     * Calls {@code action} once with each socket the options select, outside the lock (so that writes to sockets never
     * hold it). One room, or the whole namespace, is iterated from its snapshot without copying its members.
     */
    private void forEachSelected(BroadcastOptions options, Consumer<String> action) {
        Selection selection;
        synchronized (this) {
            selection = select(options);
        }
        selection.forEach(action);
    }

    /** Sockets a broadcast reaches: candidates, minus the excluded. */
    private record Selection(String[] candidates, Set<String> excluded) {
        void forEach(Consumer<String> action) {
            for (String id : candidates) {
                if (!excluded.contains(id)) {
                    action.accept(id);
                }
            }
        }
    }

    /** Called under the lock. */
    private Selection select(BroadcastOptions options) {
        Set<String> inRooms = options.rooms();
        if (inRooms.size() > 1) {
            return new Selection(sockets(inRooms, options.except()).toArray(String[]::new), Set.of());
        }
        String[] candidates;
        if (inRooms.isEmpty()) {
            if (allSockets == null) {
                allSockets = socketRooms.keySet().toArray(String[]::new);
            }
            candidates = allSockets;
        } else {
            Room r = rooms.get(inRooms.iterator().next());
            candidates = r == null ? new String[0] : r.snapshot();
        }
        return new Selection(candidates, excluded(options.except()));
    }

    /** Rooms of this node. */
    protected synchronized Set<String> localRooms() {
        return Set.copyOf(rooms.keySet());
    }

    @Override
    public synchronized int localRoomCount() {
        return rooms.size();
    }

    @Override
    public CompletableFuture<Set<String>> allRooms() {
        return CompletableFuture.completedFuture(localRooms());
    }

    @Override
    public void broadcast(Packet packet, BroadcastOptions options) {
        boolean isVolatile = options.isVolatile();
        int[] count = {0};
        if (store == null || !ConnectionStateRecovery.isKept(packet, isVolatile)) {
            OutgoingPacket outgoing = OutgoingPacket.of(packet);
            forEachSelected(options, id -> {
                if (host.deliver(id, outgoing, isVolatile, null)) {
                    count[0]++;
                }
            });
        } else {
            OutgoingPacket outgoing;
            Selection selection;
            synchronized (this) {
                outgoing = store.keep((Packet.Event) packet, options);
                selection = select(options);
            }
            selection.forEach(id -> {
                if (host.deliver(id, outgoing, false, null)) {
                    count[0]++;
                }
            });
        }
        host.broadcastWritten(count[0]);
    }

    /**
     * Writes a packet to the local sockets the options select, an event with {@code offset} as its last argument when
     * recovery is on and the packet is one kept for replay ({@link ConnectionStateRecovery#isKept}); for a cluster
     * adapter whose backend numbered the packet (a stream entry id). Keeps nothing; {@code offset} may be null (the
     * backend could not publish it): then the packet goes out as it is, as on Node.
     */
    protected final void broadcastWithOffset(Packet packet, BroadcastOptions options, String offset) {
        Packet out = offset != null && host.connectionStateRecovery().isPresent()
                && ConnectionStateRecovery.isKept(packet, options.isVolatile())
                ? ConnectionStateRecovery.withOffset((Packet.Event) packet, offset) : packet;
        OutgoingPacket outgoing = OutgoingPacket.of(out);
        boolean isVolatile = options.isVolatile();
        int[] count = {0};
        forEachSelected(options, id -> {
            if (host.deliver(id, outgoing, isVolatile, null)) {
                count[0]++;
            }
        });
        host.broadcastWritten(count[0]);
    }

    @Override
    public synchronized void persistSession(SessionToPersist session) {
        if (store != null) {
            store.persist(session);
        }
    }

    @Override
    public CompletableFuture<Optional<RestoredSession>> restoreSession(String pid, String offset) {
        synchronized (this) {
            Optional<RestoredSession> restored = store == null ? Optional.empty() : store.restore(pid, offset);
            restored.ifPresent(found -> {
                // In the same critical section as the missed packets: every later broadcast to its rooms selects the
                // socket, and the namespace holds what it is sent until the socket exists.
                host.restoring(pid, found.session().sid());
                addAll(found.session().sid(), found.session().rooms());
            });
            return CompletableFuture.completedFuture(restored);
        }
    }

    @Override
    public void broadcastWithAck(Packet.Event packet, BroadcastOptions options, IntConsumer clientCount,
                                 Consumer<JsonValue> onResponse) {
        OutgoingPacket outgoing = OutgoingPacket.of(packet);
        Consumer<JsonArray> onAck = answer -> onResponse.accept(answer.isEmpty() ? JsonValue.NULL : answer.get(0));
        int[] count = {0};
        forEachSelected(options, id -> {
            if (host.deliver(id, outgoing, options.isVolatile(), onAck)) {
                count[0]++;
            }
        });
        host.broadcastWritten(count[0]);
        clientCount.accept(count[0]);
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
        if (store != null) {
            store.clear();
        }
    }
}
