package io.socketee.testing;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.socketio.SocketIoConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several {@link TestServer}s in one JVM, joined by an {@link InMemoryBus} over the adapter SPI, as Redis joins the
 * nodes of a production cluster: a client of node 0 gets what node 1 broadcasts, {@code fetchSockets} on one node
 * sees the sockets of both, {@code serverSideEmit} reaches the other nodes' listeners and their acks come back. All
 * nodes share one {@link VirtualClock}.
 *
 * <pre>{@code
 * try (TestCluster cluster = TestCluster.create(2)) {
 *     TestServer a = cluster.node(0), b = cluster.node(1);
 *     TestClient alice = a.connect(), bob = b.connect();
 *     a.io().emit("news", "hello");
 *     bob.received("news");
 * }
 * }</pre>
 *
 * <p>Threading: as {@link TestServer}; messages between nodes are delivered on the sending thread.
 */
public final class TestCluster implements AutoCloseable {
    private final VirtualClock clock;
    private final InMemoryBus bus;
    private final List<TestServer> nodes;

    private TestCluster(Builder builder) {
        this.clock = new VirtualClock();
        this.bus = InMemoryBus.create(Runnable::run, clock, builder.requestsTimeout);
        List<TestServer> servers = new ArrayList<>();
        for (int i = 0; i < builder.nodes; i++) {
            servers.add(TestServer.builder()
                    .engineIo(builder.engineIo)
                    .socketIo(builder.socketIo.toBuilder().adapter(bus.adapter()).build())
                    .clock(clock)
                    .awaitTimeout(builder.awaitTimeout)
                    .build());
        }
        this.nodes = List.copyOf(servers);
    }

    /** A cluster of {@code nodes} servers with the default settings. */
    public static TestCluster create(int nodes) {
        return builder().nodes(nodes).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Node {@code index} (from 0). */
    public TestServer node(int index) {
        return nodes.get(index);
    }

    /** Every node, in order. */
    public List<TestServer> nodes() {
        return nodes;
    }

    /** The clock all nodes run on. */
    public VirtualClock clock() {
        return clock;
    }

    /** The bus between the nodes. */
    public InMemoryBus bus() {
        return bus;
    }

    /** Moves the shared clock forward (see {@link VirtualClock#advance}). */
    public void advance(Duration step) {
        clock.advance(step);
    }

    /** Closes every node, then drops what is left on the clock. */
    @Override
    public void close() {
        for (TestServer node : nodes) {
            node.close();
        }
        clock.shutdownNow();
    }

    /** Settings of a {@link TestCluster}, the same for every node; every setter is optional. Not thread-safe. */
    public static final class Builder {
        private int nodes = 2;
        private EngineIoConfig engineIo = EngineIoConfig.builder().allowEIO3(true).build();
        private SocketIoConfig socketIo = SocketIoConfig.builder().build();
        private Duration requestsTimeout = Duration.ofSeconds(5);
        private Duration awaitTimeout = Duration.ofSeconds(2);

        private Builder() {
        }

        /** How many nodes; 2. */
        public Builder nodes(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("a cluster needs at least one node");
            }
            this.nodes = value;
            return this;
        }

        public Builder engineIo(EngineIoConfig value) {
            this.engineIo = Objects.requireNonNull(value);
            return this;
        }

        /** Socket.IO settings of every node; their adapter is replaced by the bus's. */
        public Builder socketIo(SocketIoConfig value) {
            this.socketIo = Objects.requireNonNull(value);
            return this;
        }

        /** How long {@code serverSideEmitWithAck} waits for the other nodes, in virtual time; 5 s. */
        public Builder requestsTimeout(Duration value) {
            this.requestsTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** See {@link TestServer.Builder#awaitTimeout}. */
        public Builder awaitTimeout(Duration value) {
            this.awaitTimeout = Objects.requireNonNull(value);
            return this;
        }

        public TestCluster build() {
            return new TestCluster(this);
        }
    }
}
