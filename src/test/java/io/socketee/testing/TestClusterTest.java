package io.socketee.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.socketio.core.RemoteSocket;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two servers joined by the in-memory bus: every cluster operation of the adapter SPI across nodes. */
class TestClusterTest {
    private final TestCluster cluster = TestCluster.create(2);
    private final TestServer a = cluster.node(0);
    private final TestServer b = cluster.node(1);

    @AfterEach
    void close() {
        cluster.close();
    }

    private void joinOnRequest(TestServer node) {
        node.io().onConnection(socket -> {
            socket.data().put("node", node == a ? "a" : "b");
            socket.on("join", (args, ack) -> {
                socket.join(((JsonString) args.get(0)).getString());
                ack.send("ok");
            });
        });
    }

    @Test
    void broadcastsReachTheClientsOfEveryNodeAndLocalStaysLocal() {
        TestClient alice = a.connect();
        TestClient bob = b.connect();
        a.io().emit("news", "from a");
        assertEquals("from a", alice.received("news").text(0));
        assertEquals("from a", bob.received("news").text(0));
        b.io().local().emit("local", "b only");
        bob.received("local");
        alice.didNotReceive("local");
    }

    @Test
    void roomsAndExceptAcrossNodes() {
        joinOnRequest(a);
        joinOnRequest(b);
        TestClient alice = a.connect();
        TestClient bob = b.connect();
        TestClient carol = b.connect();
        alice.emitWithAck("join", "room").await();
        bob.emitWithAck("join", "room").await();
        carol.emitWithAck("join", "other").await();
        a.io().to("room").except("other").emit("in-room", 1);
        alice.received("in-room");
        bob.received("in-room");
        carol.didNotReceive("in-room");
        assertEquals(Set.of(alice.id(), bob.id(), carol.id(), "room", "other"), a.io().sockets().adapter().allRooms()
                .join());
        assertEquals(2, a.io().sockets().adapter().serverCount().join());
    }

    @Test
    void fetchSocketsSeesRemoteSocketsAndTheirOperationsTravelBack() {
        joinOnRequest(a);
        joinOnRequest(b);
        TestClient alice = a.connect();
        TestClient bob = b.connect();
        List<RemoteSocket> sockets = a.io().fetchSockets().join();
        assertEquals(Set.of(alice.id(), bob.id()), sockets.stream().map(RemoteSocket::id).collect(Collectors.toSet()));
        RemoteSocket remoteBob = sockets.stream().filter(s -> s.id().equals(bob.id())).findFirst().orElseThrow();
        assertEquals("b", ((JsonString) remoteBob.data().get("node")).getString(), "the data, copied as JSON");

        remoteBob.emit("direct", "hi bob");
        assertEquals("hi bob", bob.received("direct").text(0));
        alice.didNotReceive("direct");

        remoteBob.join("vip");
        assertTrue(b.socketOf(bob).rooms().contains("vip"));
        a.io().in("vip").socketsJoin("vip2");
        assertTrue(b.socketOf(bob).rooms().contains("vip2"));

        remoteBob.disconnect(false);
        assertEquals(ClientDisconnectReason.IO_SERVER_DISCONNECT, bob.awaitDisconnect());
        assertTrue(alice.connected());
    }

    @Test
    void broadcastWithAcksCollectsTheAnswersOfRemoteClients() throws Exception {
        TestClient alice = a.connect();
        TestClient bob = b.connect();
        alice.on("poll", (event, ack) -> ack.send("alice"));
        bob.on("poll", (event, ack) -> ack.send("bob"));
        CompletableFuture<List<JsonValue>> answers = a.io().timeout(Duration.ofSeconds(5)).emitWithAck("poll");
        cluster.clock().runDue();
        assertTrue(answers.isDone(), "every client of both nodes answered: no need to wait for the timeout");
        assertEquals(Set.of("alice", "bob"), answers.get().stream().map(v -> ((JsonString) v).getString())
                .collect(Collectors.toSet()));
    }

    @Test
    void serverSideEmitReachesTheOtherNodesAndTheirAcksComeBack() throws Exception {
        b.io().sockets().onServerSideEmit("ping", (args, ack) -> ack.send("pong from b"));
        CompletableFuture<List<JsonValue>> answers = a.io().sockets().serverSideEmitWithAck("ping");
        assertEquals(List.of("pong from b"), answers.get().stream().map(v -> ((JsonString) v).getString()).toList());
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        a.io().sockets().onServerSideEmit("hello", (args, ack) -> seen.add("a"));
        b.io().sockets().onServerSideEmit("hello", (args, ack) -> seen.add("b"));
        a.io().sockets().serverSideEmit("hello", Map.of("x", 1));
        assertEquals(List.of("b"), seen, "not to the sending node");
    }

    @Test
    void serverSideEmitWithAckTimesOutOnTheVirtualClock() {
        b.io().sockets().onServerSideEmit("ping", (args, ack) -> { });   // never answers
        CompletableFuture<List<JsonValue>> answers = a.io().sockets().serverSideEmitWithAck("ping");
        cluster.advance(Duration.ofMillis(4999));
        assertFalse(answers.isDone());
        cluster.advance(Duration.ofMillis(1));
        ExecutionException e = assertThrows(ExecutionException.class, answers::get);
        assertInstanceOf(TimeoutException.class, e.getCause());
    }

    @Test
    void disconnectSocketsReachesEveryNode() {
        TestClient alice = a.connect();
        TestClient bob = b.connect();
        b.io().disconnectSockets(false);
        assertEquals(ClientDisconnectReason.IO_SERVER_DISCONNECT, alice.awaitDisconnect());
        assertEquals(ClientDisconnectReason.IO_SERVER_DISCONNECT, bob.awaitDisconnect());
    }

    @Test
    void binaryBroadcastsCrossTheBus() {
        TestClient bob = b.connect();
        a.io().emit("file", new byte[] {7, 8});
        assertEquals(2, bob.received("file").bytes(0).length);
    }
}
