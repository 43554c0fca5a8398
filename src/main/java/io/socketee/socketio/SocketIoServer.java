package io.socketee.socketio;

import io.socketee.engineio.CloseReason;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.EngineIoSocket;
import io.socketee.engineio.internal.DaemonThreads;
import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.socketio.core.RemoteSocket;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A Socket.IO server on top of an {@link EngineIoServer}: namespaces ({@link #of}), with the main namespace's
 * operations as shortcuts. Knows nothing of servlets: serve the engine with the servlet binding.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(engine);
 * io.onConnection(socket -> socket.on("chat", (args, ack) -> io.to("lobby").emit("chat", args.get(0))));
 * }</pre>
 *
 * <p>Thread-safe. Timers (connect timeout, ack timeouts) run on one daemon thread, stopped by {@link #close()}, or on
 * a scheduler the application gives ({@link #create(EngineIoServer, SocketIoConfig, ScheduledExecutorService)}: the
 * test kit's virtual clock). {@link HandlerMode#BLOCKING} listeners run on the blocking executor
 * ({@link SocketIoConfig#blockingExecutor()}); {@link #close()} waits for the work queued there, at most 10 s, and
 * stops the executor if it is the server's own.
 */
public final class SocketIoServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SocketIoServer.class.getName());

    private final EngineIoServer engine;
    private final SocketIoConfig config;
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final List<DynamicNamespace> dynamicNamespaces = new CopyOnWriteArrayList<>();
    private final List<ErrorListener> errorListeners = new CopyOnWriteArrayList<>();
    /** Read for every packet written: an immutable array, replaced under this server's monitor. */
    private volatile ServerListeners listeners = ServerListeners.NONE;
    private final ScheduledExecutorService timer;
    /** The timer thread when the server owns it (stopped by {@link #close()}); null on a given scheduler. */
    private final ScheduledThreadPoolExecutor ownTimer;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** What recovery sessions and kept packets age by. */
    private final Clock clock;
    private final BlockingWorkers workers;

    private SocketIoServer(EngineIoServer engine, SocketIoConfig config, ScheduledExecutorService timer,
                           ScheduledThreadPoolExecutor ownTimer, Clock clock) {
        this.engine = engine;
        this.config = config;
        this.timer = timer;
        this.ownTimer = ownTimer;
        this.clock = clock;
        this.workers = new BlockingWorkers(config);
        of(io.socketee.socketio.protocol.Packet.MAIN_NAMESPACE);
        engine.onConnection(connection -> new Client(this, connection));
    }

    /** A server with default settings on {@code engine}, which it takes over: every engine session is a client. */
    public static SocketIoServer create(EngineIoServer engine) {
        return create(engine, SocketIoConfig.builder().build());
    }

    public static SocketIoServer create(EngineIoServer engine, SocketIoConfig config) {
        return create(engine, config, Clock.systemUTC());
    }

    /**
     * A server whose timers (connect timeout, ack timeouts) run on the given scheduler, which it will not shut down:
     * as {@link EngineIoServer#create(io.socketee.engineio.EngineIoConfig, ScheduledExecutorService)} does for the
     * engine's. The test kit passes its virtual clock ({@code io.socketee.testing.VirtualClock}) to both.
     */
    public static SocketIoServer create(EngineIoServer engine, SocketIoConfig config,
                                        ScheduledExecutorService timers) {
        return create(engine, config, timers, Clock.systemUTC());
    }

    /**
     * As {@link #create(EngineIoServer, SocketIoConfig, ScheduledExecutorService)}, with the clock by which the
     * sessions kept for connection state recovery age: the test kit passes its virtual clock's time, so that
     * {@code maxDisconnectionDuration} passes when its timers do.
     */
    public static SocketIoServer create(EngineIoServer engine, SocketIoConfig config,
                                        ScheduledExecutorService timers, Clock clock) {
        return new SocketIoServer(engine, config, Objects.requireNonNull(timers, "timers"), null,
                Objects.requireNonNull(clock, "clock"));
    }

    /** A server whose recovery sessions age by {@code clock} (tests: a virtual one). */
    static SocketIoServer create(EngineIoServer engine, SocketIoConfig config, Clock clock) {
        ScheduledThreadPoolExecutor timer = DaemonThreads.timer("socketee-socketio-timer");
        return new SocketIoServer(engine, config, timer, timer, clock);
    }

    Clock clock() {
        return clock;
    }

    public SocketIoConfig config() {
        return config;
    }

    public EngineIoServer engine() {
        return engine;
    }

    /** The namespace with this name, created if needed. */
    public Namespace of(String name) {
        String normalized = name.startsWith("/") ? name : "/" + name;
        Namespace existing = namespaces.get(normalized);
        if (existing != null) {
            return existing;
        }
        boolean[] created = {false};
        Namespace namespace = namespaces.computeIfAbsent(normalized, n -> {
            created[0] = true;
            return new Namespace(this, n, null);
        });
        if (created[0]) {
            listeners.namespaceCreated(namespace);
        }
        return namespace;
    }

    /** Every namespace that exists now: those made with {@link #of(String)}, and the children of dynamic ones. */
    public List<Namespace> namespaces() {
        List<Namespace> all = new ArrayList<>(namespaces.values());
        dynamicNamespaces.forEach(d -> all.addAll(d.children().values()));
        return all;
    }

    /**
     * Adds an instrumentation listener (see {@link ServerListener}); it sees what happens from now on. The namespaces
     * that exist already are not reported again: read {@link #namespaces()}.
     */
    public synchronized void addListener(ServerListener listener) {
        listeners = listeners.with(listener);
    }

    /** The listeners, told one after the other. */
    ServerListener listeners() {
        return listeners;
    }

    /** Namespaces created on demand for every name matching the pattern (as Node's {@code io.of(/regex/)}). */
    public DynamicNamespace of(Pattern pattern) {
        return of(name -> pattern.matcher(name).matches());
    }

    /**
     * Namespaces created on demand for every name the predicate accepts (it runs on the thread of the CONNECT and must
     * not block). See {@link DynamicNamespace} for when a child is created and removed.
     */
    public DynamicNamespace of(Predicate<String> matcher) {
        DynamicNamespace dynamic = new DynamicNamespace(this, matcher);
        dynamicNamespaces.add(dynamic);
        return dynamic;
    }

    /** The main namespace, {@code /}. */
    public Namespace sockets() {
        return of("/");
    }

    public void onConnection(Consumer<Socket> listener) {
        sockets().onConnection(listener);
    }

    /** The main namespace's {@link Namespace#onConnection(HandlerMode, Consumer)}. */
    public void onConnection(HandlerMode mode, Consumer<Socket> listener) {
        sockets().onConnection(mode, listener);
    }

    public void use(Middleware middleware) {
        sockets().use(middleware);
    }

    /**
     * Called with failures of application code run for the sockets of every namespace, dynamic ones included (see
     * {@link ErrorListener}), after the namespace's own {@link Namespace#onError} listeners.
     */
    public void onError(ErrorListener listener) {
        errorListeners.add(listener);
    }

    void notifyErrorListeners(Socket socket, Throwable error) {
        Namespace.notifyErrorListeners(errorListeners, socket, error);
    }

    public BroadcastOperator to(String... rooms) {
        return sockets().to(rooms);
    }

    /**
     * Targets every socket of the main namespace opened by the authenticated user with this name, on every node of a
     * cluster (for another namespace: {@code io.of("/chat").toUser(name)}); see {@link Namespace#toUser}.
     */
    public BroadcastOperator toUser(String user) {
        return sockets().toUser(user);
    }

    public BroadcastOperator in(String... rooms) {
        return sockets().in(rooms);
    }

    public BroadcastOperator except(String... rooms) {
        return sockets().except(rooms);
    }

    public BroadcastOperator timeout(Duration timeout) {
        return sockets().timeout(timeout);
    }

    public BroadcastOperator local() {
        return sockets().local();
    }

    public void emit(String event, Object... args) {
        sockets().emit(event, args);
    }

    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return sockets().fetchSockets();
    }

    public void socketsJoin(String... rooms) {
        sockets().socketsJoin(rooms);
    }

    public void socketsLeave(String... rooms) {
        sockets().socketsLeave(rooms);
    }

    public void disconnectSockets(boolean close) {
        sockets().disconnectSockets(close);
    }

    /**
     * Disconnects, on this node, every client whose connection was opened by a request that {@code which} accepts:
     * each of its sockets gets a DISCONNECT (on the client the reason is "io server disconnect", after which it does
     * not reconnect by itself), then the connection closes. The servlet glue calls it for the connections of an
     * {@code HttpSession} that is invalidated (logout). Runs {@code which} on the calling thread, once per connection.
     *
     * @return how many connections were closed
     */
    public int disconnectClients(Predicate<EngineIoRequest> which) {
        Set<EngineIoSocket> matched = Collections.newSetFromMap(new IdentityHashMap<>());
        for (EngineIoSocket connection : engine.sockets()) {
            if (which.test(connection.request())) {
                matched.add(connection);
            }
        }
        if (matched.isEmpty()) {
            return 0;
        }
        List<Namespace> all = new ArrayList<>(namespaces.values());
        dynamicNamespaces.forEach(d -> all.addAll(d.children().values()));
        for (Namespace namespace : all) {
            for (Socket socket : namespace.sockets().values()) {
                if (matched.contains(socket.client().connection())) {
                    socket.disconnect();
                }
            }
        }
        matched.forEach(EngineIoSocket::close);
        return matched.size();
    }

    /** The namespace created with {@link #of(String)} under this name, if any. */
    Optional<Namespace> existingNamespace(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    /** The first dynamic namespace whose predicate accepts the name (its children are made only by the client). */
    Optional<DynamicNamespace> dynamicNamespaceFor(String name) {
        for (DynamicNamespace dynamic : dynamicNamespaces) {
            if (dynamic.matches(name)) {
                return Optional.of(dynamic);
            }
        }
        return Optional.empty();
    }

    ScheduledFuture<?> schedule(long delayMillis, Runnable task) {
        return timer.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "socket.io timer task failed", e);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    BlockingWorkers workers() {
        return workers;
    }

    /** How many timer tasks wait now (connect timeouts, ack timeouts); for tests. */
    int scheduledTasks() {
        if (ownTimer == null) {
            throw new IllegalStateException("the timers run on a scheduler the application gave: ask it");
        }
        return ownTimer.getQueue().size();
    }

    /**
     * Disconnects every socket (reason "server shutting down"), closes the engine and the adapters, and stops the
     * timer thread. Once: later calls do nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (var connection : engine.sockets()) {
            try {
                connection.close(CloseReason.SERVER_SHUTTING_DOWN);
            } catch (RuntimeException e) { // one session's failure must not leave the others open
                LOG.log(Level.WARNING, "closing session " + connection.id() + " failed", e);
            }
        }
        workers.close(); // the disconnect listeners and events queued for blocking listeners run first
        engine.close();
        namespaces.values().forEach(nsp -> nsp.adapter().close());
        dynamicNamespaces.forEach(d -> d.children().values().forEach(nsp -> nsp.adapter().close()));
        if (ownTimer != null) {
            DaemonThreads.stopAndWait(ownTimer);
        }
    }
}
