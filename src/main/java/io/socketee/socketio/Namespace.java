package io.socketee.socketio;

import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.AdapterHost;
import io.socketee.socketio.adapter.ConnectionStateRecovery;
import io.socketee.socketio.adapter.OutgoingPacket;
import io.socketee.socketio.core.Ack;
import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.core.UserRoom;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A Socket.IO namespace: connection listeners, connect middleware, its sockets, and broadcasting through its
 * {@link Adapter}. Thread-safe; listeners and middlewares run on the thread of the client's CONNECT (a container
 * thread) and must not block. A child of a {@link DynamicNamespace} may be removed once empty (see there); the others
 * live as long as the server.
 */
public final class Namespace {
    private static final System.Logger LOG = System.getLogger(Namespace.class.getName());

    private final SocketIoServer server;
    private final String name;
    private final DynamicNamespace parent;
    private final Adapter adapter;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    /**
     * Sockets resuming a session, from their restore until admitted or given up: already in their rooms, they hold what
     * is sent to them until their CONNECT reply is out.
     */
    private final Map<String, Socket> recovering = new ConcurrentHashMap<>();
    /**
     * Sessions being restored, by pid, then (once the adapter named the socket id, {@link AdapterHost#restoring}) also
     * by socket id: what is sent to that id before the socket exists waits there.
     */
    private final Map<String, Pending> pendingByPid = new ConcurrentHashMap<>();
    private final Map<String, Pending> pendingBySid = new ConcurrentHashMap<>();
    private final List<Consumer<Socket>> connectionListeners = new CopyOnWriteArrayList<>();
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<EventListener> serverSideListeners = new CopyOnWriteArrayList<>();
    private final List<ErrorListener> errorListeners = new CopyOnWriteArrayList<>();
    private final Map<String, List<EventListener>> namedServerSideListeners = new ConcurrentHashMap<>();
    private final AtomicLong ackIds = new AtomicLong();
    /** This node's broadcasts with acks that still wait, by ack id: each told when a recipient leaves unanswered. */
    private final Map<Long, Runnable> ackBroadcasts = new ConcurrentHashMap<>();
    /** For a child of a dynamic namespace: its sockets, connecting and connected; guarded by the parent's map. */
    int occupants;
    /** Whether a socket was ever admitted (connection listeners have seen this namespace). */
    private volatile boolean everAdmitted;
    /** Whether the application registered a listener or middleware on this namespace itself. */
    private volatile boolean customized;

    Namespace(SocketIoServer server, String name, DynamicNamespace parent) {
        this.server = server;
        this.name = name;
        this.parent = parent;
        this.adapter = server.config().adapter().create(new Host());
    }

    public String name() {
        return name;
    }

    /** Whether this is a child of a {@link DynamicNamespace}, made for a client's CONNECT. */
    public boolean isDynamicChild() {
        return parent != null;
    }

    public Adapter adapter() {
        return adapter;
    }

    SocketIoServer server() {
        return server;
    }

    /** This node's sockets of the namespace, by id (a live, unmodifiable view). */
    public Map<String, Socket> sockets() {
        return Collections.unmodifiableMap(sockets);
    }

    /**
     * Called with each socket that joins, after its CONNECT was answered (Node's {@code connection} event: what it
     * emits is delivered); runs where the server's {@link SocketIoConfig#handlers()} says.
     */
    public void onConnection(Consumer<Socket> listener) {
        onConnection(server.config().handlers(), listener);
    }

    /**
     * Called with each socket that joins, after its CONNECT was answered: inline, or on the blocking executor before
     * any event of the socket.
     */
    public void onConnection(HandlerMode mode, Consumer<Socket> listener) {
        customized = true;
        connectionListeners.add(Socket.connectionListener(mode, listener));
    }

    /** Adds a connect middleware; they run in order. A recovered socket skips them when recovery says so. */
    public void use(Middleware middleware) {
        customized = true;
        middlewares.add(middleware);
    }

    /**
     * Adds a connect middleware that runs for every socket, recovered ones included even when
     * {@link ConnectionStateRecovery#skipMiddlewares()}: for bindings that attach a socket's listeners in a
     * middleware (the CDI binding does), which a recovered socket needs as much as a new one.
     */
    public void useAlways(Middleware middleware) {
        customized = true;
        middlewares.add(new AlwaysMiddleware(middleware));
    }

    /** A middleware registered with {@code useAlways}. */
    record AlwaysMiddleware(Middleware delegate) implements Middleware {
        @Override
        public void handle(Socket socket, Next next) {
            delegate.handle(socket, next);
        }
    }

    /**
     * Called with failures of application code run for this namespace's sockets (see {@link ErrorListener}), after
     * the socket's own {@link Socket#onError} listeners and before the server's {@link SocketIoServer#onError}.
     */
    public void onError(ErrorListener listener) {
        customized = true;
        errorListeners.add(listener);
    }

    /** Called with events other nodes send with {@link #serverSideEmit}. */
    public void onServerSideEmit(EventListener listener) {
        customized = true;
        serverSideListeners.add(listener);
    }

    /**
     * Called with the event named {@code event} when another node sends it with {@link #serverSideEmit} (Node's
     * {@code io.on(event, ...)} for server-side events); the {@link Ack} answers a {@link #serverSideEmitWithAck}.
     */
    public void onServerSideEmit(String event, EventListener listener) {
        customized = true;
        namedServerSideListeners.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(listener);
    }

    // ------------------------------------------------------------------ broadcasting

    public BroadcastOperator to(String... rooms) {
        return BroadcastOperator.of(this).to(rooms);
    }

    /**
     * Targets every socket of this namespace opened by the authenticated user with this name ({@code
     * Principal.getName()}), on every node of a cluster: the user's room, {@link UserRoom#of}.
     */
    public BroadcastOperator toUser(String user) {
        return to(UserRoom.of(user));
    }

    public BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    public BroadcastOperator except(String... rooms) {
        return BroadcastOperator.of(this).except(rooms);
    }

    public BroadcastOperator asVolatile() {
        return BroadcastOperator.of(this).asVolatile();
    }

    public BroadcastOperator local() {
        return BroadcastOperator.of(this).local();
    }

    public BroadcastOperator timeout(Duration timeout) {
        return BroadcastOperator.of(this).timeout(timeout);
    }

    /** Sends an event to every socket of the namespace. */
    public void emit(String event, Object... args) {
        BroadcastOperator.of(this).emit(event, args);
    }

    /** Sends an event with acks to every socket; see {@link BroadcastOperator#emitWithAck}. */
    public CompletableFuture<List<JsonValue>> emitWithAck(String event, Object... args) {
        return BroadcastOperator.of(this).emitWithAck(event, args);
    }

    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return BroadcastOperator.of(this).fetchSockets();
    }

    public void socketsJoin(String... rooms) {
        BroadcastOperator.of(this).socketsJoin(rooms);
    }

    public void socketsLeave(String... rooms) {
        BroadcastOperator.of(this).socketsLeave(rooms);
    }

    public void disconnectSockets(boolean close) {
        BroadcastOperator.of(this).disconnectSockets(close);
    }

    /**
     * Sends an event to this namespace on the other nodes of a cluster (their {@link #onServerSideEmit} listeners).
     * Completes with their answers when the event asked for acks; on a single node, at once with none.
     */
    public CompletableFuture<List<JsonValue>> serverSideEmit(String event, Object... args) {
        return adapter.serverSideEmit(BroadcastOperator.eventData(event, args), false);
    }

    /**
     * Sends an event to this namespace on the other nodes and completes with one answer per node (the first argument
     * each gave its {@link Ack}); completes exceptionally with a {@link java.util.concurrent.TimeoutException} when
     * not every node answered within the adapter's timeout. On a single node, completes at once with none.
     */
    public CompletableFuture<List<JsonValue>> serverSideEmitWithAck(String event, Object... args) {
        return adapter.serverSideEmit(BroadcastOperator.eventData(event, args), true);
    }

    /** Handles a server-side event from another node (called by cluster adapters). */
    public void onServerSideEvent(JsonArray eventAndArgs, Ack ack) {
        List<JsonValue> args = eventAndArgs.subList(1, eventAndArgs.size());
        List<EventListener> targets = new ArrayList<>(serverSideListeners);
        if (!eventAndArgs.isEmpty() && eventAndArgs.get(0) instanceof jakarta.json.JsonString name) {
            targets.addAll(namedServerSideListeners.getOrDefault(name.getString(), List.of()));
        }
        for (EventListener listener : targets) {
            try {
                listener.onEvent(args, ack);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "server-side listener of " + name + " failed", e);
            }
        }
    }

    /** Drops the callbacks a finished broadcast with acks left on this node's sockets. */
    void forgetAck(long ackId) {
        for (Socket socket : sockets.values()) {
            socket.forgetAck(ackId);
        }
    }

    long nextAckId() {
        return ackIds.getAndIncrement();
    }

    /** A broadcast with acks starts waiting: {@code onRecipientGone} runs for each recipient that leaves unanswered. */
    void awaitAcks(long ackId, Runnable onRecipientGone) {
        ackBroadcasts.put(ackId, onRecipientGone);
    }

    /** The broadcast with acks finished. */
    void stopAwaitingAcks(long ackId) {
        ackBroadcasts.remove(ackId);
    }

    /**
     * A socket that a broadcast with acks reached disconnected before it answered. Broadcasts that other nodes sent
     * here are not in the table: their nodes wait until their timeout, as Node's do.
     */
    void recipientGone(long ackId) {
        Runnable onRecipientGone = ackBroadcasts.get(ackId);
        if (onRecipientGone != null) {
            onRecipientGone.run();
        }
    }

    // ------------------------------------------------------------------ joining

    /**
     * A socket resuming a session rejoins its rooms now, before the middlewares (as Node's), holding what it is sent.
     */
    void recovering(Socket socket, java.util.Set<String> rooms) {
        Pending pending = pendingBySid.get(socket.id());
        if (pending != null) {
            pending.handOver(socket);
        }
        recovering.put(socket.id(), socket);
        adapter.addAll(socket.id(), rooms);
        if (pending != null) {
            pendingBySid.remove(socket.id(), pending);
        }
    }

    /** The connected socket whose session has this private id, if any (a pass over the sockets: reconnects only). */
    Optional<Socket> connectedWithPid(String pid) {
        for (Socket socket : sockets.values()) {
            if (socket.pid().filter(pid::equals).isPresent()) {
                return Optional.of(socket);
            }
        }
        return Optional.empty();
    }

    /** A CONNECT asks to restore the session of {@code pid}: from now on, until {@link #endRestore}. */
    void beginRestore(String pid) {
        pendingByPid.put(pid, new Pending(server.config().connectionStateRecovery()
                .map(c -> c.maxPackets() * 2).orElse(0)));
    }

    /** The restore of {@code pid} is over (its socket made and holding, or none). */
    void endRestore(String pid) {
        Pending pending = pendingByPid.remove(pid);
        if (pending != null && pending.sid != null) {
            pendingBySid.remove(pending.sid, pending);
        }
    }

    /**
     * What is sent to a socket id whose session is being restored, before its socket exists; then handed over to the
     * socket, which holds it after its missed packets. Guarded by its own monitor; bounded (beyond, the socket's
     * connection is closed once it exists, as a full buffer closes it).
     */
    private static final class Pending {
        private final int max;
        private final List<OutgoingPacket> packets = new ArrayList<>();
        private volatile String sid;
        private Socket socket;
        private boolean overflowed;

        Pending(int max) {
            this.max = max;
        }

        boolean deliver(OutgoingPacket packet, boolean isVolatile, Consumer<JsonArray> onAck) {
            Socket target;
            synchronized (this) {
                target = socket;
                if (target == null) {
                    if (isVolatile || onAck != null) {
                        return false;   // acks need the socket; volatile packets may be dropped
                    }
                    if (packets.size() >= max) {
                        overflowed = true;
                        return false;
                    }
                    packets.add(packet);
                    return true;
                }
            }
            return target.deliver(packet, isVolatile, onAck);
        }

        void handOver(Socket to) {
            synchronized (this) {
                to.holdAfterMissed(packets, overflowed);
                packets.clear();
                socket = to;
            }
        }
    }

    void forgetRecovering(Socket socket) {
        recovering.remove(socket.id(), socket);
    }

    /**
     * Runs the middlewares for a new socket, then admits it or refuses it. A recovered socket skips them, but those
     * added with {@code useAlways}, when {@link ConnectionStateRecovery#skipMiddlewares()}.
     */
    void add(Socket socket, Consumer<ConnectionRefusedException> refuse) {
        List<Middleware> chain = new ArrayList<>();
        if (parent != null) {
            chain.addAll(parent.middlewares());
        }
        chain.addAll(middlewares);
        if (socket.recovered() && server.config().connectionStateRecovery()
                .map(ConnectionStateRecovery::skipMiddlewares).orElse(false)) {
            chain.removeIf(middleware -> !(middleware instanceof AlwaysMiddleware));
        }
        MiddlewareChain.<Middleware, ConnectionRefusedException>run(chain,
                (middleware, next) -> middleware.handle(socket, new Middleware.Next() {
                    @Override
                    public void proceed() {
                        next.proceed();
                    }

                    @Override
                    public void refuse(ConnectionRefusedException refusal) {
                        next.stop(refusal);
                    }
                }),
                () -> admit(socket), refuse,
                (e, next) -> {
                    if (e instanceof ConnectionRefusedException refusal) {
                        next.stop(refusal);
                        return;
                    }
                    LOG.log(Level.WARNING, "connect middleware of " + name + " failed", e);
                    reportError(socket, e);
                    next.stop(new ConnectionRefusedException("Internal error"));
                });
    }

    /** Admits a socket its middlewares let through, unless its connection closed meanwhile; then tells listeners. */
    private void admit(Socket socket) {
        if (!socket.client().admit(socket, () -> {
            everAdmitted = true;
            sockets.put(socket.id(), socket);
            recovering.remove(socket.id(), socket);
        })) {
            return;
        }
        server.listeners().socketConnected(socket);
        List<Consumer<Socket>> all = new ArrayList<>();
        if (parent != null) {
            all.addAll(parent.connectionListeners());
        }
        all.addAll(connectionListeners);
        for (Consumer<Socket> listener : all) {
            try {
                listener.accept(socket);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "connection listener of " + name + " failed", e);
                reportError(socket, e);
            }
        }
    }

    /** Tells this namespace's error listeners, then the server's; a failing error listener is only logged. */
    void reportError(Socket socket, Throwable error) {
        notifyErrorListeners(errorListeners, socket, error);
        server.notifyErrorListeners(socket, error);
    }

    static void notifyErrorListeners(List<ErrorListener> listeners, Socket socket, Throwable error) {
        for (ErrorListener listener : listeners) {
            try {
                listener.onError(socket, error);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "error listener of " + socket.namespace().name() + " failed", e);
            }
        }
    }

    void remove(Socket socket) {
        sockets.remove(socket.id(), socket);
    }

    /**
     * Called once for every socket created for this namespace, when it is refused, given up before admission or gone:
     * a child of a dynamic namespace may then be removed.
     */
    void release() {
        if (parent != null) {
            parent.release(this);
        }
    }

    boolean everAdmitted() {
        return everAdmitted;
    }

    boolean customized() {
        return customized;
    }

    /** The namespace as its adapter sees it. */
    private final class Host implements AdapterHost {
        @Override
        public String namespace() {
            return name;
        }

        @Override
        public boolean deliver(String socketId, OutgoingPacket packet, boolean isVolatile,
                               Consumer<JsonArray> onAck) {
            Socket socket = sockets.get(socketId);
            if (socket != null) {
                return socket.deliver(packet, isVolatile, onAck);
            }
            // A resuming socket moves forward, pending -> recovering -> sockets, each step put before removed: looked
            // up in that order, it is found wherever it is meanwhile (backwards, a move between two looks missed it).
            Pending pending = pendingBySid.get(socketId);
            if (pending != null) {
                return pending.deliver(packet, isVolatile, onAck);
            }
            socket = recovering.get(socketId);
            if (socket == null) {
                socket = sockets.get(socketId);
            }
            return socket != null && socket.deliver(packet, isVolatile, onAck);
        }

        @Override
        public Optional<RemoteSocket> socket(String socketId) {
            return Optional.ofNullable(sockets.get(socketId));
        }

        @Override
        public long nextAckId() {
            return Namespace.this.nextAckId();
        }

        @Override
        public void onServerSideEvent(JsonArray eventAndArgs, Ack ack) {
            Namespace.this.onServerSideEvent(eventAndArgs, ack);
        }

        @Override
        public void restoring(String pid, String sid) {
            Pending pending = pendingByPid.get(pid);
            if (pending != null) {
                pending.sid = sid;
                pendingBySid.put(sid, pending);
            }
        }

        @Override
        public Optional<ConnectionStateRecovery> connectionStateRecovery() {
            return server.config().connectionStateRecovery();
        }

        @Override
        public Clock clock() {
            return server.clock();
        }

        @Override
        public void broadcastWritten(int receivers) {
            server.listeners().broadcast(name, receivers);
        }

        @Override
        public void clusterRequestEnded(String type, Duration elapsed, boolean complete) {
            server.listeners().clusterRequest(name, type, elapsed, complete);
        }
    }

    @Override
    public String toString() {
        return "Namespace[" + name + "]";
    }
}
