package io.socketee.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socketee.it.ContainerHarness;
import io.socketee.it.NodeClients;
import io.socketee.it.SocketIoProtocolApp;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.adapter.ConnectionStateRecovery;
import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.protocol.SocketIoParser;
import io.socketee.socketio.redis.LettuceRedisDriver;
import io.socketee.socketio.redis.RedisAdapterException;
import io.socketee.socketio.redis.streams.RedisStreamsAdapter;
import io.socketee.socketio.redis.streams.RedisStreamsAdapterConfig;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two Java nodes (the protocol app, connection state recovery on), each in its own embedded container, clustered
 * through one stream of a real {@code redis-server} by the Redis Streams adapter, with real clients: socket.io-client
 * for Java, and socket.io-client 4.8 from npm cut off from node A ({@code recovery-client.js}: TCP reset, no close)
 * that resumes on node B with the packets it missed. Redis is restarted under the cluster last. Subclasses pick the
 * container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class RedisStreamsClusterContract {
    private static final long QUIET_MILLIS = 400;
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(40);

    protected abstract ContainerHarness harness();

    private RedisServer redis;
    private Node nodeA;
    private Node nodeB;
    private final List<TestClient> clients = new ArrayList<>();
    private final AtomicInteger tags = new AtomicInteger();

    /** One node: its Redis driver, the protocol app on the Streams adapter, its container. */
    static final class Node implements AutoCloseable {
        final LettuceRedisDriver driver;
        final SocketIoProtocolApp app;
        final ContainerHarness container;
        final int port;

        Node(String redisUrl, ContainerHarness container) throws Exception {
            driver = LettuceRedisDriver.create(redisUrl, Duration.ofMillis(500), Duration.ofSeconds(5));
            app = new SocketIoProtocolApp(RedisStreamsAdapter.factory(driver, RedisStreamsAdapterConfig.builder()
                    .requestsTimeout(Duration.ofSeconds(3)).blockTime(Duration.ofSeconds(1)).build()),
                    // a heartbeat of 1 s + 1 s: a polling client's loss is noticed within the recovery client's 5 s,
                    // and a cold JVM's first clients are not dropped for a late pong (300 + 200 ms did, on Tomcat)
                    SocketIoParser.json(), Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Optional.of(ConnectionStateRecovery.builder().maxDisconnectionDuration(Duration.ofSeconds(10))
                            .build()), false);
            ((RedisStreamsAdapter) app.io().sockets().adapter()).subscribed().get(10, TimeUnit.SECONDS);
            this.container = container;
            port = container.start(app);
        }

        SocketIoServer io() {
            return app.io();
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public void close() throws Exception {
            try {
                container.close();
            } finally {
                app.close();
                driver.close();
            }
        }
    }

    @BeforeAll
    void start() throws Exception {
        assumeTrue(RedisServer.available(), "redis-server is not installed (Debian: apt-get install redis-server):"
                + " skipping the Redis Streams cluster tests");
        redis = RedisServer.start();
        nodeA = new Node(redis.url(), harness());
        nodeB = new Node(redis.url(), harness());
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
        return ClusterTests.serverCount(nodeA.io().sockets().adapter());
    }

    private TestClient client(Node node, String name, String... rooms) throws Exception {
        TestClient client = TestClient.connect(node.url(), name, "");
        clients.add(client);
        return client.join(rooms);
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(TestClient.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    @Order(1)
    void aBroadcastReachesBothNodesWithTheSameStreamIdAsOffset() throws Exception {
        TestClient a = client(nodeA, "a", "news");
        TestClient b = client(nodeB, "b", "news");
        TestClient other = client(nodeB, "other", "sports");
        assertEquals("ok", a.ask("emit-to", "news", 1)[0]);
        Object[] onA = a.next("msg");
        Object[] onB = b.next("msg");
        assertEquals(1, onA[0]);
        assertEquals(1, onB[0]);
        assertTrue(String.valueOf(onB[1]).matches("[0-9]+-[0-9]+"), "offset " + onB[1]);
        assertEquals(onA[1], onB[1], "the entry id is the offset on every node");
        assertTrue(other.nothing("msg", QUIET_MILLIS), "other is not in news");

        assertEquals("ok", b.ask("emit-to", "news", 2)[0]);
        assertEquals(2, a.next("msg")[0]);
        assertEquals(2, b.next("msg")[0]);
    }

    @Test
    @Order(2)
    void fetchSocketsSocketsJoinAndServerCountSpanTheCluster() throws Exception {
        TestClient a = client(nodeA, "a", "red");
        TestClient b = client(nodeB, "b", "red", "blue");
        assertEquals(2, get(nodeB.io().sockets().adapter().serverCount()));
        List<RemoteSocket> all = get(nodeA.io().sockets().fetchSockets());
        assertEquals(Set.of(a.id(), b.id()), all.stream().map(RemoteSocket::id).collect(Collectors.toSet()));
        RemoteSocket remote = all.stream().filter(s -> s.id().equals(b.id())).findFirst().orElseThrow();
        assertEquals(Set.of(b.id(), "red", "blue"), remote.rooms());
        assertEquals(List.of(b.id()), get(nodeA.io().in("blue").fetchSockets()).stream().map(RemoteSocket::id)
                .toList());

        nodeA.io().in("red").socketsJoin("project");
        ClusterTests.await(() -> nodeB.io().sockets().sockets().get(b.id()).rooms().contains("project"), "b joined project");
        nodeB.io().in("red").socketsLeave("project");
        ClusterTests.await(() -> !nodeA.io().sockets().sockets().get(a.id()).rooms().contains("project"), "a left project");
        nodeA.io().in("blue").disconnectSockets(false);
        b.disconnected.get(TestClient.WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(!a.disconnected.isDone(), "a was not in blue");
    }

    @Test
    @Order(3)
    void serverSideEmitAndBroadcastWithAcksCollectAnswersFromTheOtherNode() throws Exception {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        nodeB.io().sockets().onServerSideEmit("ping", (args, ack) -> {
            heard.add(args.toString());
            ack.send("pong-B");
        });
        List<JsonValue> answers = get(nodeA.io().sockets().serverSideEmitWithAck("ping", 7));
        assertEquals(List.of("pong-B"), answers.stream().map(v -> ((JsonString) v).getString()).toList());
        assertEquals(List.of("[7]"), heard);

        client(nodeA, "a");
        client(nodeB, "b");
        List<JsonValue> acks = nodeA.io().sockets().timeout(Duration.ofSeconds(4)).emitWithAck("ask", "q")
                .get(6, TimeUnit.SECONDS);
        assertEquals(Set.of("answer-a", "answer-b"), acks.stream().map(v -> ((JsonString) v).getString())
                .collect(Collectors.toSet()));
    }

    @Test
    @Order(4)
    void allRoomsIsNotInTheStreamsWire() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> nodeA.io().sockets().adapter().allRooms().get(5, TimeUnit.SECONDS));
        assertInstanceOf(UnsupportedOperationException.class, e.getCause());
    }

    @ParameterizedTest(name = "socket.io-client 4.x cut off from node A resumes on node B, {0}")
    @ValueSource(strings = {"polling", "websocket", "upgrade"})
    @Order(5)
    void aClientCutOffFromOneNodeResumesOnTheOtherWithTheMissedPackets(String mode) {
        recoverAcrossNodes(mode, nodeA, nodeB);
    }

    private void recoverAcrossNodes(String mode, Node from, Node to) {
        assumeTrue(NodeClients.available(), "npm clients not installed (run: npm ci in src/test/node)");
        NodeClients.Result result = recoveryClient(mode, from.url(), to.url(), tags);
        assertTrue(result.ok() && result.output().contains("OK recovered"), () -> "recovery across nodes over " + mode
                + " on " + from.container.name() + ": " + result.output());
        assertTrue(result.output().contains("on the other node"), result.output());
    }

    /** Runs {@code recovery-client.js} from {@code url} to {@code resumeUrl}; again if a cold JVM lost the first. */
    static NodeClients.Result recoveryClient(String mode, String url, String resumeUrl, AtomicInteger tags) {
        String transports = switch (mode) {
            case "polling" -> "[\"polling\"]";
            case "websocket" -> "[\"websocket\"]";
            default -> "[\"polling\",\"websocket\"]";
        };
        String argument = "{\"url\":\"" + url + "\",\"resumeUrl\":\"" + resumeUrl + "\",\"transports\":" + transports
                + ",\"upgrade\":" + mode.equals("upgrade")
                + ",\"expectTransport\":\"" + (mode.equals("polling") ? "polling" : "websocket") + "\""
                + ",\"tag\":\"streams-" + mode + "-" + tags.incrementAndGet() + "\",\"downMs\":300"
                + ",\"timeoutMs\":30000}";
        NodeClients.Result first = NodeClients.run("recovery-client.js", argument, NODE_TIMEOUT);
        // The app's heartbeat (300 + 200 ms) may close a first connection to a cold JVM before the network is cut
        return first.output().contains("FAIL connect through the proxy")
                ? NodeClients.run("recovery-client.js", argument, NODE_TIMEOUT) : first;
    }

    @Test
    @Order(100)
    void survivesARedisRestart() throws Exception {
        TestClient a = client(nodeA, "a", "news");
        TestClient b = client(nodeB, "b", "news");
        redis.stop();

        // local delivery goes on
        assertEquals("ok", a.ask("emit-to", "news", "during")[0]);
        assertEquals("during", a.next("msg")[0]);
        assertTrue(b.nothing("msg", QUIET_MILLIS), "reached node B without Redis?");
        // cluster requests fail fast, with a clear error
        long start = System.nanoTime();
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> nodeA.io().sockets().fetchSockets().get(5, TimeUnit.SECONDS));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertInstanceOf(RedisAdapterException.class, failure.getCause(), failure.toString());
        assertTrue(millis < 1000, "fetchSockets took " + millis + " ms to fail");

        redis.startAgain();
        // the nodes reconnect, subscribe again and read the (new) stream from where they were
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Object[] got = null;
        while (got == null && System.nanoTime() < end) {
            a.ask("emit-to", "news", "after");
            got = b.poll("msg", 300);
        }
        assertTrue(got != null, "node B never got node A's broadcast after Redis came back");
        ClusterTests.await(() -> nodes() == 2, "both nodes subscribed again");
        assertEquals(Set.of(a.id(), b.id()), get(nodeB.io().sockets().fetchSockets()).stream()
                .map(RemoteSocket::id).collect(Collectors.toSet()));
        // and a session kept by B after the restart resumes on A
        recoverAcrossNodes("websocket", nodeB, nodeA);
    }
}
