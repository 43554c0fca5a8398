package io.socketee.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.spi.UpgradeDecision;
import io.socketee.testing.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session state machine on the in-process tier: fake polling and WebSocket hosts and a virtual clock, so that
 * timeouts take no time and the order of a timer and a request is the test's choice. Node's behaviour is the
 * reference for each case.
 */
class EngineIoSessionTest {
    private final VirtualClock clock = new VirtualClock();
    private final Map<String, CloseReason> closed = new ConcurrentHashMap<>();
    private final Map<String, Long> closedAtMillis = new ConcurrentHashMap<>();
    private EngineIoServer server = server(EngineIoConfig.builder().allowEIO3(true).build());

    private EngineIoServer server(EngineIoConfig config) {
        EngineIoServer s = EngineIoServer.create(config, clock);
        s.onConnection(socket -> {
            socket.onText(socket::send);
            socket.onClose(reason -> {
                closed.put(socket.id(), reason);
                closedAtMillis.put(socket.id(), clock.millis());
            });
        });
        return s;
    }

    @AfterEach
    void tearDown() {
        for (EngineIoSocket socket : server.sockets()) {
            socket.closeNow(CloseReason.FORCED_CLOSE);
        }
        clock.shutdownNow();
    }

    /** A polling session; its handshake answered. */
    private String pollingSession(String eio) {
        FakePoll handshake = FakePoll.handshake(eio);
        server.handlePolling(handshake);
        String body = handshake.text();
        int i = body.indexOf("\"sid\":\"") + 7;
        return body.substring(i, body.indexOf('"', i));
    }

    private FakePoll get(String eio, String sid) {
        FakePoll get = FakePoll.get(eio, sid);
        server.handlePolling(get);
        return get;
    }

    private FakePoll post(String eio, String sid, String payload) {
        FakePoll post = FakePoll.post(eio, sid, payload);
        server.handlePolling(post);
        return post;
    }

    // ------------------------------------------------------------------ the client's close over polling

    @Test
    void aClientsCloseOverPollingAnswersTheHeldGetWithANoop() {
        String sid = pollingSession("4");
        FakePoll held = get("4", sid);
        assertFalse(held.answered());
        assertEquals("ok", post("4", sid, "1").text());
        assertEquals(200, held.status());
        assertEquals("6", held.text());
        assertEquals(CloseReason.TRANSPORT_CLOSE, closed.get(sid));
        assertEquals(400, get("4", sid).status(), "a later GET");
    }

    @Test
    void aClientsCloseOverPollingAnswersTheHeldGetWithAFramedNoopOnEio3() {
        String sid = pollingSession("3");
        FakePoll held = get("3", sid);
        post("3", sid, "1:1");
        assertEquals("1:6", held.text());
        assertEquals(CloseReason.TRANSPORT_CLOSE, closed.get(sid));
    }

    @Test
    void theGetThatArrivesJustAfterTheClientsCloseStillGetsTheNoopOnce() {
        String sid = pollingSession("4");
        assertEquals("ok", post("4", sid, "1").text());
        assertEquals(CloseReason.TRANSPORT_CLOSE, closed.get(sid));
        assertEquals(0, server.clientsCount(), "the session is gone at once");
        FakePoll racing = get("4", sid);
        assertEquals(200, racing.status());
        assertEquals("6", racing.text());
        assertEquals(400, get("4", sid).status(), "only one GET gets it");
    }

    @Test
    void theAllowanceForARacingGetEndsAfterASecond() {
        String sid = pollingSession("4");
        post("4", sid, "1");
        clock.advance(Duration.ofMillis(EngineIoServer.LAST_POLL_GRACE_MILLIS));
        assertEquals(400, get("4", sid).status());
        assertEquals(List.of(), clock.pendingDueMillis(), "nothing left scheduled");
    }

    // ------------------------------------------------------------------ a second WebSocket for one session

    @Test
    void aSecondWebSocketForAnUpgradedSessionIsAcceptedThenClosedAndTheSessionCarriesOn() {
        String sid = pollingSession("4");
        Map<String, String> upgrade = Map.of("EIO", "4", "transport", "websocket", "sid", sid);
        FakeWebSocket first = FakeWebSocket.open(server, upgrade);
        first.receive("2probe");
        first.receive("5");
        assertEquals(TransportName.WEBSOCKET, server.socket(sid).orElseThrow().transport());
        assertInstanceOf(UpgradeDecision.Accept.class, server.checkUpgrade(FakePoll.upgradeRequest(upgrade)),
                "the handshake is completed, as in Node");
        FakeWebSocket second = FakeWebSocket.open(server, upgrade);
        assertEquals(1000, second.closeCode());
        assertEquals(List.of(), second.sent());
        assertNull(closed.get(sid));
        first.receive("4hello");
        assertEquals("4hello", first.sent().get(first.sent().size() - 1));
    }

    @Test
    void aSecondWebSocketDuringTheUpgradeIsClosedAndTheUpgradeGoesOn() {
        String sid = pollingSession("4");
        Map<String, String> upgrade = Map.of("EIO", "4", "transport", "websocket", "sid", sid);
        FakeWebSocket first = FakeWebSocket.open(server, upgrade);
        first.receive("2probe");
        FakeWebSocket second = FakeWebSocket.open(server, upgrade);
        assertEquals(1000, second.closeCode());
        first.receive("5");
        first.receive("4after");
        assertEquals(List.of("3probe", "4after"), first.sent());
        assertNull(closed.get(sid));
    }

    @Test
    void upgradeListenersAreToldOnceWhenTheUpgradeCompletes() {
        String sid = pollingSession("4");
        List<TransportName> upgrades = new java.util.concurrent.CopyOnWriteArrayList<>();
        EngineIoSocket session = server.socket(sid).orElseThrow();
        session.onUpgrade(upgrades::add);
        session.onUpgrade(name -> {
            throw new IllegalStateException("a failing listener is logged, the others still run");
        });
        session.onUpgrade(upgrades::add);
        Map<String, String> upgrade = Map.of("EIO", "4", "transport", "websocket", "sid", sid);
        FakeWebSocket ws = FakeWebSocket.open(server, upgrade);
        ws.receive("2probe");
        assertEquals(List.of(), upgrades, "not at the probe");
        ws.receive("5");
        assertEquals(List.of(TransportName.WEBSOCKET, TransportName.WEBSOCKET), upgrades);
        ws.receive("4after");
        FakeWebSocket.open(server, upgrade);   // a second WebSocket for the upgraded session is closed, no upgrade
        assertEquals(2, upgrades.size());
    }

    @Test
    void anUpgradeThatFailsTellsNoUpgradeListener() {
        String sid = pollingSession("4");
        List<TransportName> upgrades = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.socket(sid).orElseThrow().onUpgrade(upgrades::add);
        FakeWebSocket ws = FakeWebSocket.open(server, Map.of("EIO", "4", "transport", "websocket", "sid", sid));
        ws.receive("2probe");
        clock.advance(Duration.ofMillis(10_000));   // upgradeTimeout
        ws.receive("5");
        assertEquals(List.of(), upgrades);
        assertEquals(TransportName.POLLING, server.socket(sid).orElseThrow().transport());
    }

    // ------------------------------------------------------------------ closing a half-open polling session

    /**
     * A polling session whose client stopped polling (half-open) and that the server closes (as Socket.IO's
     * connectTimeout does) ends at its heartbeat deadline, as in Node (45 s with the defaults), not pingTimeout after
     * the close.
     */
    @Test
    void aHalfOpenPollingSessionClosedByTheServerEndsAtItsHeartbeatDeadline() {
        String sid = pollingSession("4");
        clock.advance(Duration.ofSeconds(25));        // the ping is queued; the heartbeat deadline is 45 s
        clock.advance(Duration.ofMillis(19_900));
        server.socket(sid).orElseThrow().close(CloseReason.FORCED_CLOSE);
        assertNull(closed.get(sid), "closing: waits for the client's next GET");
        clock.advance(Duration.ofMillis(100));
        assertEquals(CloseReason.FORCED_CLOSE, closed.get(sid), "with the reason it was closed for");
        assertEquals(45_000L, closedAtMillis.get(sid));
        assertEquals(List.of(), clock.pendingDueMillis(), "nothing left scheduled");
    }

    @Test
    void aClosingPollingSessionStillWaitsForItsNextGetAtMostPingTimeout() {
        String sid = pollingSession("4");
        server.socket(sid).orElseThrow().close(CloseReason.FORCED_CLOSE);   // no heartbeat deadline yet
        clock.advance(Duration.ofSeconds(19));
        assertNull(closed.get(sid));
        assertEquals("1", get("4", sid).text(), "the close packet on the next GET");
        assertEquals(CloseReason.FORCED_CLOSE, closed.get(sid));
    }

    // ------------------------------------------------------------------ heartbeats and backlogs

    @Test
    void aPingOverWebSocketGoesAheadOfTheFramesWaiting() {
        server = server(EngineIoConfig.builder().build());
        FakeWebSocket ws = FakeWebSocket.open(server, Map.of("EIO", "4", "transport", "websocket"));
        EngineIoSocket session = server.sockets().iterator().next();
        ws.holdSends();                                  // a client that reads slowly
        for (int i = 0; i < 100; i++) {
            session.send("m" + i);
        }
        clock.advance(Duration.ofSeconds(25));           // the ping
        while (ws.completeSend()) {
            // the client reads on
        }
        List<String> sent = ws.sent();
        assertEquals("4m0", sent.get(1), "the first message was under way");
        assertEquals("2", sent.get(2), "then the ping, before the 99 waiting");
        assertEquals("4m1", sent.get(3));
        assertEquals(102, sent.size());
    }

    @Test
    void aPingOverPollingComesFirstInThePayloadOfABacklog() {
        String sid = pollingSession("4");
        EngineIoSocket session = server.socket(sid).orElseThrow();
        for (int i = 0; i < 3; i++) {
            session.send("m" + i);
        }
        clock.advance(Duration.ofSeconds(25));
        assertEquals("2\u001e4m0\u001e4m1\u001e4m2", get("4", sid).text());
    }

    @Test
    void thePongOfAPingThatWentAheadKeepsTheSessionOpen() {
        server = server(EngineIoConfig.builder().build());
        FakeWebSocket ws = FakeWebSocket.open(server, Map.of("EIO", "4", "transport", "websocket"));
        EngineIoSocket session = server.sockets().iterator().next();
        ws.holdSends();
        for (int i = 0; i < 1000; i++) {
            session.send("m" + i);
        }
        clock.advance(Duration.ofSeconds(25));
        ws.completeSend();                               // m0 done: the ping goes out next
        assertEquals("2", ws.sent().get(ws.sent().size() - 1));
        ws.receive("3");
        clock.advance(Duration.ofSeconds(21));           // past pingTimeout: still open, with 998 frames waiting
        assertTrue(session.isOpen());
    }
}
