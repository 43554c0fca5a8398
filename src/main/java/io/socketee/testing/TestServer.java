package io.socketee.testing;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.socketio.Socket;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.SocketIoServer;
import java.time.Duration;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * A {@link SocketIoServer} for tests of its handlers, with no network and no container: in-memory clients
 * ({@link #connect()}, {@link #client()}) reach it through the Engine.IO host interfaces, and every timer of the
 * server (Engine.IO heartbeat and ping timeout, upgrade timeout, connect timeout, ack timeouts, and whatever else it
 * schedules on its schedulers) runs on a {@link VirtualClock}, so a test of a 45-second timeout takes milliseconds.
 *
 * <pre>{@code
 * try (TestServer server = TestServer.create()) {
 *     server.io().onConnection(socket -> socket.on("hello", (args, ack) -> ack.send("hi " + args.get(0))));
 *     TestClient client = server.connect();
 *     assertEquals("hi bob", client.emitWithAck("hello", "bob").arg(0, String.class));
 *     server.advance(Duration.ofSeconds(45));
 * }
 * }</pre>
 *
 * <p>Register handlers on {@link #io()} as in production (or run CDI handler beans with
 * {@code io.socketee.testing.cdi.CdiTestServer}); a cluster of two is {@link TestCluster}. By default the Engine.IO
 * settings are the production defaults plus {@code allowEIO3} (so that {@link TestClient.Protocol#V3} clients
 * connect), and the Socket.IO settings are the defaults.
 *
 * <p>Hooks for what the server gains later: a timer of the Socket.IO layer that goes through the server's scheduler
 * (as the connect and ack timeouts do: connection state recovery's expiry should too) runs on this clock with no change
 * here; a client that resumes a session sends its {@code pid} and {@code offset} as {@link TestClient.Builder#auth}
 * fields for now; the executor of blocking handlers goes through {@link Builder#socketIo}.
 *
 * <p>Threading: as the {@link SocketIoServer} it wraps; advance the clock from one thread (the test's). Close it
 * after each test (it is {@link AutoCloseable}): that disconnects the clients ("server shutting down").
 */
public final class TestServer implements AutoCloseable {
    private final VirtualClock clock;
    private final boolean ownsClock;
    private final EngineIoServer engine;
    private final SocketIoServer io;
    private final Duration awaitTimeout;

    private TestServer(Builder builder) {
        this.ownsClock = builder.clock == null;
        this.clock = ownsClock ? new VirtualClock() : builder.clock;
        this.engine = EngineIoServer.create(builder.engineIo, clock);
        this.io = SocketIoServer.create(engine, builder.socketIo, clock, clock.asClock());
        this.awaitTimeout = builder.awaitTimeout;
    }

    /** A server with the default settings (and {@code allowEIO3}) on its own virtual clock. */
    public static TestServer create() {
        return builder().build();
    }

    /** A builder for other settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** The server under test: register handlers and middlewares here, as in production. */
    public SocketIoServer io() {
        return io;
    }

    /** The Engine.IO server under it. */
    public EngineIoServer engine() {
        return engine;
    }

    /** The clock every timer of the server runs on. */
    public VirtualClock clock() {
        return clock;
    }

    /** Moves the virtual clock forward, running the timers that fall due (see {@link VirtualClock#advance}). */
    public void advance(Duration step) {
        clock.advance(step);
    }

    /** A client of the main namespace {@code /} (socket.io-client 4.x), connected; fails the test if refused. */
    public TestClient connect() {
        return client().connect();
    }

    /** A client of {@code namespace}, connected; fails the test if refused. */
    public TestClient connect(String namespace) {
        return client().namespace(namespace).connect();
    }

    /** A client to set up (namespace, auth, headers, protocol generation) before it connects. */
    public TestClient.Builder client() {
        return new TestClient.Builder(this);
    }

    /**
     * The server's socket of a connected client, in a namespace made with {@code io.of(name)} (not a dynamic
     * namespace's child); fails the test when there is none.
     */
    public Socket socketOf(TestClient client) {
        Socket socket = io.of(client.namespace()).sockets().get(client.id());
        if (socket == null) {
            throw new AssertionFailedError("the server has no socket " + client.id() + " in " + client.namespace());
        }
        return socket;
    }

    /** How long the kit's assertions wait, in real time, for what the server does on other threads. */
    public Duration awaitTimeout() {
        return awaitTimeout;
    }

    Connection newConnection(TestClient.Protocol protocol) {
        return new Connection(engine, io.config().parser(), clock, TestClient.engineVersion(protocol), awaitTimeout);
    }

    /**
     * Closes the server (its clients are disconnected with "server shutting down", the {@code onDisconnect}
     * listeners run) and, when it made its clock, drops what is left on the clock.
     */
    @Override
    public void close() {
        io.close();
        if (ownsClock) {
            clock.shutdownNow();
        }
    }

    /** Settings of a {@link TestServer}; every setter is optional. Not thread-safe. */
    public static final class Builder {
        private EngineIoConfig engineIo = EngineIoConfig.builder().allowEIO3(true).build();
        private SocketIoConfig socketIo = SocketIoConfig.builder().build();
        private VirtualClock clock;
        private Duration awaitTimeout = Duration.ofSeconds(2);

        private Builder() {
        }

        /** Engine.IO settings (heartbeat, limits, {@code allowRequest}, origins); defaults plus {@code allowEIO3}. */
        public Builder engineIo(EngineIoConfig value) {
            this.engineIo = Objects.requireNonNull(value, "engineIo");
            return this;
        }

        /**
         * Socket.IO settings (connect timeout, adapter, limits, parser). Blocking handlers run on the server's own
         * executor unless {@code SocketIoConfig.Builder.blockingExecutor} says otherwise: {@code Runnable::run} runs
         * them inline, on the thread of the event, so that their effects have happened when {@code emit} returns
         * (the kit's assertions wait for them either way). Options the server gains later (connection state
         * recovery) are set here like any other.
         */
        public Builder socketIo(SocketIoConfig value) {
            this.socketIo = Objects.requireNonNull(value, "socketIo");
            return this;
        }

        /** The clock to run on (several servers on one clock: {@link TestCluster}); a new one by default. */
        public Builder clock(VirtualClock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How long assertions wait, in real time, for what the server does on other threads (handlers that complete
         * a {@code CompletionStage} later); 2 s. What happens on the test's thread needs no waiting.
         */
        public Builder awaitTimeout(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("awaitTimeout must not be negative");
            }
            this.awaitTimeout = value;
            return this;
        }

        public TestServer build() {
            return new TestServer(this);
        }
    }
}
