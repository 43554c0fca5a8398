package io.socketee.socketio;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Namespaces created on demand for every name a predicate accepts (Node's {@code io.of(/^\/\w+$/)}). Listeners and
 * middlewares registered here apply to every child, before the child's own. Thread-safe.
 */
public final class DynamicNamespace {
    private final SocketIoServer server;
    private final Predicate<String> matcher;
    private final Map<String, Namespace> children = new ConcurrentHashMap<>();
    private final List<Consumer<Socket>> connectionListeners = new CopyOnWriteArrayList<>();
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();

    DynamicNamespace(SocketIoServer server, Predicate<String> matcher) {
        this.server = server;
        this.matcher = matcher;
    }

    public void onConnection(Consumer<Socket> listener) {
        connectionListeners.add(listener);
    }

    public void use(Middleware middleware) {
        middlewares.add(middleware);
    }

    /** The namespaces created so far, by name. */
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

    Namespace child(String name) {
        return children.computeIfAbsent(name, n -> new Namespace(server, n, this));
    }

    List<Consumer<Socket>> connectionListeners() {
        return connectionListeners;
    }

    List<Middleware> middlewares() {
        return middlewares;
    }
}
