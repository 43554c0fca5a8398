package io.socketee.socketio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.socketio.core.Ack;
import io.socketee.socketio.core.Handshake;
import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.protocol.Packet;
import io.socketee.socketio.protocol.SocketIoParser;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The cluster template on an in-process bus and a virtual clock: nodes are {@link ClusterAdapterWithHeartbeat}s (or
 * {@link ClusterAdapter}s counted by the bus, as Redis counts subscribers), their messages queue on the bus until the
 * test delivers them, and no time passes until the test advances it.
 */
class ClusterAdapterTest {
    private static final Duration REQUESTS_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

    private final Clock clock = new Clock();
    private final Bus bus = new Bus();

    // ------------------------------------------------------------------ fixtures

    /** Virtual time: tasks run when the test advances the clock, in due order, on the test's thread. */
    static final class Clock implements ClusterAdapter.Timers {
        private record Task(long due, long seq, Runnable run, boolean[] cancelled) { }

        private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.due != b.due
                ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
        private long now;
        private long seq;

        @Override
        public synchronized ClusterAdapter.Timer schedule(Runnable task, long delayMillis) {
            boolean[] cancelled = {false};
            tasks.add(new Task(now + TimeUnit.MILLISECONDS.toNanos(delayMillis), seq++, task, cancelled));
            return () -> cancelled[0] = true;
        }

        @Override
        public synchronized long nanoTime() {
            return now;
        }

        void advance(Duration step, Bus bus) {
            long end = now + step.toNanos();
            while (true) {
                Task next;
                synchronized (this) {
                    next = tasks.peek();
                    if (next == null || next.due > end) {
                        now = end;
                        break;
                    }
                    tasks.poll();
                    now = Math.max(now, next.due);
                }
                if (!next.cancelled[0]) {
                    next.run.run();
                }
                bus.deliver();
            }
            bus.deliver();
        }

        synchronized long live() {
            return tasks.stream().filter(t -> !t.cancelled[0]).count();
        }
    }

    /** Messages between nodes, queued until {@link #deliver()}; a node may be cut off (it hears and says nothing). */
    static final class Bus {
        final List<Node> nodes = new ArrayList<>();
        final Queue<Runnable> queue = new ArrayDeque<>();
        final Set<String> deaf = new LinkedHashSet<>();
        final List<ClusterMessage> published = new ArrayList<>();

        void deliver() {
            Runnable next;
            while ((next = queue.poll()) != null) {
                next.run();
            }
        }
    }

    /** What a backend does: publish to the others and receive. Either heartbeat-counted or bus-counted. */
    interface Node {
        String uid();

        void receive(ClusterMessage message);

        void receive(ClusterResponse response);
    }

    static final class HeartbeatNode extends ClusterAdapterWithHeartbeat implements Node {
        private final Bus bus;

        HeartbeatNode(FakeHost host, Clock clock, Bus bus) {
            super(host, randomId(6), REQUESTS_TIMEOUT, clock, INTERVAL, HEARTBEAT_TIMEOUT);
            this.bus = bus;
            host.adapter = this;
            bus.nodes.add(this);
            startHeartbeat();
        }

        @Override
        protected CompletableFuture<?> doPublish(ClusterMessage message) {
            return publishOnBus(bus, this, message);
        }

        @Override
        protected CompletableFuture<?> doPublishResponse(String requesterUid, ClusterResponse response) {
            return respondOnBus(bus, requesterUid, response);
        }

        @Override
        protected JsonValue toJson(Object value) {
            return ClusterAdapterTest.toJson(value);
        }

        @Override
        public void receive(ClusterMessage message) {
            onMessage(message);
        }

        @Override
        public void receive(ClusterResponse response) {
            onResponse(response);
        }
    }

    /** Counted by the bus (every node on it), as the Redis adapter is counted by {@code PUBSUB NUMSUB}. */
    static class CountedNode extends ClusterAdapter implements Node {
        final Bus bus;

        CountedNode(FakeHost host, Clock clock, Bus bus) {
            this(host, clock, bus, false);
        }

        CountedNode(FakeHost host, Clock clock, Bus bus, boolean offsetsFromBackend) {
            super(host, randomId(6), REQUESTS_TIMEOUT, clock, offsetsFromBackend);
            this.bus = bus;
            host.adapter = this;
            bus.nodes.add(this);
        }

        @Override
        protected CompletableFuture<?> doPublish(ClusterMessage message) {
            return publishOnBus(bus, this, message);
        }

        @Override
        protected CompletableFuture<?> doPublishResponse(String requesterUid, ClusterResponse response) {
            return respondOnBus(bus, requesterUid, response);
        }

        @Override
        protected JsonValue toJson(Object value) {
            return ClusterAdapterTest.toJson(value);
        }

        @Override
        public CompletableFuture<Integer> serverCount() {
            return CompletableFuture.completedFuture(bus.nodes.size());
        }

        @Override
        public void receive(ClusterMessage message) {
            onMessage(message);
        }

        @Override
        public void receive(ClusterResponse response) {
            onResponse(response);
        }
    }

    /**
     * A backend with a log, as a stream: each published message gets the next offset of the bus's log, with which the
     * others receive it ({@code offsetsFromBackend}); publishing fails while {@code failing}.
     */
    static final class LoggedNode extends CountedNode {
        boolean failing;

        LoggedNode(FakeHost host, Clock clock, Bus bus) {
            super(host, clock, bus, true);
        }

        @Override
        protected CompletableFuture<?> doPublish(ClusterMessage message) {
            if (failing) {
                return CompletableFuture.failedFuture(new IllegalStateException("the log is down"));
            }
            String offset = "1-" + bus.published.size();
            bus.published.add(message);
            for (Node node : List.copyOf(bus.nodes)) {
                if (node != this) {
                    bus.queue.add(() -> ((LoggedNode) node).onMessage(message, offset));
                }
            }
            return CompletableFuture.completedFuture(offset);
        }
    }

    private static CompletableFuture<?> publishOnBus(Bus bus, Node from, ClusterMessage message) {
        bus.published.add(message);
        if (bus.deaf.contains(from.uid())) {
            return CompletableFuture.completedFuture(null);
        }
        for (Node node : List.copyOf(bus.nodes)) {
            if (node != from && !bus.deaf.contains(node.uid())) {
                bus.queue.add(() -> node.receive(message));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private static CompletableFuture<?> respondOnBus(Bus bus, String to, ClusterResponse response) {
        for (Node node : List.copyOf(bus.nodes)) {
            if (node.uid().equals(to) && !bus.deaf.contains(to)) {
                bus.queue.add(() -> node.receive(response));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private static JsonValue toJson(Object value) {
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof String s) {
            return Json.createValue(s);
        }
        if (value instanceof Integer i) {
            return Json.createValue(i);
        }
        if (value instanceof Map<?, ?> map) {
            var object = Json.createObjectBuilder();
            map.forEach((k, v) -> object.add(String.valueOf(k), toJson(v)));
            return object.build();
        }
        return value == null ? JsonValue.NULL : Json.createValue(value.toString());
    }

    /** A namespace with sockets that record what they are sent. */
    static final class FakeHost implements AdapterHost {
        ClusterAdapter adapter;
        final Map<String, FakeSocket> sockets = new LinkedHashMap<>();
        final List<String> serverSideEvents = new ArrayList<>();
        final List<String> requestsEnded = new ArrayList<>();
        Consumer<Ack> serverSideAnswer = ack -> { };
        long ackIds;
        Optional<io.socketee.socketio.adapter.ConnectionStateRecovery> recovery = Optional.empty();

        @Override
        public Optional<io.socketee.socketio.adapter.ConnectionStateRecovery> connectionStateRecovery() {
            return recovery;
        }

        FakeSocket connect(String id, String... rooms) {
            FakeSocket socket = new FakeSocket(this, id);
            sockets.put(id, socket);
            Set<String> joined = new LinkedHashSet<>(List.of(rooms));
            joined.add(id);
            adapter.addAll(id, joined);
            return socket;
        }

        @Override
        public String namespace() {
            return "/";
        }

        @Override
        public boolean deliver(String socketId, OutgoingPacket packet, boolean isVolatile,
                               Consumer<JsonArray> onAck) {
            FakeSocket socket = sockets.get(socketId);
            if (socket == null) {
                return false;
            }
            socket.received.add(packet);
            if (onAck != null) {
                socket.acks.add(onAck);
            }
            return true;
        }

        @Override
        public Optional<RemoteSocket> socket(String socketId) {
            return Optional.ofNullable(sockets.get(socketId));
        }

        @Override
        public long nextAckId() {
            return ackIds++;
        }

        @Override
        public void onServerSideEvent(JsonArray eventAndArgs, Ack ack) {
            serverSideEvents.add(eventAndArgs.toString());
            serverSideAnswer.accept(ack);
        }

        @Override
        public void clusterRequestEnded(String type, Duration elapsed, boolean complete) {
            requestsEnded.add(type + (complete ? " complete" : " incomplete"));
        }
    }

    static final class FakeSocket implements RemoteSocket {
        final FakeHost host;
        final String id;
        final List<OutgoingPacket> received = new ArrayList<>();
        final List<Consumer<JsonArray>> acks = new ArrayList<>();
        final Map<String, Object> data = new HashMap<>();
        boolean disconnected;

        FakeSocket(FakeHost host, String id) {
            this.host = host;
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Handshake handshake() {
            return new Handshake(Map.of("origin", List.of("https://example.com")), Map.of("EIO", "4"),
                    JsonValue.EMPTY_JSON_OBJECT, "10.0.0.1", Instant.ofEpochMilli(1_700_000_000_000L), false,
                    "/socket.io/?EIO=4", Optional.empty(), Optional.empty());
        }

        @Override
        public Set<String> rooms() {
            return host.adapter.socketRooms(id);
        }

        @Override
        public Map<String, Object> data() {
            return Collections.unmodifiableMap(data);
        }

        @Override
        public boolean emit(String event, Object... args) {
            var array = Json.createArrayBuilder().add(event);
            for (Object arg : args) {
                array.add(toJson(arg));
            }
            return host.deliver(id, OutgoingPacket.of(Packet.event("/", array.build())), false, null);
        }

        @Override
        public void join(String... rooms) {
            host.adapter.addAll(id, Set.of(rooms));
        }

        @Override
        public void leave(String room) {
            host.adapter.del(id, room);
        }

        @Override
        public void disconnect(boolean close) {
            disconnected = true;
            host.adapter.delAll(id);
        }

        /** The text of the packets received. */
        List<String> texts() {
            List<String> out = new ArrayList<>();
            for (OutgoingPacket packet : received) {
                out.add(String.valueOf(((io.socketee.engineio.protocol.Packet.Text) packet.messages(SocketIoParser.json()).get(0))
                        .data()));
            }
            return out;
        }
    }

    private HeartbeatNode heartbeatNode(FakeHost host) {
        HeartbeatNode node = new HeartbeatNode(host, clock, bus);
        bus.deliver();
        return node;
    }

    private static Packet.Event event(String name, String arg) {
        return Packet.event("/", Json.createArrayBuilder().add(name).add(arg).build());
    }

    private static BroadcastOptions to(String... rooms) {
        return new BroadcastOptions(Set.of(rooms), Set.of(), false, false, Optional.empty());
    }

    private <T> T done(CompletableFuture<T> future) throws Exception {
        bus.deliver();
        assertTrue(future.isDone(), "not done: " + future);
        return future.get();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void nodesCountEachOtherByHeartbeat() throws Exception {
        FakeHost a = new FakeHost();
        FakeHost b = new FakeHost();
        FakeHost c = new FakeHost();
        HeartbeatNode na = heartbeatNode(a);
        HeartbeatNode nb = heartbeatNode(b);
        HeartbeatNode nc = heartbeatNode(c);
        // the initial heartbeat of each node is answered at once by the others
        assertEquals(3, done(na.serverCount()));
        assertEquals(3, done(nb.serverCount()));
        assertEquals(3, done(nc.serverCount()));

        nc.close();
        bus.nodes.remove(nc);
        bus.deliver();
        assertEquals(2, done(na.serverCount()), "a closed node is gone at once");

        // a node that goes silent is gone after heartbeatTimeout, not before
        bus.deaf.add(nb.uid());
        bus.nodes.remove(nb);
        clock.advance(Duration.ofSeconds(9), bus);
        assertEquals(2, done(na.serverCount()));
        clock.advance(Duration.ofSeconds(7), bus);
        assertEquals(1, done(na.serverCount()));
        na.close();
        nb.close();
        assertEquals(0, clock.live(), "timers left after close");
    }

    @Test
    void broadcastReachesTheSelectedSocketsOfEveryNodeOnce() throws Exception {
        FakeHost a = new FakeHost();
        FakeHost b = new FakeHost();
        HeartbeatNode na = heartbeatNode(a);
        heartbeatNode(b);
        FakeSocket a1 = a.connect("a1", "red");
        FakeSocket b1 = b.connect("b1", "red");
        FakeSocket b2 = b.connect("b2", "blue");

        na.broadcast(event("hi", "all red"), to("red"));
        bus.deliver();

        assertEquals(List.of("2[\"hi\",\"all red\"]"), a1.texts());
        assertEquals(List.of("2[\"hi\",\"all red\"]"), b1.texts());
        assertTrue(b2.received.isEmpty(), "blue got it: " + b2.texts());
        long broadcasts = bus.published.stream().filter(m -> m instanceof ClusterMessage.Broadcast).count();
        assertEquals(1, broadcasts, "one message to the cluster per broadcast");
    }

    @Test
    void aBackendWithALogGivesEveryNodeItsOffset() throws Exception {
        FakeHost a = new FakeHost();
        FakeHost b = new FakeHost();
        a.recovery = Optional.of(io.socketee.socketio.adapter.ConnectionStateRecovery.defaults());
        b.recovery = a.recovery;
        LoggedNode na = new LoggedNode(a, clock, bus);
        new LoggedNode(b, clock, bus);
        FakeSocket a1 = a.connect("a1", "red");
        FakeSocket b1 = b.connect("b1", "red");

        na.broadcast(event("hi", "x"), to("red"));
        bus.deliver();
        assertEquals(List.of("2[\"hi\",\"x\",\"1-0\"]"), a1.texts(), "the local socket gets the log's offset");
        assertEquals(List.of("2[\"hi\",\"x\",\"1-0\"]"), b1.texts(), "the other node gets the same offset");

        na.broadcast(event("vol", "x"), new BroadcastOptions(Set.of("red"), Set.of(), true, false, Optional.empty()));
        na.failing = true;
        na.broadcast(event("down", "x"), to("red"));
        bus.deliver();
        assertEquals(List.of("2[\"vol\",\"x\"]", "2[\"down\",\"x\"]"), a1.texts().subList(1, 3),
                "volatile: no offset; the log down: delivered without one");
    }

    @Test
    void localBroadcastStaysOnThisNode() {
        FakeHost a = new FakeHost();
        FakeHost b = new FakeHost();
        HeartbeatNode na = heartbeatNode(a);
        heartbeatNode(b);
        b.connect("b1");
        a.connect("a1");
        int before = bus.published.size();
        na.broadcast(event("hi", "x"), new BroadcastOptions(Set.of(), Set.of(), false, true, Optional.empty()));
        bus.deliver();
        assertEquals(before, bus.published.size());
        assertTrue(b.sockets.get("b1").received.isEmpty());
        assertEquals(1, a.sockets.get("a1").received.size());
    }

    @Test
    void broadcastWithAckCollectsClientCountsAndAnswersFromEveryNode() {
        FakeHost a = new FakeHost();
        FakeHost b = new FakeHost();
        HeartbeatNode na = heartbeatNode(a);
        heartbeatNode(b);
        FakeSocket a1 = a.connect("a1");
        FakeSocket b1 = b.connect("b1");
        FakeSocket b2 = b.connect("b2");
        List<Integer> counts = new ArrayList<>();
        List<String> answers = new ArrayList<>();

        na.broadcastWithAck(event("q", "?"), to(), counts::add, answer -> answers.add(answer.toString()));
        bus.deliver();
        assertEquals(List.of(1, 2), counts, "this node's count, then the other's");
        // each node writes the packet with an ack id of its own
        assertEquals(List.of("20[\"q\",\"?\"]"), b1.texts());
        assertEquals(List.of("20[\"q\",\"?\"]"), b2.texts(), "one ack id per broadcast and node");
        a1.acks.get(0).accept(Json.createArrayBuilder().add("from a1").build());
        b1.acks.get(0).accept(Json.createArrayBuilder().add("from b1").build());
        b2.acks.get(0).accept(Json.createArrayBuilder().build());
        bus.deliver();
        assertEquals(List.of("\"from a1\"", "\"from b1\"", "null"), answers);

        // after the ack timeout, late answers are dropped and nothing is left behind
        clock.advance(ClusterAdapter.DEFAULT_ACK_TIMEOUT.plusSeconds(1), bus);
        b2.acks.get(0).accept(Json.createArrayBuilder().add("late").build());
        bus.deliver();
        assertEquals(3, answers.size());
    }

    @Test
    void fetchSocketsReturnsProxiesWhoseOperationsReachTheOtherNode() throws Exception {
        FakeHost a = new FakeHost();
        FakeHost b = new FakeHost();
        HeartbeatNode na = heartbeatNode(a);
        heartbeatNode(b);
        a.connect("a1", "red");
        FakeSocket b1 = b.connect("b1", "red");
        b1.data.put("name", "bee");
        b.connect("b2", "blue");

        List<RemoteSocket> sockets = done(na.fetchSockets(to("red")));
        assertEquals(List.of("a1", "b1"), sockets.stream().map(RemoteSocket::id).sorted().toList());
        RemoteSocket remote = sockets.stream().filter(s -> s.id().equals("b1")).findFirst().orElseThrow();
        assertEquals(Set.of("b1", "red"), remote.rooms());
        assertEquals(Map.of("name", Json.createValue("bee")), remote.data());
        assertEquals("10.0.0.1", remote.handshake().address());
        assertEquals(Optional.of("https://example.com"), remote.handshake().header("Origin"));
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), remote.handshake().time());

        remote.join("gold");
        bus.deliver();
        assertEquals(Set.of("b1", "red", "gold"), b.adapter.socketRooms("b1"));
        remote.emit("direct", "to b1");
        bus.deliver();
        assertEquals(List.of("2[\"direct\",\"to b1\"]"), b1.texts());
        assertTrue(b.sockets.get("b2").received.isEmpty());
        remote.leave("red");
        bus.deliver();
        assertEquals(Set.of("b1", "gold"), b.adapter.socketRooms("b1"));
        remote.disconnect(true);
        bus.deliver();
        assertTrue(b1.disconnected);
        assertTrue(a.requestsEnded.contains("remote_fetch complete"), a.requestsEnded.toString());
    }

    @Test
    void allRoomsIsTheUnionOfEveryNodesRooms() throws Exception {
        FakeHost a = new FakeHost();
        FakeHost b = new FakeHost();
        HeartbeatNode na = heartbeatNode(a);
        heartbeatNode(b);
        a.connect("a1", "red");
        b.connect("b1", "blue");
        assertEquals(Set.of("a1", "red", "b1", "blue"), done(na.allRooms()));
    }

    @Test
    void serverSideEmitWithAckGetsOneAnswerPerNode() throws Exception {
        FakeHost a = new FakeHost();
        FakeHost b = new FakeHost();
        FakeHost c = new FakeHost();
        HeartbeatNode na = heartbeatNode(a);
        heartbeatNode(b);
        heartbeatNode(c);
        b.serverSideAnswer = ack -> {
            ack.send("b says");
            ack.send("twice");
        };
        c.serverSideAnswer = ack -> ack.send();

        List<JsonValue> answers = done(na.serverSideEmit(List.of(Json.createValue("ping"), Json.createValue(1)),
                true));
        assertEquals(List.of("[\"ping\",1]"), b.serverSideEvents);
        assertEquals(Set.of(Json.createValue("b says"), JsonValue.NULL), Set.copyOf(answers));
        assertEquals(2, answers.size(), "one answer per node: " + answers);
        assertTrue(a.serverSideEvents.isEmpty(), "a node does not hear itself");

        done(na.serverSideEmit(List.of(Json.createValue("note")), false));
        assertEquals(List.of("[\"ping\",1]", "[\"note\"]"), c.serverSideEvents);
    }

    @Test
    void aRequestToASilentNodeTimesOutWithWhatCameAndTellsTheMetrics() throws Exception {
        FakeHost a = new FakeHost();
        FakeHost b = new FakeHost();
        CountedNode na = new CountedNode(a, clock, bus);
        CountedNode nb = new CountedNode(b, clock, bus);
        bus.deaf.add(nb.uid());

        CompletableFuture<List<RemoteSocket>> sockets = na.fetchSockets(to());
        CompletableFuture<List<JsonValue>> answers = na.serverSideEmit(List.of(Json.createValue("x")), true);
        bus.deliver();
        clock.advance(REQUESTS_TIMEOUT.minusMillis(1), bus);
        assertFalse(sockets.isDone(), "timed out early");
        clock.advance(Duration.ofMillis(1), bus);
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                sockets::get);
        assertInstanceOf(ClusterException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("0 of 1 other nodes answered"),
                failure.getCause().getMessage());
        failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, answers::get);
        assertInstanceOf(TimeoutException.class, failure.getCause());
        assertEquals(List.of("remote_fetch incomplete", "server_side_emit incomplete"), a.requestsEnded);
        assertEquals(0, clock.live(), "timers left behind");
    }

    @Test
    void aNodeThatClosesIsNoLongerWaitedFor() throws Exception {
        FakeHost a = new FakeHost();
        FakeHost b = new FakeHost();
        FakeHost c = new FakeHost();
        HeartbeatNode na = heartbeatNode(a);
        heartbeatNode(b);
        HeartbeatNode nc = heartbeatNode(c);
        b.connect("b1");
        bus.deaf.add(nc.uid()); // c hears nothing more, so it will not answer

        CompletableFuture<List<RemoteSocket>> sockets = na.fetchSockets(to());
        bus.deliver();
        assertFalse(sockets.isDone(), "answered without c");
        bus.deaf.remove(nc.uid());
        bus.nodes.remove(nc);
        nc.close();
        bus.deliver();
        assertTrue(sockets.isDone(), "still waiting for a closed node");
        assertEquals(List.of("b1"), sockets.get().stream().map(RemoteSocket::id).toList());
    }

    @Test
    void answersFromNodesNotAskedDoNotCount() throws Exception {
        FakeHost a = new FakeHost();
        FakeHost b = new FakeHost();
        HeartbeatNode na = heartbeatNode(a);
        heartbeatNode(b);
        CompletableFuture<Set<String>> rooms = na.allRooms();
        String requestId = ((ClusterMessage.AllRooms) bus.published.get(bus.published.size() - 1)).requestId();
        na.onResponse(new ClusterResponse.AllRooms("stranger", requestId, Set.of("forged")));
        assertFalse(rooms.isDone(), "a stranger's answer completed the request");
        bus.deliver();
        assertFalse(rooms.get().contains("forged"));
    }

    @Test
    void closeFailsPendingRequestsAndLeavesNoTimer() {
        FakeHost a = new FakeHost();
        FakeHost b = new FakeHost();
        HeartbeatNode na = heartbeatNode(a);
        HeartbeatNode nb = heartbeatNode(b);
        bus.deaf.add(nb.uid());
        CompletableFuture<Set<String>> rooms = na.allRooms();
        na.broadcastWithAck(event("q", "?"), to(), n -> { }, answer -> { });
        na.close();
        nb.close();
        assertTrue(rooms.isCompletedExceptionally());
        assertEquals(0, clock.live(), "timers left after close");
        assertTrue(bus.published.stream().anyMatch(m -> m instanceof ClusterMessage.AdapterClose
                && m.uid().equals(na.uid())), "the others were not told");
    }

    @Test
    void remoteSocketFormIsNodes() {
        FakeHost a = new FakeHost();
        HeartbeatNode na = heartbeatNode(a);
        FakeSocket a1 = a.connect("a1", "red");
        var json = na.socketJson(a1);
        assertEquals(Set.of("id", "handshake", "rooms", "data"), json.keySet());
        assertEquals(Set.of("headers", "time", "address", "xdomain", "secure", "issued", "url", "query", "auth"),
                json.getJsonObject("handshake").keySet());
        assertEquals(1_700_000_000_000L, json.getJsonObject("handshake").getJsonNumber("issued").longValue());
        assertEquals("Tue Nov 14 2023 22:13:20 GMT+0000 (Coordinated Universal Time)",
                ((JsonString) json.getJsonObject("handshake").get("time")).getString());
    }
}
