package io.socketee.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.adapter.ConnectionStateRecovery;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connection state recovery through the kit: a client cut off reconnects and resumes, expiry on the virtual clock. */
class RecoveryTest {
    private final TestServer server = TestServer.builder().socketIo(SocketIoConfig.builder()
            .connectionStateRecovery(ConnectionStateRecovery.defaults()).build()).build();

    @AfterEach
    void close() {
        server.close();
    }

    private TestClient inLobby() {
        server.io().onConnection(socket -> {
            if (!socket.recovered()) {
                socket.join("lobby");
            }
        });
        return server.client().auth(java.util.Map.of("nick", "alice")).connect();
    }

    @Test
    void aClientCutOffResumesWithItsIdRoomsAndTheEventsItMissed() {
        TestClient alice = inLobby();
        server.io().to("lobby").emit("news", "before");
        String offset = alice.received("news").text(1);
        assertFalse(offset.isEmpty(), "with recovery on, an event's last argument is its offset");
        String id = alice.id();

        alice.close();   // the network went away: "transport close" on the server
        server.io().to("lobby").emit("news", "missed 1");
        server.io().to("lobby").emit("news", "missed 2");
        server.advance(Duration.ofSeconds(60));

        TestClient back = alice.reconnect();
        assertTrue(back.recovered());
        assertEquals(id, back.id());
        assertEquals(List.of("missed 1", "missed 2"), List.of(back.received("news").text(0),
                back.received("news").text(0)));
        assertTrue(server.socketOf(back).rooms().contains("lobby"));
        assertTrue(server.socketOf(back).recovered());
    }

    @Test
    void aSessionOlderThanMaxDisconnectionDurationIsNotResumed() {
        TestClient alice = inLobby();
        server.io().to("lobby").emit("news", "before");
        alice.received("news");
        String id = alice.id();
        alice.close();
        server.advance(Duration.ofMillis(120_001));   // Node's default maxDisconnectionDuration is 120 s

        TestClient back = alice.reconnect();
        assertFalse(back.recovered());
        assertNotEquals(id, back.id());
        back.receivedNothing();
    }

    @Test
    void aClientBackBeforeTheServerSawItsWebSocketFailIsNewAsOnNode() {
        TestClient alice = inLobby();
        server.io().to("lobby").emit("news", "before");
        alice.received("news");
        String id = alice.id();
        alice.loseConnectionUnnoticed();   // no RST, no close: the server's socket lives on
        assertEquals(ClientDisconnectReason.TRANSPORT_ERROR, alice.disconnectReason().orElseThrow());

        TestClient back = alice.reconnect();
        assertFalse(back.recovered(), "its session is still in use");
        assertNotEquals(id, back.id());
        assertTrue(server.io().sockets().sockets().containsKey(id));
        server.advance(Duration.ofSeconds(25 + 20 + 1));   // the old one ends by its ping timeout
        assertFalse(server.io().sockets().sockets().containsKey(id));
    }

    @Test
    void aCleanDisconnectIsNotResumable() {
        TestClient alice = inLobby();
        alice.disconnect();
        TestClient back = alice.reconnect();
        assertFalse(back.recovered());
    }

    @Test
    void aConnectedClientCannotReconnect() {
        TestClient alice = inLobby();
        assertThrows(IllegalStateException.class, alice::reconnect);
    }
}
