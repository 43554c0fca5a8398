package io.socketee.socketio.cdi;

import io.socketee.engineio.AllowRequest;
import io.socketee.socketio.SocketIoServer;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * Hands an application's {@link SocketIoServer} to CDI: what the servlet container initializer calls (only after it
 * found the CDI API, so that nothing else loads CDI classes). Thread-safe.
 *
 * <p>The server is registered under the application's class loader as soon as it exists (before any bean can ask
 * for it, whatever the order of the container's initializers), so that {@code @Inject SocketIoServer} works from
 * the first listener on; the handlers are bound once the CDI container has started.
 */
public final class SocketIoCdi {
    private static final Map<ClassLoader, SocketIoServer> SERVERS = new WeakHashMap<>();
    /** The roles the handlers bound to each server name in {@code @RolesAllowed}. Guarded by itself. */
    private static final Map<SocketIoServer, Set<String>> ROLES = new WeakHashMap<>();

    private SocketIoCdi() {
    }

    /** Makes {@code io} the server of the application whose classes {@code loader} loads. */
    public static void register(ClassLoader loader, SocketIoServer io) {
        synchronized (SERVERS) {
            SERVERS.put(loader, io);
        }
    }

    /** Forgets the server of that application. */
    public static void unregister(ClassLoader loader) {
        synchronized (SERVERS) {
            SERVERS.remove(loader);
        }
    }

    /**
     * Binds the handlers and the middleware beans the {@link SocketIoExtension} found to {@code io}; a handshake
     * filter bean ({@link AllowRequest}) is ignored (see the other {@code bind}).
     *
     * @param beanManager the application's {@code BeanManager} where the integration published it (the servlet
     *                    context attribute {@code jakarta.enterprise.inject.spi.BeanManager}), or null to ask
     *                    {@link CDI#current()}
     * @return false when no CDI container runs in the application (nothing bound)
     * @throws IllegalStateException when a container runs but without the extension
     */
    public static boolean bind(SocketIoServer io, Object beanManager) {
        return bind(io, beanManager, filter -> {
        });
    }

    /**
     * Binds the handlers and hook beans the {@link SocketIoExtension} found to {@code io}, handing the application's
     * handshake filter bean ({@link AllowRequest}), if it has one, to {@code handshakeFilter}: the engine was built
     * before CDI started, so its filter must delegate to what this hands over.
     *
     * @return false when no CDI container runs in the application (nothing bound)
     * @throws IllegalStateException when a container runs but without the extension
     */
    public static boolean bind(SocketIoServer io, Object beanManager, Consumer<AllowRequest> handshakeFilter) {
        BeanManager manager;
        try {
            manager = beanManager(beanManager);
        } catch (IllegalStateException | NoClassDefFoundError e) {
            return false;
        }
        SocketIoExtension extension = manager.getExtension(SocketIoExtension.class);
        extension.bind(io, manager, handshakeFilter);
        return true;
    }

    /**
     * The application's {@code BeanManager}: {@code published} where the integration published it (see {@link #bind}),
     * or {@link CDI#current()}'s; {@link IllegalStateException} when no CDI container runs.
     */
    public static BeanManager beanManager(Object published) {
        return published instanceof BeanManager given ? given : CDI.current().getBeanManager();
    }

    /**
     * The security roles the CDI handlers bound to {@code io} name in {@code @RolesAllowed} (empty before
     * {@link #bind}): the roles to capture from each connection's request, so that the handlers can be checked
     * against them later (the servlet binding's {@code io.socketee.engineio.roles} context attribute).
     */
    public static Set<String> securityRoles(SocketIoServer io) {
        synchronized (ROLES) {
            return ROLES.getOrDefault(io, Set.of());
        }
    }

    static void rolesFound(SocketIoServer io, Set<String> roles) {
        synchronized (ROLES) {
            ROLES.put(io, Set.copyOf(roles));
        }
    }

    /** The server registered for the current thread's application (its context class loader, or a parent). */
    static Optional<SocketIoServer> registered() {
        synchronized (SERVERS) {
            for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null;
                 loader = loader.getParent()) {
                SocketIoServer io = SERVERS.get(loader);
                if (io != null) {
                    return Optional.of(io);
                }
            }
            return SERVERS.size() == 1 ? Optional.of(SERVERS.values().iterator().next()) : Optional.empty();
        }
    }
}
