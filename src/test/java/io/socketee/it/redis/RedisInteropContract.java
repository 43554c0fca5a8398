package io.socketee.it.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socket.client.Ack;
import io.socketee.it.ContainerHarness;
import io.socketee.it.NodeClients;
import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.redis.LettuceRedisDriver;
import io.socketee.socketio.redis.RedisEmitter;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Node.js socket.io 4.8 server with {@code @socket.io/redis-adapter} 8.3 ({@code redis-node-server.js}) and a Java
 * node in one cluster, through a real {@code redis-server}, with real clients on both; plus both emitters
 * ({@code @socket.io/redis-emitter} and {@link RedisEmitter}). Subclasses pick the Java node's container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RedisInteropContract {
    protected abstract ContainerHarness harness();

    private RedisServer redis;
    private ClusterNode java;
    private NodeServer node;
    private String nodeUrl;
    private TestClient control;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        assumeTrue(RedisServer.available(), "redis-server is not installed (Debian: apt-get install redis-server):"
                + " skipping the Node interop tests");
        assumeTrue(NodeClients.available(), "npm packages not installed (npm ci in src/test/node)");
        redis = RedisServer.start();
        java = new ClusterNode("java", redis.url(), harness());
        node = NodeServer.start("redis-node-server.js", new JSONObject().put("redisUrl", redis.url()).toString());
        nodeUrl = node.url();
        control = TestClient.connect(nodeUrl, "/control", "control", "");
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
        return ClusterTests.serverCount(java.adapter());
    }

    private TestClient client(String url, String name, String rooms) throws Exception {
        TestClient client = TestClient.connect(url, name, rooms);
        clients.add(client);
        return client;
    }

    /** Runs a command of the Node server's control namespace; its answer. */
    private Object command(String name, JSONObject arguments) throws Exception {
        return control.ask(name, arguments)[0];
    }

    private static List<String> strings(JSONArray array) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.length(); i++) {
            out.add(String.valueOf(array.opt(i)));
        }
        return out;
    }

    private static JSONObject bytes(byte[] data) throws org.json.JSONException {
        JSONArray array = new JSONArray();
        for (byte b : data) {
            array.put(b & 0xff);
        }
        return new JSONObject().put("$bytes", array);
    }

    @Test
    void broadcastsReachClientsOfTheOtherServer() throws Exception {
        TestClient onJava = client(java.url(), "j", "room1");
        TestClient onNode = client(nodeUrl, "n", "room1");
        TestClient outsider = client(nodeUrl, "o", "");

        byte[] blob = {1, 2, 3};
        java.io().to("room1").emit("from-java", "hello", Map.of("n", 1), blob);
        for (TestClient c : List.of(onJava, onNode)) {
            Object[] args = c.next("from-java");
            assertEquals("hello", args[0]);
            assertEquals(1, ((JSONObject) args[1]).getInt("n"));
            assertArrayEquals(blob, (byte[]) args[2], c.name());
        }
        assertTrue(outsider.nothing("from-java", 300), "the Node client outside room1 got it");

        assertEquals("ok", command("broadcast", new JSONObject().put("rooms", new JSONArray().put("room1"))
                .put("event", "from-node")
                .put("args", new JSONArray().put("hi").put(new JSONObject().put("b", bytes(new byte[] {9, 8}))))));
        Object[] args = onJava.next("from-node");
        assertEquals("hi", args[0]);
        assertArrayEquals(new byte[] {9, 8}, (byte[]) ((JSONObject) args[1]).get("b"));
        assertEquals("hi", onNode.next("from-node")[0]);
        assertNull(outsider.poll("from-node", 300));

        // except, from Node
        command("broadcast", new JSONObject().put("except", new JSONArray().put("room1")).put("event", "not-room1")
                .put("args", new JSONArray().put(1)));
        assertEquals(1, outsider.next("not-room1")[0]);
        assertTrue(onJava.nothing("not-room1", 300), "except was ignored on the Java node");
    }

    @Test
    void fetchSocketsFromEitherSideSeesBoth() throws Exception {
        TestClient onJava = client(java.url(), "j", "blue");
        TestClient onNode = client(nodeUrl, "n", "blue,green");

        List<RemoteSocket> fromJava = java.io().sockets().fetchSockets().get(5, TimeUnit.SECONDS);
        assertEquals(Set.of(onJava.id(), onNode.id()), fromJava.stream().map(RemoteSocket::id)
                .collect(Collectors.toSet()));
        RemoteSocket nodeSocket = fromJava.stream().filter(s -> s.id().equals(onNode.id())).findFirst().orElseThrow();
        assertEquals(Set.of(onNode.id(), "blue", "green"), nodeSocket.rooms());
        assertEquals("n", ((JsonString) nodeSocket.data().get("name")).getString());
        assertEquals("n", nodeSocket.handshake().query().get("name"));
        assertTrue(nodeSocket.handshake().time().toEpochMilli() > 0, "issued is not carried");

        JSONArray fromNode = (JSONArray) command("fetch", new JSONObject().put("rooms", new JSONArray().put("blue")));
        assertEquals(2, fromNode.length(), fromNode.toString());
        JSONObject javaSocket = null;
        for (int i = 0; i < fromNode.length(); i++) {
            if (fromNode.getJSONObject(i).getString("id").equals(onJava.id())) {
                javaSocket = fromNode.getJSONObject(i);
            }
        }
        assertTrue(javaSocket != null, "Node did not see the Java socket: " + fromNode);
        assertEquals("j", javaSocket.getJSONObject("data").getString("name"));
        assertEquals("j", javaSocket.getJSONObject("query").getString("name"));
        assertEquals(Set.of(onJava.id(), "blue"), Set.copyOf(strings(javaSocket.getJSONArray("rooms"))));

        // remote operations both ways
        nodeSocket.emit("direct", "to-node-client");
        assertEquals("to-node-client", onNode.next("direct")[0]);
        nodeSocket.join("joined-from-java");
        ClusterTests.await(() -> {
            try {
                return command("localRooms", new JSONObject().put("id", onNode.id())).toString()
                        .contains("joined-from-java");
            } catch (Exception e) {
                return false;
            }
        }, "the Node socket joined a room from Java");
        assertEquals("ok", command("remote", new JSONObject().put("id", onJava.id()).put("op", "emit")
                .put("event", "direct").put("arg", "to-java-client")));
        assertEquals("to-java-client", onJava.next("direct")[0]);
        assertEquals("ok", command("remote", new JSONObject().put("id", onJava.id()).put("op", "join")
                .put("room", "joined-from-node")));
        ClusterTests.await(() -> java.io().sockets().sockets().get(onJava.id()).rooms().contains("joined-from-node"),
                "the Java socket joined a room from Node");
        assertEquals("ok", command("remote", new JSONObject().put("id", onJava.id()).put("op", "disconnect")));
        onJava.disconnected.get(5, TimeUnit.SECONDS);
    }

    @Test
    void broadcastAcksAndServerSideEmitAcrossImplementations() throws Exception {
        client(java.url(), "j", "");
        TestClient onNode = client(nodeUrl, "n", "");
        onNode.socket().on("ask", a -> {
            if (a[a.length - 1] instanceof Ack ack) {
                ack.call("node-client");
            }
        });
        List<JsonValue> answers = java.io().sockets().timeout(Duration.ofSeconds(3)).emitWithAck("ask", "q")
                .get(5, TimeUnit.SECONDS);
        Set<String> texts = answers.stream().map(v -> ((JsonString) v).getString()).collect(Collectors.toSet());
        assertTrue(texts.contains("answer-j") && texts.size() == 2, texts.toString());

        JSONObject fromNode = (JSONObject) command("ackBroadcast", new JSONObject());
        assertTrue(fromNode.isNull("err"), fromNode.toString());
        assertTrue(strings(fromNode.getJSONArray("responses")).contains("answer-j"), fromNode.toString());
        assertEquals(2, fromNode.getJSONArray("responses").length(), fromNode.toString());

        List<JsonValue> pongs = java.io().sockets().serverSideEmitWithAck("ping", 1).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("pong-node"), pongs.stream().map(v -> ((JsonString) v).getString()).toList());
        JSONObject ssFromNode = (JSONObject) command("serverSideEmit", new JSONObject());
        assertTrue(ssFromNode.isNull("err"), ssFromNode.toString());
        assertEquals(List.of("pong-java"), strings(ssFromNode.getJSONArray("responses")));
        assertEquals("ping [1]", java.serverSideEvents.poll(5, TimeUnit.SECONDS));

        java.io().sockets().serverSideEmit("note", "n1");
        ClusterTests.await(() -> {
            try {
                return command("serverSideEvents", new JSONObject()).toString().contains("n1");
            } catch (Exception e) {
                return false;
            }
        }, "the Node server got the Java server-side event");

        JSONObject rooms = (JSONObject) command("rooms", new JSONObject());
        assertEquals(2, rooms.getInt("serverCount"));
        Set<String> javaSeen = java.io().sockets().adapter().allRooms().get(5, TimeUnit.SECONDS);
        assertTrue(javaSeen.contains(onNode.id()), javaSeen.toString());
    }

    @Test
    void bothEmittersReachBothServers() throws Exception {
        TestClient onJava = client(java.url(), "j", "vip");
        TestClient onNode = client(nodeUrl, "n", "vip");
        TestClient outsider = client(java.url(), "o", "");

        // Node's @socket.io/redis-emitter to the clients of the Java node (and the Node one)
        assertEquals("ok", command("emitter", new JSONObject().put("rooms", new JSONArray().put("vip"))
                .put("event", "node-emitter").put("args", new JSONArray().put("x").put(bytes(new byte[] {7})))));
        for (TestClient c : List.of(onJava, onNode)) {
            Object[] args = c.next("node-emitter");
            assertEquals("x", args[0]);
            assertArrayEquals(new byte[] {7}, (byte[]) args[1], c.name());
        }
        assertTrue(outsider.nothing("node-emitter", 300));

        // our emitter to the clients of the Node server (and the Java one)
        try (LettuceRedisDriver driver = LettuceRedisDriver.create(redis.url())) {
            RedisEmitter emitter = RedisEmitter.create(driver);
            emitter.to("vip").emit("java-emitter", Map.of("k", "v"), new byte[] {5, 6}).get(5, TimeUnit.SECONDS);
            for (TestClient c : List.of(onNode, onJava)) {
                Object[] args = c.next("java-emitter");
                assertEquals("v", ((JSONObject) args[0]).getString("k"));
                assertArrayEquals(new byte[] {5, 6}, (byte[]) args[1], c.name());
            }
            assertTrue(outsider.nothing("java-emitter", 300));
            emitter.in("vip").socketsJoin("gold").get(5, TimeUnit.SECONDS);
            ClusterTests.await(() -> {
                try {
                    return command("localRooms", new JSONObject().put("id", onNode.id())).toString().contains("gold")
                            && java.io().sockets().sockets().get(onJava.id()).rooms().contains("gold");
                } catch (Exception e) {
                    return false;
                }
            }, "both vip sockets joined gold through our emitter");
            emitter.serverSideEmit("note", "from-java-emitter").get(5, TimeUnit.SECONDS);
            ClusterTests.await(() -> {
                try {
                    return command("serverSideEvents", new JSONObject()).toString().contains("from-java-emitter");
                } catch (Exception e) {
                    return false;
                }
            }, "the Node server got the emitter's server-side event");
            assertTrue(Arrays.asList(onJava.id(), onNode.id()).size() == 2);
        }
    }
}
