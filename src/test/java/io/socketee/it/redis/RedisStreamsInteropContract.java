package io.socketee.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socketee.it.ContainerHarness;
import io.socketee.it.NodeClients;
import io.socketee.socketio.core.RemoteSocket;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Node.js socket.io 4.8 server with {@code @socket.io/redis-streams-adapter} 0.3.1
 * ({@code redis-streams-node-server.js}) and a Java node on the Redis Streams adapter in one cluster, through one
 * stream of a real {@code redis-server}, connection state recovery on in both: broadcasts both ways with the same
 * offset on both sides, requests both ways, and socket.io-client 4.8 from npm cut off from one resuming on the other
 * with the packets it missed (Java persists and Node restores; Node persists and Java restores). Subclasses pick the
 * Java node's container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RedisStreamsInteropContract {
    protected abstract ContainerHarness harness();

    private RedisServer redis;
    private RedisStreamsClusterContract.Node java;
    private NodeServer node;
    private TestClient control;
    private final List<TestClient> clients = new ArrayList<>();
    private final AtomicInteger tags = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        assumeTrue(RedisServer.available(), "redis-server is not installed (Debian: apt-get install redis-server):"
                + " skipping the Node interop tests");
        assumeTrue(NodeClients.available(), "npm packages not installed (npm ci in src/test/node)");
        redis = RedisServer.start();
        java = new RedisStreamsClusterContract.Node(redis.url(), harness());
        java.io().sockets().onServerSideEmit("ping", (args, ack) -> ack.send("pong-java"));
        node = NodeServer.start("redis-streams-node-server.js",
                new JSONObject().put("redisUrl", redis.url()).toString());
        control = TestClient.connect(node.url(), "/control", "control", "");
        ClusterTests.await(() -> serverCount() == 2, "the Java and the Node server both subscribed");
    }

    @AfterAll
    void stop() throws Exception {
        if (control != null) {
            control.close();
        }
        ClusterTests.closeAll(node, java, redis);
    }

    @AfterEach
    void closeClients() throws Exception {
        ClusterTests.closeClients(clients, () -> java.io().sockets().sockets().isEmpty());
    }

    private int serverCount() {
        return ClusterTests.serverCount(java.io().sockets().adapter());
    }

    private TestClient client(String url, String name, String... rooms) throws Exception {
        TestClient client = TestClient.connect(url, name, "");
        clients.add(client);
        return client.join(rooms);
    }

    @Test
    void broadcastsCrossBothWaysWithTheSameOffsetOnBothSides() throws Exception {
        TestClient j = client(java.url(), "j", "news");
        TestClient n = client(node.url(), "n", "news");
        TestClient elsewhere = client(node.url(), "elsewhere", "sports");
        assertEquals("ok", j.ask("emit-to", "news", new JSONObject().put("from", "java"))[0]);
        Object[] onNode = n.next("msg");
        Object[] onJava = j.next("msg");
        assertEquals("java", ((JSONObject) onNode[0]).getString("from"));
        assertTrue(String.valueOf(onNode[1]).matches("[0-9]+-[0-9]+"), "offset " + onNode[1]);
        assertEquals(onJava[1], onNode[1], "Java's entry id is the offset on the Node server");

        assertEquals("ok", n.ask("emit-to", "news", new JSONObject().put("from", "node"))[0]);
        onJava = j.next("msg");
        onNode = n.next("msg");
        assertEquals("node", ((JSONObject) onJava[0]).getString("from"));
        assertEquals(onNode[1], onJava[1], "Node's entry id is the offset on the Java node");
        assertTrue(elsewhere.nothing("msg", 300), "not in news");
    }

    @Test
    void requestsAndBulkOperationsCrossBothWays() throws Exception {
        TestClient j = client(java.url(), "j", "red");
        TestClient n = client(node.url(), "n", "red");
        assertEquals(Set.of(j.id(), n.id()), java.io().sockets().fetchSockets().get(5, TimeUnit.SECONDS).stream()
                .map(RemoteSocket::id).collect(Collectors.toSet()));
        JSONArray fetched = (JSONArray) control.ask("fetch", new JSONObject().put("rooms", new JSONArray()))[0];
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < fetched.length(); i++) {
            ids.add(fetched.getJSONObject(i).getString("id"));
        }
        assertEquals(Set.of(j.id(), n.id()), ids, "the Node server's fetchSockets");
        List<JsonValue> answers = java.io().sockets().serverSideEmitWithAck("ping", 1).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("pong-node"), answers.stream().map(v -> ((JsonString) v).getString()).toList());
        JSONObject fromNode = (JSONObject) control.ask("serverSideEmit", new JSONObject())[0];
        assertEquals("[\"pong-java\"]", fromNode.getJSONArray("responses").toString(), fromNode.toString());

        List<JsonValue> acks = java.io().sockets().timeout(Duration.ofSeconds(3)).emitWithAck("ask", "q")
                .get(5, TimeUnit.SECONDS);
        assertEquals(Set.of("answer-j", "answer-n"), acks.stream().map(v -> ((JsonString) v).getString())
                .collect(Collectors.toSet()), "a broadcast with acks from Java, answered on both");
        JSONObject fromNodeAcks = (JSONObject) control.ask("ackBroadcast", new JSONObject())[0];
        assertTrue(fromNodeAcks.isNull("err"), fromNodeAcks.toString());
        JSONArray responses = fromNodeAcks.getJSONArray("responses");
        Set<Object> answered = new java.util.HashSet<>();
        for (int i = 0; i < responses.length(); i++) {
            answered.add(responses.get(i));
        }
        assertEquals(Set.of("answer-j", "answer-n"), answered, "a broadcast with acks from Node, answered on both");

        java.io().in("red").socketsJoin("extra");
        ClusterTests.await(() -> {
            try {
                return ((JSONObject) n.ask("whoami")[0]).getJSONArray("rooms").toString().contains("\"extra\"");
            } catch (Exception e) {
                return false;
            }
        }, "the Node server's socket joined extra");
    }

    @ParameterizedTest(name = "Java persists, Node restores, {0}")
    @ValueSource(strings = {"polling", "websocket"})
    void aClientCutOffFromTheJavaNodeResumesOnTheNodeServer(String mode) {
        recover(mode, java.url(), node.url());
    }

    @ParameterizedTest(name = "Node persists, Java restores, {0}")
    @ValueSource(strings = {"polling", "websocket"})
    void aClientCutOffFromTheNodeServerResumesOnTheJavaNode(String mode) {
        recover(mode, node.url(), java.url());
    }

    private void recover(String mode, String from, String to) {
        NodeClients.Result result = RedisStreamsClusterContract.recoveryClient(mode, from, to, tags);
        assertTrue(result.ok() && result.output().contains("OK recovered") && result.output().contains("other node"),
                () -> "recovery from " + from + " to " + to + " over " + mode + " on " + java.container.name() + ": "
                        + result.output());
    }
}
