package io.socketee.socketio.redis.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socketee.it.redis.RedisServer;
import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.AdapterHost;
import io.socketee.socketio.adapter.BroadcastOptions;
import io.socketee.socketio.adapter.ConnectionStateRecovery;
import io.socketee.socketio.adapter.OutgoingPacket;
import io.socketee.socketio.adapter.RestoredSession;
import io.socketee.socketio.adapter.SessionToPersist;
import io.socketee.socketio.core.Ack;
import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.protocol.Binary;
import io.socketee.socketio.protocol.Packet;
import io.socketee.socketio.redis.LettuceRedisDriver;
import io.socketee.socketio.redis.RedisDriver;
import io.socketee.socketio.redis.RedisDriver.StreamEntry;
import io.socketee.socketio.redis.internal.MsgPack;
import io.socketee.socketio.redis.internal.WireJson;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Redis Streams adapter's wire against a real {@code redis-server}, byte for byte: the stream entries it appends
 * and the pub/sub messages it publishes for each operation, the session it keeps, and what it makes of entries and
 * sessions written as {@code @socket.io/redis-streams-adapter} 0.3.1 writes them. The base64 strings marked "Node"
 * were made by Node's {@code @msgpack/msgpack} 2.8 (the adapter's dependency) from the same values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisStreamsAdapterWireTest {
    private static final String STREAM = "socket.io";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private RedisServer redis;
    private LettuceRedisDriver driver;
    private LettuceRedisDriver probe;
    private final Host host = new Host();
    private Adapter adapter;
    private String uid;
    private final LinkedBlockingQueue<String> published = new LinkedBlockingQueue<>();
    private RedisDriver.Subscription listening;

    @BeforeAll
    void startRedis() throws Exception {
        assumeTrue(RedisServer.available(), "redis-server is not installed: skipping the Redis Streams wire test");
        redis = RedisServer.start();
        driver = LettuceRedisDriver.create(redis.url());
        probe = LettuceRedisDriver.create(redis.url());
    }

    @AfterAll
    void stopRedis() {
        for (AutoCloseable c : new AutoCloseable[] {probe, driver, redis}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing anyway
            }
        }
    }

    @BeforeEach
    void createAdapter() throws Exception {
        host.delivered.clear();
        host.restoring.clear();
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        listening = probe.psubscribe("socket.io#*", (channel, message) -> published.add(channel + " "
                + new String(WireJson.encode(decode(message)), StandardCharsets.UTF_8)), subscribed);
        subscribed.get(5, TimeUnit.SECONDS);
        adapter = RedisStreamsAdapter.factory(driver, RedisStreamsAdapterConfig.builder()
                .blockTime(Duration.ofMillis(500)).build()).create(host);
        RedisStreamsAdapter streams = (RedisStreamsAdapter) adapter;
        streams.subscribed().get(5, TimeUnit.SECONDS);
        uid = streams.uid();
    }

    @AfterEach
    void closeAdapter() {
        adapter.close();
        listening.close();
        published.clear();
    }

    private static jakarta.json.JsonValue decode(byte[] message) {
        try {
            return MsgPack.decode(message, 64);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The namespace "/" with recovery on; records what it is asked to write. */
    static final class Host implements AdapterHost {
        final LinkedBlockingQueue<String> delivered = new LinkedBlockingQueue<>();
        final List<String> restoring = new CopyOnWriteArrayList<>();
        volatile int maxPackets = 10_000;

        @Override
        public String namespace() {
            return "/";
        }

        @Override
        public boolean deliver(String socketId, OutgoingPacket packet, boolean isVolatile, Consumer<JsonArray> onAck) {
            delivered.add(socketId + " " + ((Packet.Event) packet.packet()).data());
            return true;
        }

        @Override
        public Optional<RemoteSocket> socket(String socketId) {
            return Optional.empty();
        }

        @Override
        public long nextAckId() {
            return 1;
        }

        @Override
        public void onServerSideEvent(JsonArray eventAndArgs, Ack ack) {
        }

        @Override
        public void restoring(String pid, String sid) {
            restoring.add(pid + " " + sid);
        }

        @Override
        public Optional<ConnectionStateRecovery> connectionStateRecovery() {
            return Optional.of(ConnectionStateRecovery.builder().maxDisconnectionDuration(Duration.ofSeconds(30))
                    .maxPackets(maxPackets).build());
        }
    }

    private List<StreamEntry> newestEntries(int n) throws Exception {
        String last = probe.lastStreamId(STREAM).get(5, TimeUnit.SECONDS).orElseThrow();
        List<StreamEntry> all = probe.xrange(STREAM, "0-0", last, 100_000).get(5, TimeUnit.SECONDS);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    private String render(StreamEntry entry) {
        StringBuilder out = new StringBuilder();
        entry.fields().forEach((k, v) -> out.append(out.length() == 0 ? "" : " ").append(k).append('=')
                .append(v.replace(uid, "<uid>")));
        return out.toString();
    }

    private static BroadcastOptions to(Set<String> rooms, Set<String> except) {
        return new BroadcastOptions(rooms, except, false, false, Optional.empty());
    }

    private String nextDelivered() throws InterruptedException {
        String got = host.delivered.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(got != null, "nothing delivered");
        return got;
    }

    @Test
    void aBroadcastIsAStreamEntryAndReachesLocalSocketsWithItsIdAsOffset() throws Exception {
        adapter.addAll("s1", Set.of("s1", "news"));
        adapter.broadcast(Packet.event("/", Json.createArrayBuilder().add("hello").add(1)
                .add(Json.createObjectBuilder().add("a", Json.createArrayBuilder().add(true))).build()),
                to(Set.of("news"), Set.of("muted")));
        String delivered = nextDelivered();
        StreamEntry entry = newestEntries(1).get(0);
        assertEquals("uid=<uid> nsp=/ type=3 data={\"packet\":{\"type\":2,\"data\":[\"hello\",1,{\"a\":[true]}]},"
                + "\"opts\":{\"rooms\":[\"news\"],\"except\":[\"muted\"],\"flags\":{}}}", render(entry));
        assertEquals("s1 [\"hello\",1,{\"a\":[true]},\"" + entry.id() + "\"]", delivered);
    }

    @Test
    void aBinaryBroadcastsDataIsTheBase64OfItsMsgpack() throws Exception {
        adapter.addAll("s1", Set.of("s1"));
        adapter.broadcast(Packet.event("/", Json.createArrayBuilder().add("blob").add(Json.createObjectBuilder()
                .add("data", Binary.of(new byte[] {1, 2, 3, (byte) 0xff}))).build()), BroadcastOptions.all());
        nextDelivered();
        // Node: encode({packet: {type: 2, data: ["blob", {data: Buffer.from([1, 2, 3, 255])}]},
        //               opts: {rooms: [], except: [], flags: {}}})
        assertEquals("uid=<uid> nsp=/ type=3 data=gqZwYWNrZXSCpHR5cGUCpGRhdGGSpGJsb2KBpGRhdGHEBAECA/+kb3B0c4Olcm9v"
                + "bXOQpmV4Y2VwdJClZmxhZ3OA", render(newestEntries(1).get(0)));
    }

    @Test
    void volatileAndLocalBroadcastsCarryNoOffset() throws Exception {
        adapter.addAll("s1", Set.of("s1"));
        adapter.broadcast(Packet.event("/", Json.createArrayBuilder().add("v").build()),
                new BroadcastOptions(Set.of(), Set.of(), true, false, Optional.empty()));
        assertEquals("s1 [\"v\"]", nextDelivered());
        adapter.broadcast(Packet.event("/", Json.createArrayBuilder().add("l").build()),
                new BroadcastOptions(Set.of(), Set.of(), false, true, Optional.empty()));
        assertEquals("s1 [\"l\"]", nextDelivered());
        String expected = "uid=<uid> nsp=/ type=3 data={\"packet\":{\"type\":2,\"data\":[\"v\"]},"
                + "\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{\"volatile\":true}}}";
        // The volatile broadcast's XADD is asynchronous: until it lands, the newest entry is an earlier test's.
        String newest = render(newestEntries(1).get(0));
        for (int i = 0; i < 50 && !newest.equals(expected); i++) {
            Thread.sleep(100);
            newest = render(newestEntries(1).get(0));
        }
        assertEquals(expected, newest);
    }

    @Test
    void socketsJoinLeaveAndDisconnectAreStreamEntries() throws Exception {
        adapter.addSockets(to(Set.of("team"), Set.of()), Set.of("project"));
        adapter.delSockets(to(Set.of("team"), Set.of("boss")), Set.of("project"));
        adapter.disconnectSockets(to(Set.of("team"), Set.of()), true);
        Thread.sleep(200);
        List<String> entries = newestEntries(3).stream().map(this::render).toList();
        assertEquals(List.of(
                "uid=<uid> nsp=/ type=4 data={\"opts\":{\"rooms\":[\"team\"],\"except\":[],\"flags\":{}},"
                        + "\"rooms\":[\"project\"]}",
                "uid=<uid> nsp=/ type=5 data={\"opts\":{\"rooms\":[\"team\"],\"except\":[\"boss\"],\"flags\":{}},"
                        + "\"rooms\":[\"project\"]}",
                "uid=<uid> nsp=/ type=6 data={\"opts\":{\"rooms\":[\"team\"],\"except\":[],\"flags\":{}},"
                        + "\"close\":true}"), entries);
    }

    @Test
    void requestsGoOnTheNamespaceChannelAsMsgpackOfTheWholeMessage() throws Exception {
        adapter.serverSideEmit(List.of(Json.createValue("note"), Json.createValue(7)), false).get(5, TimeUnit.SECONDS);
        assertEquals("socket.io#/# {\"type\":9,\"data\":{\"packet\":[\"note\",7]},\"uid\":\"<uid>\",\"nsp\":\"/\"}",
                published.poll(5, TimeUnit.SECONDS).replace(uid, "<uid>"));
        // two nodes subscribed (this one and the probe's pattern does not count): fetchSockets asks, then times out
        CompletableFuture<Void> other = new CompletableFuture<>();
        try (RedisDriver.Subscription fake = probe.subscribe("socket.io#/#", (c, m) -> { }, other)) {
            other.get(5, TimeUnit.SECONDS);
            adapter.fetchSockets(to(Set.of("r"), Set.of()));
            String request = published.poll(5, TimeUnit.SECONDS).replace(uid, "<uid>")
                    .replaceAll("\"requestId\":\"[A-Za-z0-9]{6}\"", "\"requestId\":\"<id>\"");
            assertEquals("socket.io#/# {\"type\":7,\"data\":{\"opts\":{\"rooms\":[\"r\"],\"except\":[],\"flags\":{}},"
                    + "\"requestId\":\"<id>\"},\"uid\":\"<uid>\",\"nsp\":\"/\"}", request);
            assertEquals(2, adapter.serverCount().get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aRequestOfAnotherNodeIsAnsweredOnItsOwnChannel() throws Exception {
        // Node: encode({type: 9, data: {requestId: "REQ001", packet: ["ping", 1]}, uid: "node-1", nsp: "/"})
        byte[] request = MsgPack.encode(Json.createObjectBuilder().add("type", 9)
                .add("data", Json.createObjectBuilder().add("requestId", "REQ001")
                        .add("packet", Json.createArrayBuilder().add("ping").add(1)))
                .add("uid", "node-1").add("nsp", "/").build());
        probe.publish("socket.io#/#", request).get(5, TimeUnit.SECONDS);
        published.poll(5, TimeUnit.SECONDS);   // the request itself, seen by the probe
        // the host's server-side listener does not answer: nothing; a socket-less fetchSockets answers at once
        byte[] fetch = MsgPack.encode(Json.createObjectBuilder().add("type", 7)
                .add("data", Json.createObjectBuilder().add("opts", Json.createObjectBuilder()
                        .add("rooms", Json.createArrayBuilder()).add("except", Json.createArrayBuilder())
                        .add("flags", Json.createObjectBuilder())).add("requestId", "REQ002"))
                .add("uid", "node-1").add("nsp", "/").build());
        probe.publish("socket.io#/#", fetch).get(5, TimeUnit.SECONDS);
        published.poll(5, TimeUnit.SECONDS);
        assertEquals("socket.io#/#node-1# {\"type\":8,\"data\":{\"requestId\":\"REQ002\",\"sockets\":[]},"
                + "\"uid\":\"<uid>\",\"nsp\":\"/\"}", published.poll(5, TimeUnit.SECONDS).replace(uid, "<uid>"));
    }

    @Test
    void aSessionIsKeptAsNodeKeepsIt() throws Exception {
        adapter.persistSession(new SessionToPersist("sid-1", "pid-1", Set.of("sid-1"), Map.of("name", "ann")));
        long end = System.nanoTime() + WAIT.toNanos();
        Optional<byte[]> kept = Optional.empty();
        while (kept.isEmpty() && System.nanoTime() < end) {
            kept = probe.getdel("sio:session:pid-1").get(5, TimeUnit.SECONDS);
        }
        // Node: encode({sid: "sid-1", pid: "pid-1", rooms: ["sid-1"], data: {name: "ann"}})
        assertEquals("hKNzaWSlc2lkLTGjcGlkpXBpZC0xpXJvb21zkaVzaWQtMaRkYXRhgaRuYW1lo2Fubg==",
                new String(kept.orElseThrow(), StandardCharsets.US_ASCII));
    }

    @Test
    void anEntryOfAnotherNodeReachesLocalSocketsWithItsIdAsOffset() throws Exception {
        adapter.addAll("s1", Set.of("s1", "news"));
        String id = probe.xadd(STREAM, 10_000, Map.of("uid", "node-1", "nsp", "/", "type", "3", "data",
                "{\"packet\":{\"type\":2,\"data\":[\"from-node\",{\"x\":1}]},\"opts\":{\"rooms\":[\"news\"],"
                        + "\"except\":[],\"flags\":{}}}")).get(5, TimeUnit.SECONDS);
        assertEquals("s1 [\"from-node\",{\"x\":1},\"" + id + "\"]", nextDelivered());
        probe.xadd(STREAM, 10_000, Map.of("uid", "node-1", "nsp", "/other", "type", "3", "data",
                "{\"packet\":{\"type\":2,\"data\":[\"elsewhere\"]},\"opts\":{\"rooms\":[],\"except\":[],"
                        + "\"flags\":{}}}"))
                .get(5, TimeUnit.SECONDS);
        assertEquals(null, host.delivered.poll(300, TimeUnit.MILLISECONDS), "an entry of another namespace");
    }

    @Test
    void aNodeSessionIsRestoredWithTheBroadcastsItsRoomsMissed() throws Exception {
        String before = xadd("node-1", "/", "[\"before\"]", "[]", "[]");
        String offset = xadd("node-1", "/", "[\"seen\"]", "[]", "[]");
        // Node: encode({sid: "sid-1", pid: "pid-1", rooms: ["sid-1", "room-1"], data: {name: "ann", n: 1}})
        probe.setPx("sio:session:pid-1", ("hKNzaWSlc2lkLTGjcGlkpXBpZC0xpXJvb21zkqVzaWQtMaZyb29tLTGkZGF0YYKkbmFtZaNh"
                + "bm6hbgE=").getBytes(StandardCharsets.US_ASCII), 30_000).get(5, TimeUnit.SECONDS);
        String toRoom = xadd("node-1", "/", "[\"to-room\",1]", "[\"room-1\"]", "[]");
        xadd("node-1", "/", "[\"other-room\"]", "[\"room-2\"]", "[]");
        xadd("node-1", "/", "[\"excepted\"]", "[]", "[\"room-1\"]");
        String toAll = xadd("node-2", "/", "[\"to-all\"]", "[]", "[]");
        xadd("node-1", "/other", "[\"other-namespace\"]", "[]", "[]");
        probe.xadd(STREAM, 10_000, Map.of("uid", "node-1", "nsp", "/", "type", "4", "data",
                "{\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{}},\"rooms\":[\"x\"]}")).get(5, TimeUnit.SECONDS);
        Thread.sleep(300);   // read by the tail (the replay stops at what was read)
        assertTrue(!before.equals(offset));

        RestoredSession restored = adapter.restoreSession("pid-1", offset).get(5, TimeUnit.SECONDS).orElseThrow();
        assertEquals("sid-1", restored.session().sid());
        assertEquals("pid-1", restored.session().pid());
        assertEquals(Set.of("sid-1", "room-1"), restored.session().rooms());
        assertEquals("{n=1, name=\"ann\"}", new java.util.TreeMap<>(restored.session().data()).toString());
        assertEquals(List.of("[\"to-room\",1,\"" + toRoom + "\"]", "[\"to-all\",\"" + toAll + "\"]"),
                restored.missedPackets().stream().map(p -> ((Packet.Event) p.packet()).data().toString()).toList());
        assertEquals(List.of("pid-1 sid-1"), host.restoring);
        assertEquals(Set.of("sid-1", "room-1"), adapter.socketRooms("sid-1"));
        assertEquals(Optional.empty(), probe.getdel("sio:session:pid-1").get(5, TimeUnit.SECONDS), "GETDEL took it");
        assertEquals(Optional.empty(), adapter.restoreSession("pid-1", offset).get(5, TimeUnit.SECONDS),
                "restored twice");
        assertEquals(Optional.empty(), adapter.restoreSession("pid-1", "not-an-offset").get(5, TimeUnit.SECONDS));
    }

    @Test
    void aSessionThatMissedMoreThanRecoveryKeepsIsNotRestoredAndLeavesNoRooms() throws Exception {
        String offset = xadd("node-1", "/", "[\"seen\"]", "[]", "[]");
        xadd("node-1", "/", "[\"one\"]", "[]", "[]");
        xadd("node-1", "/", "[\"two\"]", "[]", "[]");
        Thread.sleep(300);
        host.maxPackets = 1;
        try {
            // Node: encode({sid: "sid-1", pid: "pid-1", rooms: ["sid-1"], data: {name: "ann"}})
            probe.setPx("sio:session:pid-3", "hKNzaWSlc2lkLTGjcGlkpXBpZC0xpXJvb21zkaVzaWQtMaRkYXRhgaRuYW1lo2Fubg=="
                    .getBytes(StandardCharsets.US_ASCII), 30_000).get(5, TimeUnit.SECONDS);
            assertEquals(Optional.empty(), adapter.restoreSession("pid-3", offset).get(5, TimeUnit.SECONDS));
            assertEquals(Set.of(), adapter.socketRooms("sid-1"), "the rooms joined for it are left again");
        } finally {
            host.maxPackets = 10_000;
        }
    }

    @Test
    void aSessionWhoseOffsetWasTrimmedIsNotRestored() throws Exception {
        probe.setPx("sio:session:pid-2", "hKNzaWSlc2lkLTGjcGlkpXBpZC0xpXJvb21zkaVzaWQtMaRkYXRhgaRuYW1lo2Fubg=="
                .getBytes(StandardCharsets.US_ASCII), 30_000).get(5, TimeUnit.SECONDS);
        assertEquals(Optional.empty(), adapter.restoreSession("pid-2", "1-1").get(5, TimeUnit.SECONDS));
        assertEquals(Set.of(), adapter.socketRooms("sid-1"));
    }

    private String xadd(String node, String nsp, String data, String rooms, String except) throws Exception {
        return probe.xadd(STREAM, 10_000, Map.of("uid", node, "nsp", nsp, "type", "3", "data",
                "{\"packet\":{\"type\":2,\"data\":" + data + "},\"opts\":{\"rooms\":" + rooms + ",\"except\":" + except
                        + ",\"flags\":{}}}")).get(5, TimeUnit.SECONDS);
    }
}
