package io.socketee.socketio;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Namespaces created on demand for every name a predicate accepts (Node's {@code io.of(/^\/\w+$/)}). Listeners and
 * middlewares registered here apply to every child, before the child's own.
 *
 * <p>Lifecycle of a child: it is created by the first CONNECT for its name that passes the connection's checks
 * ({@code maxNamespaces}, not already in it), before the middlewares run; it counts the sockets connecting to it (in
 * the middlewares) and connected to it, from every connection. When that count falls to zero the child is removed and
 * its adapter closed (for a cluster adapter: its channels unsubscribed), if
 * <ul>
 *   <li>{@link SocketIoConfig#cleanupEmptyChildNamespaces()} is on (Node's option, off by default), or</li>
 *   <li>it never admitted a socket and nothing was registered on the child itself ({@code onConnection}, {@code use},
 *   {@code onError}, {@code onServerSideEmit}): it was made for CONNECTs that were all refused, or whose connections
 *   closed in the middlewares. No connection listener has seen it, so no application code can hold it; without this,
 *   anyone could fill the server with children of names a middleware refuses.</li>
 * </ul>
 * A later CONNECT for the name creates a new child. Off, a child that admitted a socket stays for the server's
 * lifetime, as on Node: connection listeners may keep it ({@code socket.namespace()}) and rely on it.
 *
 * <p>Thread-safe. A child's count changes only inside the children map's atomic update for its name, so a CONNECT
 * either finds the child and holds it, or creates a new one; it never joins a removed one.
 */
public final class DynamicNamespace {
    private static final System.Logger LOG = System.getLogger(DynamicNamespace.class.getName());

    private final SocketIoServer server;
    private final Predicate<String> matcher;
    private final Map<String, Namespace> children = new ConcurrentHashMap<>();
    private final List<Consumer<Socket>> connectionListeners = new CopyOnWriteArrayList<>();
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();

    DynamicNamespace(SocketIoServer server, Predicate<String> matcher) {
        this.server = server;
        this.matcher = matcher;
    }

    /**
     * Called with each socket that joins a child, after its CONNECT was answered; see
     * {@link Namespace#onConnection}.
     */
    public void onConnection(Consumer<Socket> listener) {
        onConnection(server.config().handlers(), listener);
    }

    /** Called with each socket that joins a child, inline or on the blocking executor. */
    public void onConnection(HandlerMode mode, Consumer<Socket> listener) {
        connectionListeners.add(Socket.connectionListener(mode, listener));
    }

    public void use(Middleware middleware) {
        middlewares.add(middleware);
    }

    /** A middleware for every child that recovered sockets run too; see {@link Namespace#useAlways}. */
    public void useAlways(Middleware middleware) {
        middlewares.add(new Namespace.AlwaysMiddleware(middleware));
    }

    /** The children that exist now, by name (a snapshot). */
    public Map<String, Namespace> children() {
        return Map.copyOf(children);
    }

    /** Sends an event to every socket of every child namespace. */
    public void emit(String event, Object... args) {
        children.values().forEach(nsp -> nsp.emit(event, args));
    }

    boolean matches(String name) {
        return matcher.test(name);
    }

    /**
     * The child for {@code name}, created if there is none, held for one socket: the caller must {@link #release} it
     * once, when that socket is refused, given up or gone.
     */
    Namespace acquire(String name) {
        boolean[] created = {false};
        Namespace acquired = children.compute(name, (n, child) -> {
            Namespace held = child;
            if (held == null) {
                held = new Namespace(server, n, this);
                created[0] = true;
            }
            held.occupants++;
            return held;
        });
        if (created[0]) {
            server.listeners().namespaceCreated(acquired);
        }
        return acquired;
    }

    /** Lets go of a child {@link #acquire}d for a socket; removes it and closes its adapter if it is now unused. */
    void release(Namespace child) {
        boolean[] removed = {false};
        children.computeIfPresent(child.name(), (n, held) -> {
            if (held != child || --held.occupants > 0 || !removable(held)) {
                return held;
            }
            removed[0] = true;
            return null;
        });
        if (removed[0]) {
            LOG.log(Level.DEBUG, () -> "removing the empty namespace " + child.name());
            server.listeners().namespaceRemoved(child);
            try {
                child.adapter().close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the adapter of the removed namespace " + child.name() + " failed", e);
            }
        }
    }

    private boolean removable(Namespace child) {
        return server.config().cleanupEmptyChildNamespaces() || !(child.everAdmitted() || child.customized());
    }

    List<Consumer<Socket>> connectionListeners() {
        return connectionListeners;
    }

    List<Middleware> middlewares() {
        return middlewares;
    }
}
