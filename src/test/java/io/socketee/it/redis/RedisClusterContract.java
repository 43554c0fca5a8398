package io.socketee.it.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socketee.it.ContainerHarness;
import io.socketee.socketio.Socket;
import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.core.UserRoom;
import io.socketee.socketio.redis.LettuceRedisDriver;
import io.socketee.socketio.redis.RedisAdapterException;
import io.socketee.socketio.redis.RedisEmitter;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Java nodes, each in its own embedded container, clustered through a real {@code redis-server} by the Redis
 * adapter, with real clients on both. Subclasses pick the container. The Redis restart runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class RedisClusterContract {
    private static final long QUIET_MILLIS = 400;

    protected abstract ContainerHarness harness();

    private RedisServer redis;
    private ClusterNode nodeA;
    private ClusterNode nodeB;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        assumeTrue(RedisServer.available(), "redis-server is not installed (Debian: apt-get install redis-server):"
                + " skipping the Redis cluster tests");
        redis = RedisServer.start();
        nodeA = new ClusterNode("A", redis.url(), harness());
        nodeB = new ClusterNode("B", redis.url(), harness());
        ClusterTests.await(() -> nodes() == 2, "both nodes subscribed");
    }

    @AfterAll
    void stop() throws Exception {
        ClusterTests.closeAll(nodeA, nodeB, redis);
    }

    @AfterEach
    void closeClients() throws Exception {
        ClusterTests.closeClients(clients,
                () -> nodeA.io().sockets().sockets().isEmpty() && nodeB.io().sockets().sockets().isEmpty());
    }

    private int nodes() {
        return ClusterTests.serverCount(nodeA.adapter());
    }

    private TestClient client(ClusterNode node, String name, String rooms) throws Exception {
        TestClient client = TestClient.connect(node.url(), name, rooms);
        clients.add(client);
        return client;
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(TestClient.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    @Order(1)
    void broadcastReachesClientsOfBothNodes() throws Exception {
        TestClient a = client(nodeA, "a", "");
        TestClient b = client(nodeB, "b", "");
        nodeA.io().emit("hello", 1, "two", Map.of("three", List.of(true)));
        for (TestClient c : List.of(a, b)) {
            Object[] args = c.next("hello");
            assertEquals(1, args[0]);
            assertEquals("two", args[1]);
            assertTrue(((JSONObject) args[2]).getJSONArray("three").getBoolean(0), c.name());
        }
        assertTrue(a.nothing("hello", QUIET_MILLIS), "a got the broadcast twice");
    }

    @Test
    @Order(2)
    void roomsAndExceptSelectAcrossNodes() throws Exception {
        TestClient a = client(nodeA, "a", "news");
        TestClient b1 = client(nodeB, "b1", "news,muted");
        TestClient b2 = client(nodeB, "b2", "");
        nodeA.io().to("news").except("muted").emit("headline", "one");
        assertEquals("one", a.next("headline")[0]);
        nodeA.io().to("news").emit("headline", "two");
        assertEquals("two", a.next("headline")[0]);
        assertEquals("two", b1.next("headline")[0], "b1 is in news");
        assertTrue(b1.nothing("headline", QUIET_MILLIS), "b1 got the broadcast that excepted muted");
        assertTrue(b2.nothing("headline", 0), "b2 is in no room");

        // a socket's own broadcast: everyone else, on both nodes
        Socket onB = nodeB.io().sockets().sockets().get(b1.socket().id());
        onB.broadcast().emit("from-b1", "x");
        assertEquals("x", a.next("from-b1")[0]);
        assertEquals("x", b2.next("from-b1")[0]);
        assertTrue(b1.nothing("from-b1", QUIET_MILLIS));
    }

    @Test
    @Order(3)
    void binaryArgumentsCrossTheBus() throws Exception {
        TestClient b = client(nodeB, "b", "");
        byte[] bytes = {1, 2, 3, (byte) 0xff};
        nodeA.io().emit("blob", Map.of("data", bytes), bytes);
        Object[] args = b.next("blob");
        assertArrayEquals(bytes, (byte[]) ((JSONObject) args[0]).get("data"));
        assertArrayEquals(bytes, (byte[]) args[1]);
    }

    @Test
    @Order(4)
    void localAndVolatileFlags() throws Exception {
        TestClient a = client(nodeA, "a", "");
        TestClient b = client(nodeB, "b", "");
        nodeA.io().sockets().local().emit("local-only", 1);
        assertEquals(1, a.next("local-only")[0]);
        assertTrue(b.nothing("local-only", QUIET_MILLIS), "a local broadcast left its node");
        nodeA.io().sockets().asVolatile().emit("vol", 2);
        assertEquals(2, a.next("vol")[0]);
        assertEquals(2, b.next("vol")[0]);
    }

    @Test
    @Order(5)
    void broadcastWithAcksCollectsAnswersFromEveryNode() throws Exception {
        client(nodeA, "a", "");
        client(nodeB, "b1", "");
        client(nodeB, "b2", "");
        long start = System.nanoTime();
        List<JsonValue> answers = nodeA.io().sockets().timeout(Duration.ofSeconds(4)).emitWithAck("ask", "q")
                .get(6, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(Set.of("answer-a", "answer-b1", "answer-b2"), strings(answers));
        assertTrue(millis < 3000, "completed after " + millis + " ms: it waited for the timeout");
    }

    @Test
    @Order(6)
    void fetchSocketsSeesBothNodesAndActsOnRemoteOnes() throws Exception {
        TestClient a = client(nodeA, "a", "red");
        TestClient b = client(nodeB, "b", "red,blue");
        List<RemoteSocket> all = get(nodeA.io().sockets().fetchSockets());
        assertEquals(Set.of(a.id(), b.id()), all.stream().map(RemoteSocket::id).collect(Collectors.toSet()));
        RemoteSocket remote = all.stream().filter(s -> s.id().equals(b.id())).findFirst().orElseThrow();
        assertEquals(Set.of(b.id(), "red", "blue"), remote.rooms());
        assertEquals("b", ((JsonString) remote.data().get("name")).getString());
        assertEquals("b", remote.handshake().query().get("name"));
        assertTrue(remote.handshake().headers().containsKey("host"), remote.handshake().headers().toString());

        List<RemoteSocket> blue = get(nodeA.io().sockets().in("blue").fetchSockets());
        assertEquals(List.of(b.id()), blue.stream().map(RemoteSocket::id).toList());

        remote.emit("direct", "hi");
        assertEquals("hi", b.next("direct")[0]);
        assertTrue(a.nothing("direct", 0));

        remote.join("green");
        ClusterTests.await(() -> nodeB.io().sockets().sockets().get(b.id()).rooms().contains("green"), "b joined green");
        remote.leave("red");
        ClusterTests.await(() -> !nodeB.io().sockets().sockets().get(b.id()).rooms().contains("red"), "b left red");

        remote.disconnect(false);
        b.disconnected.get(TestClient.WAIT_SECONDS, TimeUnit.SECONDS);
        ClusterTests.await(() -> nodeB.io().sockets().sockets().isEmpty(), "b gone from node B");
    }

    @Test
    @Order(7)
    void socketsJoinLeaveAndDisconnectReachEveryNode() throws Exception {
        TestClient a = client(nodeA, "a", "team");
        TestClient b = client(nodeB, "b", "team");
        TestClient other = client(nodeB, "other", "");
        nodeA.io().in("team").socketsJoin("project");
        ClusterTests.await(() -> nodeB.io().sockets().sockets().get(b.id()).rooms().contains("project"), "b joined project");
        assertTrue(nodeA.io().sockets().sockets().get(a.id()).rooms().contains("project"));
        assertTrue(!nodeB.io().sockets().sockets().get(other.id()).rooms().contains("project"));
        assertTrue(get(nodeB.io().sockets().adapter().allRooms()).containsAll(Set.of("team", "project")));

        nodeB.io().in("team").socketsLeave("project");
        ClusterTests.await(() -> !nodeA.io().sockets().sockets().get(a.id()).rooms().contains("project"), "a left project");

        nodeB.io().in("team").disconnectSockets(false);
        a.disconnected.get(TestClient.WAIT_SECONDS, TimeUnit.SECONDS);
        b.disconnected.get(TestClient.WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(!other.disconnected.isDone(), "other was not in team");
    }

    @Test
    @Order(8)
    void serverSideEmitWithAndWithoutAcks() throws Exception {
        nodeB.serverSideEvents.clear();
        nodeA.serverSideEvents.clear();
        List<JsonValue> answers = get(nodeA.io().sockets().serverSideEmitWithAck("ping", 7));
        assertEquals(List.of("pong-B"), new ArrayList<>(strings(answers)));
        assertEquals("ping [7]", nodeB.serverSideEvents.poll(5, TimeUnit.SECONDS));
        assertTrue(nodeA.serverSideEvents.isEmpty(), "a node got its own server-side event");

        nodeB.io().sockets().serverSideEmit("note", "n");
        assertEquals("note [\"n\"]", nodeA.serverSideEvents.poll(5, TimeUnit.SECONDS));
        assertEquals(2, get(nodeB.io().sockets().adapter().serverCount()));
    }

    @Test
    @Order(9)
    void emitterReachesClientsOfEveryNode() throws Exception {
        TestClient a = client(nodeA, "a", "vip");
        TestClient b = client(nodeB, "b", "vip");
        TestClient c = client(nodeB, "c", "");
        try (LettuceRedisDriver driver = LettuceRedisDriver.create(redis.url())) {
            RedisEmitter emitter = RedisEmitter.create(driver);
            emitter.to("vip").emit("offer", Map.of("pct", 10), new byte[] {4, 2}).get(5, TimeUnit.SECONDS);
            for (TestClient member : List.of(a, b)) {
                Object[] args = member.next("offer");
                assertEquals(10, ((JSONObject) args[0]).getInt("pct"));
                assertArrayEquals(new byte[] {4, 2}, (byte[]) args[1]);
            }
            assertTrue(c.nothing("offer", QUIET_MILLIS));
            emitter.emit("all", 1).get(5, TimeUnit.SECONDS);
            assertEquals(1, c.next("all")[0]);
            emitter.except("vip").emit("not-vip", 1).get(5, TimeUnit.SECONDS);
            assertEquals(1, c.next("not-vip")[0]);
            assertTrue(a.nothing("not-vip", QUIET_MILLIS) && b.nothing("not-vip", 0));
            emitter.in("vip").socketsJoin("gold").get(5, TimeUnit.SECONDS);
            ClusterTests.await(() -> nodeB.io().sockets().sockets().get(b.id()).rooms().contains("gold")
                    && nodeA.io().sockets().sockets().get(a.id()).rooms().contains("gold"), "vip joined gold");
            emitter.serverSideEmit("note", "from-emitter").get(5, TimeUnit.SECONDS);
            assertEquals("note [\"from-emitter\"]", nodeA.serverSideEvents.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    @Order(10)
    void toUserReachesTheUsersSocketsOnEveryNodeAndTheEmitterReachesItsRoom() throws Exception {
        TestClient laptop = TestClient.connectAs(nodeA.url(), "laptop", "alice");
        TestClient phone = TestClient.connectAs(nodeB.url(), "phone", "alice");
        TestClient bob = TestClient.connectAs(nodeB.url(), "bob", "bob");
        TestClient anonymous = client(nodeA, "anonymous", "");
        clients.addAll(List.of(laptop, phone, bob));
        ClusterTests.await(() -> nodeB.io().sockets().sockets().get(phone.id()) != null
                && nodeB.io().sockets().sockets().get(phone.id()).rooms().contains(UserRoom.of("alice")),
                "the phone in alice's room");
        nodeA.io().toUser("alice").emit("personal", "hi alice");
        assertEquals("hi alice", laptop.next("personal")[0]);
        assertEquals("hi alice", phone.next("personal")[0]);
        try (LettuceRedisDriver driver = LettuceRedisDriver.create(redis.url())) {
            RedisEmitter.create(driver).to(UserRoom.of("bob")).emit("personal", "hi bob").get(5, TimeUnit.SECONDS);
        }
        assertEquals("hi bob", bob.next("personal")[0]);
        assertTrue(laptop.nothing("personal", QUIET_MILLIS) && phone.nothing("personal", 0)
                && anonymous.nothing("personal", 0), "only the user's own sockets");
        assertTrue(bob.nothing("personal", 0), "bob got nothing of alice's");
    }

    @Test
    @Order(100)
    void survivesARedisRestart() throws Exception {
        TestClient a = client(nodeA, "a", "");
        TestClient b = client(nodeB, "b", "");
        redis.stop();

        // local delivery goes on
        nodeA.io().emit("during", 1);
        assertEquals(1, a.next("during")[0]);
        assertTrue(b.nothing("during", QUIET_MILLIS), "reached node B without Redis?");
        // cluster requests fail fast, with a clear error
        long start = System.nanoTime();
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> nodeA.io().sockets().fetchSockets().get(5, TimeUnit.SECONDS));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertInstanceOf(RedisAdapterException.class, failure.getCause(), failure.toString());
        assertTrue(failure.getCause().getMessage().contains("Redis is unreachable"), failure.getCause().getMessage());
        assertTrue(millis < 1000, "fetchSockets took " + millis + " ms to fail");

        redis.startAgain();
        // the nodes reconnect and subscribe again by themselves
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Object[] got = null;
        while (got == null && System.nanoTime() < end) {
            nodeA.io().emit("after", 2);
            got = b.poll("after", 300);
        }
        assertTrue(got != null, "node B never got node A's broadcast after Redis came back");
        ClusterTests.await(() -> nodes() == 2, "both nodes subscribed again");
        assertEquals(Set.of(a.id(), b.id()), get(nodeB.io().sockets().fetchSockets()).stream()
                .map(RemoteSocket::id).collect(Collectors.toSet()));
        assertEquals(List.of("pong-A"), new ArrayList<>(strings(get(nodeB.io().sockets().serverSideEmitWithAck("ping")))));
    }

    private static Set<String> strings(List<JsonValue> values) {
        return values.stream().map(v -> v instanceof JsonString s ? s.getString() : v.toString())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
