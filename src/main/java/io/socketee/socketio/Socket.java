package io.socketee.socketio;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.engineio.EngineIoSocket;
import io.socketee.socketio.adapter.BroadcastOptions;
import io.socketee.socketio.adapter.ConnectionStateRecovery;
import io.socketee.socketio.adapter.OutgoingPacket;
import io.socketee.socketio.adapter.RestoredSession;
import io.socketee.socketio.adapter.SessionToPersist;
import io.socketee.socketio.core.Ack;
import io.socketee.socketio.core.Handshake;
import io.socketee.socketio.core.UserRoom;
import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.internal.ReservedEvents;
import io.socketee.socketio.protocol.Packet;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A client's connection to one namespace.
 *
 * <p>Threading: listeners of one socket are never called concurrently, and run in the order the packets arrived.
 * An {@link HandlerMode#INLINE} listener (the default) runs on the thread that read the packet from the connection (a
 * container thread): it must not block it, and may hand work elsewhere and answer the {@link Ack} later. A
 * {@link HandlerMode#BLOCKING} listener runs on the server's blocking executor and may block; while blocking work of
 * the socket waits or runs, later inline listeners wait their turn too. Every method may be called from any thread;
 * {@code emit} never blocks.
 *
 * <p>With connection state recovery on ({@link SocketIoConfig#connectionStateRecovery}), a socket that left for a
 * recoverable reason leaves its session behind, and a client that comes back in time gets a socket with the same id,
 * rooms and {@link #data()}, {@link #recovered()} true; what was sent to its rooms meanwhile is written to it right
 * after its CONNECT reply, before anything sent to it since.
 */
public final class Socket implements RemoteSocket {
    private static final System.Logger LOG = System.getLogger(Socket.class.getName());
    /** The message of the ack an event gets when its socket's queue is full. */
    static final String QUEUE_FULL = "Too many events waiting on this socket";
    /** Most events emitted before admission that a socket holds back until its CONNECT reply. */
    static final int MAX_HELD_BACK = 100;

    private final Namespace namespace;
    private final Client client;
    private final String id;
    /** The private session id, sent in the CONNECT reply when recovery is on; null when it is off. */
    private final String pid;
    private final boolean recovered;
    private final Handshake handshake;
    // Tens of thousands of sockets may be open: what most never use is created on first use, and listener lists are
    // immutable copies swapped under this object's monitor (they change rarely, are read on every packet).
    private volatile Map<String, Object> data;
    private volatile Map<String, List<EventListener>> listeners = Map.of();
    private volatile List<AnyListener> anyListeners = List.of();
    private volatile List<AnyListener> anyOutgoingListeners = List.of();
    private volatile List<PacketMiddleware> middlewares = List.of();
    private volatile List<Consumer<DisconnectReason>> disconnectListeners = List.of();
    private volatile List<Consumer<DisconnectReason>> disconnectingListeners = List.of();
    private volatile List<Consumer<Throwable>> errorListeners = List.of();
    private volatile Map<Long, PendingAck> pendingAcks;
    private final AtomicBoolean connected = new AtomicBoolean();
    /** Events with a {@link HandlerMode#BLOCKING} listener; swapped under this object's monitor, like the listeners. */
    private volatile Set<String> blockingEvents = Set.of();
    private volatile List<CatchAllListener> unhandledListeners = List.of();
    /** Whether a catch-all listener is {@link HandlerMode#BLOCKING}. */
    private volatile boolean blockingUnhandled;
    /** This socket's queue of blocking work, created with the first; see {@link SerialQueue}. */
    private volatile SerialQueue queue;
    /** Whether an event was refused for a full queue (logged at WARNING the first time only). */
    private volatile boolean overflowed;
    /**
     * What is sent to the socket until it is admitted and its CONNECT reply is out, written right after that reply
     * ({@link #releaseHeld}): the events emitted before admission (in connect middlewares), and for a recovered
     * socket first the packets it missed, then those sent to it since. One queue, one bound ({@link #maxHeld}).
     * Guarded by this; null once released, or when a socket that was not admitted dropped it.
     */
    private List<Held> held = new ArrayList<>(0);
    /** Whether {@link #held} is in use: read without the lock on every write. */
    private volatile boolean holding = true;
    /** The thread writing {@link #held} out while it passes an emit through the adapter (its delivery goes out). */
    private volatile Thread releasing;

    /**
     * A packet held for the CONNECT reply; {@code viaAdapter} for an event a new socket emitted before admission with
     * recovery on: passed through the adapter to the socket's own room when released, so that it gets an offset and
     * is kept, as what it emits later.
     */
    private record Held(OutgoingPacket packet, boolean viaAdapter) {
    }

    Socket(Namespace namespace, Client client, String id, String pid, Handshake handshake) {
        this.namespace = namespace;
        this.client = client;
        this.id = id;
        this.pid = pid;
        this.recovered = false;
        this.handshake = handshake;
    }

    /** A socket resuming a session: its id, pid and data, its missed packets held until its CONNECT reply is out. */
    Socket(Namespace namespace, Client client, RestoredSession restored, Handshake handshake) {
        this.namespace = namespace;
        this.client = client;
        this.id = restored.session().sid();
        this.pid = restored.session().pid();
        this.recovered = true;
        this.handshake = handshake;
        if (!restored.session().data().isEmpty()) {
            this.data = new ConcurrentHashMap<>(restored.session().data());
        }
        for (OutgoingPacket missed : restored.missedPackets()) {
            this.held.add(new Held(missed, false));
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    /** Application state for this socket (any thread). */
    @Override
    public Map<String, Object> data() {
        Map<String, Object> map = data;
        if (map == null) {
            synchronized (this) {
                map = data;
                if (map == null) {
                    data = map = new ConcurrentHashMap<>();
                }
            }
        }
        return map;
    }

    public Namespace namespace() {
        return namespace;
    }

    /**
     * Whether this socket resumed a session that a lost connection left (connection state recovery): same id, rooms
     * and {@link #data()} as before, the missed packets written to it after its CONNECT reply. Node's
     * {@code socket.recovered}.
     */
    public boolean recovered() {
        return recovered;
    }

    /** The private session id the CONNECT reply carries when recovery is on; empty when it is off. */
    Optional<String> pid() {
        return Optional.ofNullable(pid);
    }

    /** Whether the socket is still in its namespace. */
    public boolean connected() {
        return connected.get();
    }

    /**
     * The Engine.IO connection under this socket (Node's {@code socket.conn}), shared with the client's sockets in
     * other namespaces.
     */
    public EngineIoSocket connection() {
        return client.connection();
    }

    /** The Engine.IO transport the connection uses now: {@code polling} or {@code websocket}. */
    public String transport() {
        return client.connection().transport().wireName();
    }

    // ------------------------------------------------------------------ listeners

    /**
     * Handles an event: arguments as JSON, and the ack the client asked for ({@link Ack#NONE} if none). Runs where the
     * server's {@link SocketIoConfig#handlers()} says.
     */
    public void on(String event, EventListener listener) {
        on(event, namespace.server().config().handlers(), listener);
    }

    /**
     * Handles an event, on the thread that read it ({@link HandlerMode#INLINE}) or on the blocking executor
     * ({@link HandlerMode#BLOCKING}, for listeners that block). An event with a blocking listener runs all its
     * listeners, any-listeners and packet middlewares on the worker.
     */
    public synchronized void on(String event, HandlerMode mode, EventListener listener) {
        Map<String, List<EventListener>> updated = new HashMap<>(listeners);
        updated.put(event, appended(updated.getOrDefault(event, List.of()), listener));
        listeners = Map.copyOf(updated);
        if (mode == HandlerMode.BLOCKING && !blockingEvents.contains(event)) {
            Set<String> blocking = new HashSet<>(blockingEvents);
            blocking.add(event);
            blockingEvents = Set.copyOf(blocking);
        }
    }

    /**
     * Handles the events no listener of their name handles (after the packet middlewares); runs where the server's
     * {@link SocketIoConfig#handlers()} says.
     */
    public void onUnhandled(CatchAllListener listener) {
        onUnhandled(namespace.server().config().handlers(), listener);
    }

    /** Handles the events no listener of their name handles, inline or on the blocking executor. */
    public synchronized void onUnhandled(HandlerMode mode, CatchAllListener listener) {
        unhandledListeners = appended(unhandledListeners, listener);
        if (mode == HandlerMode.BLOCKING) {
            blockingUnhandled = true;
        }
    }

    /**
     * Handles an event whose first argument is bound to {@code type} with JSON-B; an argument that does not fit goes
     * to the error listeners instead.
     */
    public <T> void on(String event, Class<T> type, BoundEventListener<T> listener) {
        on(event, (args, ack) -> {
            T payload = args.isEmpty() ? null : Json.fromJson(args.get(0), type);
            listener.onEvent(payload, ack);
        });
    }

    /** Removes one listener of an event (the first registration of that instance); false if it was not there. */
    public synchronized boolean off(String event, EventListener listener) {
        List<EventListener> current = listeners.get(event);
        if (current == null || !current.contains(listener)) {
            return false;
        }
        Map<String, List<EventListener>> updated = new HashMap<>(listeners);
        List<EventListener> rest = removed(current, listener);
        if (rest.isEmpty()) {
            updated.remove(event);
        } else {
            updated.put(event, rest);
        }
        listeners = Map.copyOf(updated);
        return true;
    }

    /** Removes every listener of an event (Node's {@code removeAllListeners(event)}). */
    public synchronized void off(String event) {
        if (listeners.containsKey(event)) {
            Map<String, List<EventListener>> updated = new HashMap<>(listeners);
            updated.remove(event);
            listeners = Map.copyOf(updated);
        }
    }

    /** Sees every incoming event, before its own listeners. */
    public synchronized void onAny(AnyListener listener) {
        anyListeners = appended(anyListeners, listener);
    }

    /** Like {@link #onAny}, but called before the any-listeners already registered. */
    public synchronized void prependAny(AnyListener listener) {
        anyListeners = prepended(anyListeners, listener);
    }

    /** Removes an any-listener; false if it was not there. */
    public synchronized boolean offAny(AnyListener listener) {
        boolean found = anyListeners.contains(listener);
        anyListeners = removed(anyListeners, listener);
        return found;
    }

    /** Removes every any-listener. */
    public synchronized void offAny() {
        anyListeners = List.of();
    }

    /** Sees every event this socket sends. */
    public synchronized void onAnyOutgoing(AnyListener listener) {
        anyOutgoingListeners = appended(anyOutgoingListeners, listener);
    }

    /** Like {@link #onAnyOutgoing}, but called before the outgoing any-listeners already registered. */
    public synchronized void prependAnyOutgoing(AnyListener listener) {
        anyOutgoingListeners = prepended(anyOutgoingListeners, listener);
    }

    /** Removes an outgoing any-listener; false if it was not there. */
    public synchronized boolean offAnyOutgoing(AnyListener listener) {
        boolean found = anyOutgoingListeners.contains(listener);
        anyOutgoingListeners = removed(anyOutgoingListeners, listener);
        return found;
    }

    /** Removes every outgoing any-listener. */
    public synchronized void offAnyOutgoing() {
        anyOutgoingListeners = List.of();
    }

    /** Runs before each incoming event's listeners. */
    public synchronized void use(PacketMiddleware middleware) {
        middlewares = appended(middlewares, middleware);
    }

    /**
     * Called once when the socket is about to leave its namespace, with the reason, while it is still in its rooms
     * ({@link #rooms()} answers as before): Node's {@code disconnecting} event. The {@link #onDisconnect} listeners
     * follow, once it left them.
     */
    public synchronized void onDisconnecting(Consumer<DisconnectReason> listener) {
        disconnectingListeners = appended(disconnectingListeners, listener);
    }

    /**
     * Called once when the socket leaves its namespace, with the reason; runs where the server's
     * {@link SocketIoConfig#handlers()} says.
     */
    public void onDisconnect(Consumer<DisconnectReason> listener) {
        onDisconnect(namespace.server().config().handlers(), listener);
    }

    /**
     * Called once when the socket leaves its namespace, with the reason: after the socket's events that wait for
     * blocking listeners (they still run, with the socket disconnected), inline or on the blocking executor.
     */
    public synchronized void onDisconnect(HandlerMode mode, Consumer<DisconnectReason> listener) {
        disconnectListeners = appended(disconnectListeners, reason -> inOrder(mode, false, () -> {
            try {
                listener.accept(reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "socket " + id + ": disconnect listener failed", e);
                namespace.reportError(this, e);
            }
        }));
    }

    /**
     * Runs blocking work in this socket's order: on the server's blocking executor, after the socket's work queued
     * before it, never concurrently with its other listeners (for a connect middleware that must query a database,
     * say). False, and not run, when {@link SocketIoConfig#maxQueuedEvents()} events already wait. What the task
     * throws is logged.
     */
    public boolean runBlocking(Runnable task) {
        return queue().submit(task, true);
    }

    /**
     * Runs a task of this socket in its order: on the blocking executor ({@link HandlerMode#BLOCKING}), or here when
     * nothing of the socket waits or runs (else behind it). False when {@code bounded} and the queue is full.
     */
    boolean inOrder(HandlerMode mode, boolean bounded, Runnable task) {
        SerialQueue q = queue;
        if (q != null && q.runningHere()) {
            task.run();   // added by the socket's own task on the worker (a blocking @OnConnect admitting it)
            return true;
        }
        if (mode == HandlerMode.BLOCKING) {
            return queue().submit(task, bounded);
        }
        if (q == null) {
            task.run();
            return true;
        }
        return q.runOrQueue(task, bounded);
    }

    /** A connection listener that runs in the socket's order, inline or on the worker, its failure reported. */
    static Consumer<Socket> connectionListener(HandlerMode mode, Consumer<Socket> listener) {
        return socket -> socket.inOrder(mode, false, () -> {
            try {
                listener.accept(socket);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "connection listener of " + socket.namespace().name() + " failed", e);
                socket.namespace().reportError(socket, e);
            }
        });
    }

    private SerialQueue queue() {
        SerialQueue q = queue;
        if (q == null) {
            synchronized (this) {
                q = queue;
                if (q == null) {
                    queue = q = namespace.server().workers().newQueue();
                }
            }
        }
        return q;
    }

    /**
     * Called with errors of this socket's listeners, any-listeners, ack callbacks and packet middlewares (thrown, or
     * passed to {@link PacketMiddleware.Next#fail}); then the namespace's and the server's {@code onError} listeners
     * see them too.
     */
    public synchronized void onError(Consumer<Throwable> listener) {
        errorListeners = appended(errorListeners, listener);
    }

    private static <T> List<T> appended(List<T> list, T item) {
        List<T> out = new ArrayList<>(list.size() + 1);
        out.addAll(list);
        out.add(item);
        return List.copyOf(out);
    }

    private static <T> List<T> prepended(List<T> list, T item) {
        List<T> out = new ArrayList<>(list.size() + 1);
        out.add(item);
        out.addAll(list);
        return List.copyOf(out);
    }

    /** The list without the first occurrence of {@code item} (compared by identity of the instance, as Node). */
    private static <T> List<T> removed(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.remove(item);
        return List.copyOf(out);
    }

    /**
     * An acknowledgement the socket waits for: what to do with the client's answer, and what to do if the socket
     * disconnects first. Only whoever removes it from the pending map (the answer, the disconnect, a timeout, a
     * finished broadcast) acts on it, so each pending ack ends once.
     */
    private record PendingAck(Consumer<JsonArray> onAnswer, Runnable onDisconnect, long sentNanos) {
        PendingAck(Consumer<JsonArray> onAnswer, Runnable onDisconnect) {
            this(onAnswer, onDisconnect, System.nanoTime());
        }
    }

    /** The pending acks, created with the first. */
    private Map<Long, PendingAck> acks() {
        Map<Long, PendingAck> map = pendingAcks;
        if (map == null) {
            synchronized (this) {
                map = pendingAcks;
                if (map == null) {
                    pendingAcks = map = new ConcurrentHashMap<>();
                }
            }
        }
        return map;
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends an event to this client; false if the socket is disconnected. Before admission (in a connect
     * middleware) the event is held back and sent right after the CONNECT reply (for a recovered socket, after the
     * packets it missed), at most {@value #MAX_HELD_BACK} packets held, or twice the recovery's {@code maxPackets}
     * when that is more (false beyond); dropped if the socket is refused.
     */
    @Override
    public boolean emit(String event, Object... args) {
        return send(event, args, false, null);
    }

    /** Sends an event that may be dropped if the client cannot take it at once (Node's {@code volatile}). */
    public boolean volatileEmit(String event, Object... args) {
        return send(event, args, true, null);
    }

    /**
     * Sends an event with an ack callback; completes with the client's answer (all its arguments), or exceptionally
     * with {@link TimeoutException} after {@code timeout}, or with {@link IllegalStateException} if the socket is or
     * gets disconnected first: then at once, with the timer cancelled, and an answer that comes later is ignored.
     * Stages attached to it run on the thread that completes it (a container thread for the answer, the timer thread
     * for a timeout, the thread the socket disconnects on) and must not block; what they throw ends up in the stage
     * they return, as always with {@link CompletableFuture}, not in {@link #onError}.
     */
    public CompletableFuture<List<JsonValue>> emitWithAck(Duration timeout, String event, Object... args) {
        ReservedEvents.checkEmittable(event);
        CompletableFuture<List<JsonValue>> result = new CompletableFuture<>();
        Map<Long, PendingAck> pendingAcks = acks();
        if (pendingAcks.size() >= namespace.server().config().maxPendingAcks()) {
            result.completeExceptionally(new IllegalStateException("socket " + id + " already waits for "
                    + pendingAcks.size() + " acks"));
            return result;
        }
        long ackId = namespace.nextAckId();
        ScheduledFuture<?> timer = namespace.server().schedule(timeout.toMillis(), () -> {
            pendingAcks.remove(ackId);
            result.completeExceptionally(new TimeoutException("no ack for '" + event + "' within " + timeout));
        });
        pendingAcks.put(ackId, new PendingAck(answer -> {
            timer.cancel(false);
            result.complete(List.copyOf(answer));
        }, () -> {
            timer.cancel(false);
            result.completeExceptionally(new IllegalStateException("socket " + id + " disconnected before it answered '"
                    + event + "'"));
        }));
        if (result.isDone()) {
            pendingAcks.remove(ackId);   // timed out before it was registered
        }
        boolean sent = false;
        try {
            // After the registration: a disconnect either finds the ack registered, or makes the send fail.
            sent = send(event, args, false, ackId);
        } finally {
            if (!sent && pendingAcks.remove(ackId) != null) {
                timer.cancel(false);
                result.completeExceptionally(new IllegalStateException("socket " + id + " is disconnected"));
            }
        }
        return result;
    }

    private boolean send(String event, Object[] args, boolean isVolatile, Long ackId) {
        ReservedEvents.checkEmittable(event);
        if (!connected.get() && (ackId != null || isVolatile || !mayHoldBack())) {
            return false;
        }
        JsonArray eventData = BroadcastOperator.eventData(event, args);
        Packet packet = ackId == null ? Packet.event(namespace.name(), eventData)
                : Packet.event(namespace.name(), ackId, eventData);
        if (pid != null && ConnectionStateRecovery.isKept(packet, isVolatile)) {
            // As Node: through the adapter, to this socket's own room, so that it gets an offset and is kept for a
            // recovery (the adapter's delivery tells the outgoing any-listeners). A recovered socket is in its rooms
            // before admission (what it is delivered is held); a new one joins its room when admitted: until then
            // the event is held, and goes through the adapter when released.
            if (connected.get() || recovered) {
                namespace.adapter().broadcast(packet, ownRoom());
                return true;
            }
            return holdBack(new Held(OutgoingPacket.of(packet), true));
        }
        notifyAny(anyOutgoingListeners, event, eventData);
        Held outgoing = new Held(OutgoingPacket.of(packet), false);
        if (connected.get()) {
            return write(outgoing.packet(), isVolatile);
        }
        return holdBack(outgoing);
    }

    /**
     * An event emitted before admission, kept for the CONNECT reply (as a Node client gets what a middleware emits,
     * after its {@code connect}); false when {@link #maxHeld} packets already wait, or when the socket was refused.
     * Once admitted meanwhile, written as any other.
     */
    private boolean holdBack(Held packet) {
        synchronized (this) {
            if (held != null && !connected.get()) {
                if (held.size() >= maxHeld()) {
                    return false;
                }
                held.add(packet);
                return true;
            }
        }
        if (!connected.get()) {
            return false;   // refused, or gone
        }
        if (packet.viaAdapter()) {
            namespace.adapter().broadcast(packet.packet().packet(), ownRoom());
            return true;
        }
        return write(packet.packet(), false);
    }

    private BroadcastOptions ownRoom() {
        return new BroadcastOptions(Set.of(id), Set.of(), false, false, Optional.empty());
    }

    /** Whether the socket is not admitted yet and may still hold back an event. */
    private synchronized boolean mayHoldBack() {
        return held != null && held.size() < maxHeld();
    }

    /**
     * Writes to the client, unless the socket holds what it is sent until its CONNECT reply is out: then appends (a
     * volatile packet is dropped; beyond the bound the connection is closed, as a full send buffer closes it).
     */
    private boolean write(OutgoingPacket packet, boolean isVolatile) {
        if (holding && releasing != Thread.currentThread()) {
            synchronized (this) {
                if (held != null) {
                    if (isVolatile) {
                        return false;
                    }
                    if (held.size() >= maxHeld()) {
                        LOG.log(Level.WARNING, "socket " + id + ": more than " + maxHeld()
                                + " packets for it before its CONNECT reply was out; closing its connection");
                        client.closeConnection(io.socketee.engineio.CloseReason.TRANSPORT_ERROR);
                        return false;
                    }
                    held.add(new Held(packet, false));
                    return true;
                }
            }
        }
        return client.write(packet, isVolatile);
    }

    /**
     * The one bound of {@link #held}: {@value #MAX_HELD_BACK}, or with recovery on twice its
     * {@link ConnectionStateRecovery#maxPackets} when that is more (the missed packets and those sent meanwhile).
     */
    private int maxHeld() {
        return namespace.server().config().connectionStateRecovery()
                .map(c -> Math.max(MAX_HELD_BACK, c.maxPackets() * 2)).orElse(MAX_HELD_BACK);
    }

    /**
     * Appends what was sent to this socket's id between the restore and its making (after the missed packets, before
     * anything later); when that overflowed, closes the connection, as a full send buffer would.
     */
    void holdAfterMissed(List<OutgoingPacket> meanwhile, boolean overflowed) {
        synchronized (this) {
            if (held != null) {
                for (OutgoingPacket packet : meanwhile) {
                    held.add(new Held(packet, false));
                }
            }
        }
        if (overflowed) {
            LOG.log(Level.WARNING, "socket " + id + ": more packets for it while it recovered than it may hold;"
                    + " closing its connection");
            client.closeConnection(io.socketee.engineio.CloseReason.TRANSPORT_ERROR);
        }
    }

    /**
     * Writes what the socket held, in order (called right after its CONNECT reply, once admitted); later writes go
     * straight out. What is sent to it meanwhile is appended and written by the next round.
     */
    void releaseHeld() {
        while (true) {
            List<Held> batch;
            synchronized (this) {
                batch = held;
                if (batch == null) {
                    return;
                }
                if (batch.isEmpty()) {
                    held = null;
                    holding = false;
                    return;
                }
                held = new ArrayList<>();
            }
            for (Held packet : batch) {
                if (packet.viaAdapter()) {
                    // delivered on this thread (to this socket only): written here, in its place
                    releasing = Thread.currentThread();
                    try {
                        namespace.adapter().broadcast(packet.packet().packet(), ownRoom());
                    } finally {
                        releasing = null;
                    }
                } else {
                    client.write(packet.packet(), false);
                }
            }
        }
    }

    /**
     * Writes an event packet built by a broadcast; false if dropped. With {@code onAck}, true means that the socket
     * will either answer ({@code onAck}) or tell the namespace it disconnected first ({@link Namespace#recipientGone}).
     */
    boolean deliver(OutgoingPacket packet, boolean isVolatile, Consumer<JsonArray> onAck) {
        if (!connected.get() && !holding) {
            return false;
        }
        Map<Long, PendingAck> pendingAcks = null;
        long ackId = -1;
        if (packet.packet() instanceof Packet.Event event) {
            if (onAck != null && event.ackId().isPresent()) {
                pendingAcks = acks();
                if (pendingAcks.size() >= namespace.server().config().maxPendingAcks()) {
                    return false;
                }
                long id = event.ackId().getAsLong();
                ackId = id;
                pendingAcks.put(id, new PendingAck(onAck, () -> namespace.recipientGone(id)));
                if (!connected.get() && !holding && pendingAcks.remove(id) != null) {
                    return false;   // disconnected while registering, and the disconnect did not see it
                }
            }
            if (!anyOutgoingListeners.isEmpty()) {
                notifyAny(anyOutgoingListeners, event.name(), event.data());
            }
        }
        if (write(packet, isVolatile)) {
            return true;
        }
        // Not written: not counted, unless the ack was taken meanwhile (by the disconnect, which reported it).
        return pendingAcks != null && pendingAcks.remove(ackId) == null;
    }

    // ------------------------------------------------------------------ rooms and broadcasting

    @Override
    public void join(String... rooms) {
        namespace.adapter().addAll(id, Set.of(rooms));
    }

    @Override
    public void leave(String room) {
        namespace.adapter().del(id, room);
    }

    @Override
    public Set<String> rooms() {
        return namespace.adapter().socketRooms(id);
    }

    /** Targets the sockets in these rooms, this one excepted. */
    public BroadcastOperator to(String... rooms) {
        return broadcast().to(rooms);
    }

    /** The same as {@link #to}. */
    public BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    /** Targets every socket of the namespace but this one, and those in these rooms. */
    public BroadcastOperator except(String... rooms) {
        return broadcast().except(rooms);
    }

    /** Targets every socket of the namespace but this one. */
    public BroadcastOperator broadcast() {
        return BroadcastOperator.of(namespace).except(id);
    }

    // ------------------------------------------------------------------ disconnecting

    /** Leaves the namespace (the client gets a DISCONNECT); the connection stays for other namespaces. */
    public void disconnect() {
        disconnect(false);
    }

    /** Leaves the namespace; with {@code close}, also closes the connection and with it every namespace. */
    @Override
    public void disconnect(boolean close) {
        if (!connected.get()) {
            return;
        }
        if (close) {
            client.closeConnection();
            return;
        }
        write(OutgoingPacket.of(Packet.disconnect(namespace.name())), false);
        onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
    }

    // ------------------------------------------------------------------ from the client

    void forgetAck(long ackId) {
        Map<Long, PendingAck> pendingAcks = this.pendingAcks;
        if (pendingAcks != null) {
            pendingAcks.remove(ackId);
        }
    }

    /** How many acknowledgements from the client the socket waits for now. */
    public int pendingAckCount() {
        Map<Long, PendingAck> pendingAcks = this.pendingAcks;
        return pendingAcks == null ? 0 : pendingAcks.size();
    }

    Client client() {
        return client;
    }

    /**
     * Admitted (called by the client, right after it wrote the CONNECT reply): the socket is in the namespace, its
     * own room and, for a connection with a container login, its user's room ({@link UserRoom}). What it holds (what
     * was emitted before admission; a recovered socket's missed packets first) is written by {@link #releaseHeld}
     * right after, before anything sent to it since.
     */
    void onConnected() {
        synchronized (this) {
            connected.set(true);   // what is held is written by releaseHeld, once the client let its monitor go
        }
        String user = handshake.principal().map(java.security.Principal::getName).orElse(null);
        if (user == null || user.isEmpty()) {
            join(id);
        } else {
            join(id, UserRoom.of(user));
        }
    }

    /**
     * A recovered socket that is not admitted after all (refused, or its connection closed first): out of the rooms
     * it rejoined, nothing held, the acks of what it held ended. With {@code keepSession} (the connection closed) the
     * session is left behind again, so that the client may still resume it.
     */
    void abandon(boolean keepSession) {
        if (connected.get()) {
            return;
        }
        synchronized (this) {
            if (!holding) {
                return;
            }
            held = null;   // what was emitted before admission, and what a recovered socket missed: dropped
            holding = false;
        }
        if (!recovered) {
            return;
        }
        Set<String> leftRooms = keepSession ? rooms() : null;
        namespace.adapter().delAll(id);
        namespace.forgetRecovering(this);
        if (leftRooms != null) {
            namespace.adapter().persistSession(new SessionToPersist(id, pid, leftRooms, dataSnapshot()));
        }
        endPendingAcks();
    }

    private Map<String, Object> dataSnapshot() {
        Map<String, Object> map = data;
        return map == null ? Map.of() : map;
    }

    void onPacket(Packet packet) {
        if (packet instanceof Packet.Event event) {
            onEvent(event);
        } else if (packet instanceof Packet.Ack ack) {
            Map<Long, PendingAck> pendingAcks = this.pendingAcks;
            PendingAck pending = pendingAcks == null ? null : pendingAcks.remove(ack.ackId());
            if (pending != null) {
                namespace.server().listeners().ackAnswered(Duration.ofNanos(System.nanoTime() - pending.sentNanos()));
                try {
                    pending.onAnswer().accept(ack.data());
                } catch (RuntimeException e) {
                    onListenerError(e, "ack callback");
                }
            }
        } else if (packet instanceof Packet.Disconnect) {
            onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
        }
    }

    private void onEvent(Packet.Event event) {
        String name = event.name();
        boolean blocking = blockingEvents.contains(name) || (!listeners.containsKey(name)
                && (blockingUnhandled || namespace.server().config().handlers() == HandlerMode.BLOCKING));
        if (!inOrder(blocking ? HandlerMode.BLOCKING : HandlerMode.INLINE, true, () -> handleEvent(event))) {
            refuseQueued(event);
        }
    }

    /** An event that found the socket's queue full: not handled; its ack, if any, answered with an error. */
    private void refuseQueued(Packet.Event event) {
        Level level = overflowed ? Level.DEBUG : Level.WARNING;
        overflowed = true;
        LOG.log(level, () -> "socket " + id + " in " + namespace.name() + ": event '" + event.name()
                + "' not handled: " + namespace.server().config().maxQueuedEvents()
                + " events already wait for its blocking listeners" + (level == Level.WARNING
                ? " (further ones of this socket are logged at DEBUG)" : ""));
        if (event.ackId().isPresent()) {
            ackFor(event.ackId().getAsLong()).send(PROVIDER.createObjectBuilder()
                    .add("message", QUEUE_FULL).build());
        }
    }

    private void handleEvent(Packet.Event event) {
        String name = event.name();
        List<JsonValue> args = event.arguments();
        Ack ack = event.ackId().isPresent() ? ackFor(event.ackId().getAsLong()) : Ack.NONE;
        notifyAny(anyListeners, name, event.data());
        List<PacketMiddleware> chain = middlewares;
        if (chain.isEmpty()) {
            dispatch(name, args, ack);
        } else {
            MiddlewareChain.<PacketMiddleware, Exception>run(chain,
                    (middleware, next) -> middleware.handle(name, args, new PacketMiddleware.Next() {
                        @Override
                        public void proceed() {
                            next.proceed();
                        }

                        @Override
                        public void fail(Exception error) {
                            next.stop(error);
                        }
                    }),
                    () -> dispatch(name, args, ack), this::notifyError,
                    (e, next) -> onListenerError(e, "packet middleware"));
        }
    }

    private void dispatch(String name, List<JsonValue> args, Ack ack) {
        List<EventListener> handlers = listeners.get(name);
        if (handlers == null) {
            for (CatchAllListener handler : unhandledListeners) {
                try {
                    handler.onEvent(name, args, ack);
                } catch (RuntimeException e) {
                    onListenerError(e, "catch-all listener (event '" + name + "')");
                }
            }
            return;
        }
        for (EventListener handler : handlers) {
            try {
                handler.onEvent(args, ack);
            } catch (RuntimeException e) {
                onListenerError(e, "listener of '" + name + "'");
            }
        }
    }

    private Ack ackFor(long ackId) {
        AtomicBoolean sent = new AtomicBoolean();
        return args -> {
            if (sent.compareAndSet(false, true) && connected.get()) {
                JsonArray answer = PROVIDER.createArrayBuilder(Json.toJson(args)).build();
                write(OutgoingPacket.of(Packet.ack(namespace.name(), ackId, answer)), false);
            }
        };
    }

    private void notifyAny(List<AnyListener> targets, String event, JsonArray eventData) {
        if (targets.isEmpty()) {
            return;
        }
        List<JsonValue> args = eventData.subList(1, eventData.size());
        for (AnyListener listener : targets) {
            try {
                listener.onEvent(event, args);
            } catch (RuntimeException e) {
                onListenerError(e, "any-listener");
            }
        }
    }

    private void onListenerError(RuntimeException e, String where) {
        LOG.log(Level.WARNING, "socket " + id + ": " + where + " failed", e);
        notifyError(e);
    }

    private void notifyError(Throwable error) {
        namespace.server().listeners().handlerError(namespace);
        for (Consumer<Throwable> listener : errorListeners) {
            try {
                listener.accept(error);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "socket " + id + ": error listener failed", e);
            }
        }
        namespace.reportError(this, error);
    }

    /**
     * Leaves the namespace for good: the disconnecting listeners told while it is still in its rooms, then out of its
     * rooms and namespace, then its session left behind when recovery is on and the reason recoverable (last, as a
     * resume may take the same id at once), then listeners told once, then every pending
     * ack ended (an {@link #emitWithAck} fails, a broadcast stops waiting for this socket); then the socket gives up
     * its namespace (a dynamic namespace's child may go with it).
     */
    void onClose(DisconnectReason reason) {
        if (!connected.compareAndSet(true, false)) {
            return;
        }
        for (Consumer<DisconnectReason> listener : disconnectingListeners) {
            try {
                listener.accept(reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "socket " + id + ": disconnecting listener failed", e);
                namespace.reportError(this, e);
            }
        }
        Set<String> leftRooms = pid != null && reason.recoverable() ? rooms() : null;
        namespace.adapter().delAll(id);
        namespace.remove(this);
        client.remove(this);
        if (leftRooms != null) {
            // Only now, out of its rooms and its namespace: a resume may follow at once and take the same id.
            namespace.adapter().persistSession(new SessionToPersist(id, pid, leftRooms, dataSnapshot()));
        }
        for (Consumer<DisconnectReason> listener : disconnectListeners) {
            try {
                listener.accept(reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "socket " + id + ": disconnect listener failed", e);
                namespace.reportError(this, e);
            }
        }
        endPendingAcks();
        namespace.release();
    }

    /**
     * Ends the acks this socket waits for, as disconnected. One pass is enough: an ack registered after it finds the
     * socket disconnected and ends itself ({@link #emitWithAck}, {@link #deliver}).
     */
    private void endPendingAcks() {
        Map<Long, PendingAck> acks = this.pendingAcks;
        if (acks == null) {
            return;
        }
        for (Long ackId : acks.keySet()) {
            PendingAck pending = acks.remove(ackId);
            if (pending != null) {
                try {
                    pending.onDisconnect().run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "socket " + id + ": ending a pending ack failed", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Socket[" + id + " on " + namespace.name() + "]";
    }
}
