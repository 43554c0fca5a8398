package io.socketee.engineio.websocket;

import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.spi.EngineIoRequest;

/**
 * What the servlet checked about one upgrade request (its server and the request as Engine.IO saw it), on its way to
 * the endpoint that the runtime creates for the connection.
 *
 * <p>The servlet makes it {@linkplain #current() current} on its own thread for the duration of
 * {@code ServerContainer.upgradeHttpToWebSocket}; the runtime runs the configurator's handshake hooks on that thread
 * within that call (Tomcat, Jetty, Undertow and Tyrus all do), and {@link EngineIoConfigurator#modifyHandshake}
 * moves it into the user properties of the connection's own endpoint configuration, which every runtime copies per
 * connection and hands to {@code onOpen}. Properties set on the configuration before the call do not survive everywhere
 * (Undertow rebuilds it), and runtimes that upgrade only to endpoints registered in advance (Tyrus) use the registered
 * configuration rather than the one passed: this route is the one all of them keep.
 *
 * <p>Threading: created, made current and read back on the upgrading thread; {@link #taken} is written and read there
 * only.
 */
final class UpgradeHandoff {
    /** The user-property key of the connection's endpoint configuration under which the endpoint finds it. */
    static final String PROPERTY = UpgradeHandoff.class.getName();
    private static final ThreadLocal<UpgradeHandoff> CURRENT = new ThreadLocal<>();

    private final EngineIoServer server;
    private final EngineIoRequest request;
    private boolean taken;

    UpgradeHandoff(EngineIoServer server, EngineIoRequest request) {
        this.server = server;
        this.request = request;
    }

    EngineIoServer server() {
        return server;
    }

    EngineIoRequest request() {
        return request;
    }

    /** The upgrade the servlet is handing to the runtime on this thread, or null (a connection it did not check). */
    static UpgradeHandoff current() {
        return CURRENT.get();
    }

    /** Makes this the current upgrade of this thread until the returned scope is closed. */
    Scope makeCurrent() {
        CURRENT.set(this);
        return CURRENT::remove;
    }

    /** Called when the runtime ran the handshake hook that passes this on to the connection. */
    void markTaken() {
        taken = true;
    }

    /** Whether the runtime ran the handshake for this upgrade (whatever the client does next). */
    boolean taken() {
        return taken;
    }

    /** Ends {@link #makeCurrent()}. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
