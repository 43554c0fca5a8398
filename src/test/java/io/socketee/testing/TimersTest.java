package io.socketee.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.socketio.BroadcastAckTimeoutException;
import io.socketee.socketio.DisconnectReason;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.testing.TestClient.Protocol;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server's timers on the virtual clock: minutes of protocol time in milliseconds. */
class TimersTest {
    private final TestServer server = TestServer.create();
    private final LinkedBlockingQueue<DisconnectReason> disconnects = new LinkedBlockingQueue<>();

    @AfterEach
    void close() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void heartbeatsKeepAConnectionAliveForAnHour(Protocol protocol) {
        server.io().onConnection(socket -> socket.onDisconnect(disconnects::add));
        TestClient client = server.client().protocol(protocol).connect();
        long started = System.nanoTime();
        for (int minute = 0; minute < 60; minute++) {
            server.advance(Duration.ofMinutes(1));
        }
        assertTrue(client.connected());
        assertTrue(disconnects.isEmpty());
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "an hour of heartbeats took too long");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aSilentClientGetsAPingTimeoutWhenItIsDue(Protocol protocol) {
        server.io().onConnection(socket -> socket.onDisconnect(disconnects::add));
        TestClient client = server.client().protocol(protocol).connect();
        client.stopHeartbeat();
        // EIO=4: ping at 25 s, no pong within 20 s; EIO=3: no ping within 25 + 20 s
        server.advance(Duration.ofSeconds(44));
        assertTrue(client.connected(), "not yet at 44 s");
        server.advance(Duration.ofSeconds(2));
        assertFalse(client.connected());
        assertEquals(ClientDisconnectReason.TRANSPORT_CLOSE, client.disconnectReason().orElseThrow());
        assertEquals(List.of(DisconnectReason.PING_TIMEOUT), List.copyOf(disconnects));
    }

    @Test
    void aConnectionThatJoinsNoNamespaceIsClosedAfterTheConnectTimeout() {
        server.io().use((socket, next) -> { });   // never admits: the connection stays in no namespace
        TestClient client = server.client().attempt();
        assertFalse(client.connected());
        server.advance(Duration.ofSeconds(44));
        assertFalse(client.disconnectReason().isPresent());
        assertEquals(1, server.engine().clientsCount());
        server.advance(Duration.ofSeconds(1));
        assertEquals(0, server.engine().clientsCount(), "closed at 45 s");
    }

    @Test
    void theConnectTimeoutFollowsTheConfiguration() {
        try (TestServer quick = TestServer.builder()
                .socketIo(SocketIoConfig.builder().connectTimeout(Duration.ofSeconds(3)).build()).build()) {
            quick.io().use((socket, next) -> { });
            quick.client().attempt();
            quick.advance(Duration.ofMillis(2999));
            assertEquals(1, quick.engine().clientsCount());
            quick.advance(Duration.ofMillis(1));
            assertEquals(0, quick.engine().clientsCount());
        }
    }

    @Test
    void anAckTimeoutFailsTheServersEmitWithAckWhenDue() {
        CompletableFuture<List<JsonValue>> answer = new CompletableFuture<>();
        server.io().onConnection(socket -> socket.emitWithAck(Duration.ofSeconds(30), "question")
                .whenComplete((a, e) -> {
                    if (e != null) {
                        answer.completeExceptionally(e);
                    } else {
                        answer.complete(a);
                    }
                }));
        TestClient client = server.connect();
        client.received("question");   // and never answered
        server.advance(Duration.ofSeconds(29));
        assertFalse(answer.isDone());
        server.advance(Duration.ofSeconds(1));
        ExecutionException e = assertThrows(ExecutionException.class, answer::get);
        assertInstanceOf(TimeoutException.class, e.getCause());
    }

    @Test
    void aBroadcastWithAcksFailsAtItsTimeoutWithTheAnswersThatCame() throws Exception {
        TestClient answering = server.connect();
        TestClient silent = server.connect();
        answering.on("poll", (event, ack) -> ack.send("yes"));
        CompletableFuture<List<JsonValue>> answers = server.io().timeout(Duration.ofSeconds(10)).emitWithAck("poll");
        assertFalse(answers.isDone(), "one client has not answered");
        silent.received("poll");
        server.advance(Duration.ofSeconds(10));
        ExecutionException e = assertThrows(ExecutionException.class, answers::get);
        BroadcastAckTimeoutException timeout = assertInstanceOf(BroadcastAckTimeoutException.class, e.getCause());
        assertEquals(1, timeout.responses().size());
    }

    @Test
    void heartbeatSettingsAreTheServers() {
        try (TestServer fast = TestServer.builder().engineIo(EngineIoConfig.builder()
                .pingInterval(Duration.ofSeconds(1)).pingTimeout(Duration.ofSeconds(1)).build()).build()) {
            TestClient client = fast.connect();
            client.stopHeartbeat();
            fast.advance(Duration.ofMillis(2001));
            assertFalse(client.connected());
        }
    }
}
