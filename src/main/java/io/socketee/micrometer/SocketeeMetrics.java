package io.socketee.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.socketee.engineio.CloseReason;
import io.socketee.engineio.EngineIoMetrics;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.EngineIoSocket;
import io.socketee.engineio.TransportName;
import io.socketee.engineio.protocol.ProtocolVersion;
import io.socketee.socketio.Namespace;
import io.socketee.socketio.ServerListener;
import io.socketee.socketio.Socket;
import io.socketee.socketio.SocketIoServer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters for one server: {@code new SocketeeMetrics(io).bindTo(registry)} (with the CDI extension, a
 * {@link MeterRegistry} bean is bound to at deployment). Meter names and tags:
 *
 * <table>
 * <caption>meters</caption>
 * <tr><td>{@code socketio.connections} gauge</td><td>open Engine.IO sessions; tags {@code transport}
 * ({@code polling}, {@code websocket}), {@code protocol} ({@code 3}, {@code 4})</td></tr>
 * <tr><td>{@code socketio.connections.opened}, {@code .closed} counters</td><td>sessions opened (same tags), closed
 * (tag {@code reason}: Node's close reasons)</td></tr>
 * <tr><td>{@code socketio.upgrades} counter</td><td>polling sessions moved to WebSocket</td></tr>
 * <tr><td>{@code socketio.messages}, {@code socketio.message.size} counters</td><td>Engine.IO messages and their
 * payload size (characters of text, bytes of binary); tag {@code direction} ({@code in}, {@code out}: one per
 * receiving session)</td></tr>
 * <tr><td>{@code socketio.buffered} gauge</td><td>bytes waiting to be sent, all sessions (estimated)</td></tr>
 * <tr><td>{@code socketio.namespaces} gauge</td><td>namespaces, children of dynamic namespaces included</td></tr>
 * <tr><td>{@code socketio.sockets}, {@code socketio.rooms} gauges</td><td>sockets and rooms of this node (each
 * socket's own room included); tag {@code namespace}: the name, or {@code dynamic} for all children of dynamic
 * namespaces together (their names come from clients: one meter each would let clients grow the registry)</td></tr>
 * <tr><td>{@code socketio.acks.pending} gauge</td><td>acks the server waits for from clients</td></tr>
 * <tr><td>{@code socketio.ack.latency} timer</td><td>from an emit with ack to the client's answer</td></tr>
 * <tr><td>{@code socketio.broadcast.receivers} summary</td><td>local sockets one broadcast was written to</td></tr>
 * <tr><td>{@code socketio.handler.errors} counter</td><td>failures of application code (listeners, handlers, ack
 * callbacks); tag {@code namespace} as above</td></tr>
 * <tr><td>{@code socketio.cluster.requests} timer</td><td>requests to the other nodes (Redis adapter); tags
 * {@code type} ({@code sockets}, {@code all_rooms}, {@code server_side_emit}, ...), {@code outcome}
 * ({@code complete}, {@code incomplete}: a node did not answer in time)</td></tr>
 * <tr><td>{@code socketio.recovery} counter</td><td>connection state recovery attempts; tag {@code outcome}
 * ({@code recovered}, {@code missed})</td></tr>
 * </table>
 *
 * <p>Gauges read the server when the registry asks (each a pass over the sessions or sockets); counters and timers
 * are updated as things happen, on the server's threads. One registry per instance; thread-safe.
 */
public final class SocketeeMetrics implements MeterBinder {
    static final String DYNAMIC = "dynamic";

    private final SocketIoServer io;
    private final EngineIoServer engine;

    /** Meters for {@code io} and its engine. */
    public SocketeeMetrics(SocketIoServer io) {
        this.io = io;
        this.engine = io.engine();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        bindEngine(registry);
        SocketIoMeters meters = new SocketIoMeters(registry);
        io.addListener(meters);
        // After adding it, so that none is missed; registering one twice returns the same meter.
        io.namespaces().forEach(meters::namespaceCreated);
    }

    private void bindEngine(MeterRegistry registry) {
        for (TransportName transport : TransportName.values()) {
            for (ProtocolVersion version : ProtocolVersion.values()) {
                Gauge.builder("socketio.connections", engine, e -> count(e, transport, version))
                        .tags(transportTags(transport, version))
                        .description("open Engine.IO sessions").register(registry);
            }
        }
        Gauge.builder("socketio.buffered", engine, e -> e.sockets().stream()
                        .mapToLong(EngineIoSocket::bufferedBytes).sum())
                .baseUnit("bytes").description("bytes waiting to be sent (estimated)").register(registry);
        engine.metrics(new EngineMeters(registry));
    }

    private static double count(EngineIoServer engine, TransportName transport, ProtocolVersion version) {
        long n = 0;
        for (EngineIoSocket session : engine.sockets()) {
            if (session.transport() == transport && session.protocolVersion() == version) {
                n++;
            }
        }
        return n;
    }

    private static Tags transportTags(TransportName transport, ProtocolVersion version) {
        return Tags.of("transport", transport.wireName(), "protocol", Integer.toString(version.number()));
    }

    /** Counts what the engine reports. */
    private static final class EngineMeters implements EngineIoMetrics {
        private final Map<TransportName, Map<ProtocolVersion, Counter>> opened = new EnumMap<>(TransportName.class);
        private final Map<CloseReason, Counter> closed = new EnumMap<>(CloseReason.class);
        private final Counter upgrades;
        private final Counter messagesIn;
        private final Counter messagesOut;
        private final Counter sizeIn;
        private final Counter sizeOut;

        EngineMeters(MeterRegistry registry) {
            for (TransportName transport : TransportName.values()) {
                Map<ProtocolVersion, Counter> byVersion = new EnumMap<>(ProtocolVersion.class);
                for (ProtocolVersion version : ProtocolVersion.values()) {
                    byVersion.put(version, Counter.builder("socketio.connections.opened")
                            .tags(transportTags(transport, version)).register(registry));
                }
                opened.put(transport, byVersion);
            }
            for (CloseReason reason : CloseReason.values()) {
                closed.put(reason, Counter.builder("socketio.connections.closed").tag("reason", reason.toString())
                        .register(registry));
            }
            upgrades = Counter.builder("socketio.upgrades").register(registry);
            messagesIn = Counter.builder("socketio.messages").tag("direction", "in").register(registry);
            messagesOut = Counter.builder("socketio.messages").tag("direction", "out").register(registry);
            sizeIn = Counter.builder("socketio.message.size").tag("direction", "in").register(registry);
            sizeOut = Counter.builder("socketio.message.size").tag("direction", "out").register(registry);
        }

        @Override
        public void opened(ProtocolVersion version, TransportName transport) {
            opened.get(transport).get(version).increment();
        }

        @Override
        public void closed(CloseReason reason) {
            closed.get(reason).increment();
        }

        @Override
        public void upgraded() {
            upgrades.increment();
        }

        @Override
        public void received(int size) {
            messagesIn.increment();
            sizeIn.increment(size);
        }

        @Override
        public void sent(int size) {
            messagesOut.increment();
            sizeOut.increment(size);
        }
    }

    /** Counts what the Socket.IO server reports, and keeps the gauges of each static namespace. */
    private final class SocketIoMeters implements ServerListener {
        private final MeterRegistry registry;
        private final Timer ackLatency;
        private final DistributionSummary receivers;
        private final Counter recovered;
        private final Counter missed;
        private final Map<String, Counter> handlerErrors = new ConcurrentHashMap<>();
        private final Map<String, List<Meter>> namespaceGauges = new ConcurrentHashMap<>();
        private final Map<String, Timer> clusterRequests = new ConcurrentHashMap<>();

        SocketIoMeters(MeterRegistry registry) {
            this.registry = registry;
            Gauge.builder("socketio.namespaces", io, s -> s.namespaces().size()).register(registry);
            Gauge.builder("socketio.acks.pending", io, s -> s.namespaces().stream()
                    .flatMap(n -> n.sockets().values().stream()).mapToLong(Socket::pendingAckCount).sum())
                    .register(registry);
            ackLatency = Timer.builder("socketio.ack.latency").register(registry);
            receivers = DistributionSummary.builder("socketio.broadcast.receivers").register(registry);
            recovered = Counter.builder("socketio.recovery").tag("outcome", "recovered").register(registry);
            missed = Counter.builder("socketio.recovery").tag("outcome", "missed").register(registry);
            namespaceGauges(DYNAMIC, s -> sum(s, Namespace::isDynamicChild, n -> n.sockets().size()),
                    s -> sum(s, Namespace::isDynamicChild, n -> n.adapter().localRoomCount()));
        }

        private List<Meter> namespaceGauges(String tag, ToDoubleFunction<SocketIoServer> sockets,
                                            ToDoubleFunction<SocketIoServer> rooms) {
            return namespaceGauges.computeIfAbsent(tag, t -> List.of(
                    Gauge.builder("socketio.sockets", io, sockets).tag("namespace", t).register(registry),
                    Gauge.builder("socketio.rooms", io, rooms).tag("namespace", t).register(registry)));
        }

        private static double sum(SocketIoServer io, java.util.function.Predicate<Namespace> which,
                                  java.util.function.ToIntFunction<Namespace> value) {
            long n = 0;
            for (Namespace namespace : io.namespaces()) {
                if (which.test(namespace)) {
                    n += value.applyAsInt(namespace);
                }
            }
            return n;
        }

        private static String tag(String namespace, boolean dynamicChild) {
            return dynamicChild ? DYNAMIC : namespace;
        }

        @Override
        public void namespaceCreated(Namespace namespace) {
            if (!namespace.isDynamicChild()) {
                namespaceGauges(namespace.name(), s -> namespace.sockets().size(),
                        s -> namespace.adapter().localRoomCount());
            }
        }

        @Override
        public void namespaceRemoved(Namespace namespace) {
            // Only children of dynamic namespaces are removed, and they share the "dynamic" gauges.
        }

        @Override
        public void handlerError(Namespace namespace) {
            handlerErrors.computeIfAbsent(tag(namespace.name(), namespace.isDynamicChild()),
                    t -> Counter.builder("socketio.handler.errors").tag("namespace", t).register(registry)).increment();
        }

        @Override
        public void ackAnswered(Duration latency) {
            ackLatency.record(latency);
        }

        @Override
        public void broadcast(String namespace, int count) {
            receivers.record(count);
        }

        @Override
        public void clusterRequest(String namespace, String type, Duration elapsed, boolean complete) {
            String outcome = complete ? "complete" : "incomplete";
            clusterRequests.computeIfAbsent(type + "/" + outcome, k -> Timer.builder("socketio.cluster.requests")
                    .tags("type", type, "outcome", outcome).register(registry)).record(elapsed);
        }

        @Override
        public void recovery(boolean wasRecovered) {
            (wasRecovered ? recovered : missed).increment();
        }
    }
}
