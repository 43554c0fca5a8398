package io.socketee.socketio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.protocol.Packet;
import jakarta.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The in-memory adapter's recovery store: offsets on the wire, which kept packets a session gets back, and the
 * bounds (count, bytes, age, sessions), each failing the recovery rather than growing.
 */
class SessionStoreTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    private SessionStore store(ConnectionStateRecovery.Builder config) {
        return new SessionStore(config.build(), clock);
    }

    private static io.socketee.socketio.protocol.Packet.Event event(String name, int n) {
        return io.socketee.socketio.protocol.Packet.event("/", Json.createArrayBuilder().add(name).add(n).build());
    }

    private static BroadcastOptions to(String... rooms) {
        return new BroadcastOptions(Set.of(rooms), Set.of(), false, false, Optional.empty());
    }

    /** The text as a WebSocket frame carries it: Engine.IO's {@code 4}, then the Socket.IO packet. */
    private static String text(OutgoingPacket packet) {
        return "4" + ((Packet.Text) packet.messages(io.socketee.socketio.protocol.SocketIoParser.json()).get(0)).data();
    }

    /** The offset a kept packet carries: its last argument. */
    private static String offset(OutgoingPacket packet) {
        String text = text(packet);
        return text.substring(text.lastIndexOf(",\"") + 2, text.length() - 2);
    }

    private static SessionToPersist session(String pid, String... rooms) {
        return new SessionToPersist("sid-" + pid, pid, Set.of(rooms), Map.of("k", "v"));
    }

    @Test
    void theOffsetIsOneMoreLastArgumentOfTheEvent() {
        OutgoingPacket kept = store(ConnectionStateRecovery.builder()).keep(event("hi", 1), to());
        assertTrue(text(kept).matches("42\\[\"hi\",1,\"[0-9A-Za-z]{8}0\"]"), text(kept));
        assertEquals("42[\"hi\",1,\"abc\"]", text(OutgoingPacket.of(ConnectionStateRecovery.withOffset(event("hi", 1),
                "abc"))));
    }

    @Test
    void onlyEventsWithoutAckAndNotVolatileAreKept() {
        assertTrue(ConnectionStateRecovery.isKept(event("e", 1), false));
        assertFalse(ConnectionStateRecovery.isKept(event("e", 1), true));
        assertFalse(ConnectionStateRecovery.isKept(io.socketee.socketio.protocol.Packet.event("/", 3,
                Json.createArrayBuilder().add("e").build()), false));
        assertFalse(ConnectionStateRecovery.isKept(io.socketee.socketio.protocol.Packet.disconnect("/"), false));
    }

    @Test
    void aSessionGetsThePacketsForItsRoomsAfterItsOffsetMinusItsExceptions() {
        SessionStore store = store(ConnectionStateRecovery.builder());
        String seen = offset(store.keep(event("seen", 0), to("a")));
        store.persist(session("p", "sid-p", "a", "b"));
        store.keep(event("a", 1), to("a"));
        store.keep(event("other", 2), to("c"));
        store.keep(event("all", 3), to());
        store.keep(event("except-b", 4), new BroadcastOptions(Set.of(), Set.of("b"), false, false, Optional.empty()));
        store.keep(event("b", 5), to("b", "c"));
        RestoredSession restored = store.restore("p", seen).orElseThrow();
        assertEquals(List.of("a", "all", "b"), restored.missedPackets().stream()
                .map(p -> text(p).substring(4, text(p).indexOf('"', 4))).toList());
        assertEquals(Map.of("k", "v"), restored.session().data());
        assertEquals(Optional.empty(), store.restore("p", seen), "taken out: a session is restored once");
    }

    @Test
    void aForeignOrUnknownOffsetRestoresNothing() {
        SessionStore store = store(ConnectionStateRecovery.builder());
        SessionStore other = store(ConnectionStateRecovery.builder());
        String foreign = offset(other.keep(event("x", 0), to()));
        store.keep(event("x", 0), to());
        for (String offset : List.of(foreign, "", "1", "zzzzzzzz99999999999999999999")) {
            store.persist(session("p"));
            assertEquals(Optional.empty(), store.restore("p", offset), offset);
        }
    }

    @Test
    void packetsBeyondTheCountOrBytesOrAgeFailTheRecoveryOfOlderOffsets() {
        SessionStore byCount = store(ConnectionStateRecovery.builder().maxPackets(2));
        String first = offset(byCount.keep(event("x", 0), to()));
        String second = offset(byCount.keep(event("x", 1), to()));
        byCount.keep(event("x", 2), to());
        byCount.keep(event("x", 3), to());   // kept: 2 and 3
        byCount.persist(session("p"));
        assertEquals(Optional.empty(), byCount.restore("p", first), "packet 1 is gone");
        byCount.persist(session("p"));
        assertEquals(2, byCount.restore("p", second).orElseThrow().missedPackets().size(), "nothing after 1 is gone");

        SessionStore byBytes = store(ConnectionStateRecovery.builder().maxBytes(100));
        String small = offset(byBytes.keep(event("x", 0), to()));
        byBytes.keep(io.socketee.socketio.protocol.Packet.event("/", Json.createArrayBuilder().add("big")
                .add("y".repeat(200)).build()), to());
        byBytes.persist(session("p"));
        assertEquals(Optional.empty(), byBytes.restore("p", small), "the big packet did not fit");

        SessionStore byAge = store(ConnectionStateRecovery.builder().maxDisconnectionDuration(Duration.ofSeconds(10)));
        String old = offset(byAge.keep(event("x", 0), to()));
        byAge.keep(event("x", 1), to());
        now = now.plusSeconds(11);
        byAge.persist(session("p"));
        assertEquals(Optional.empty(), byAge.restore("p", old), "the missed packet aged out");
    }

    @Test
    void aQuietNamespaceStillRecoversWhenItsPacketsAgedOut() {
        SessionStore store = store(ConnectionStateRecovery.builder().maxDisconnectionDuration(Duration.ofSeconds(10)));
        String last = offset(store.keep(event("x", 0), to()));
        now = now.plusSeconds(60);   // connected and quiet for a minute: the packet aged out, none after it
        store.persist(session("p"));
        now = now.plusSeconds(5);
        assertEquals(List.of(), store.restore("p", last).orElseThrow().missedPackets());
    }

    @Test
    void sessionsExpireAndTheOldestGoBeyondTheCap() {
        SessionStore store = store(ConnectionStateRecovery.builder().maxDisconnectionDuration(Duration.ofSeconds(10))
                .maxSessions(2));
        String offset = offset(store.keep(event("x", 0), to()));
        store.persist(session("a"));
        store.persist(session("b"));
        store.persist(session("c"));
        assertEquals(Optional.empty(), store.restore("a", offset), "a made room for c");
        assertTrue(store.restore("b", offset).isPresent());
        now = now.plusSeconds(11);
        assertEquals(Optional.empty(), store.restore("c", offset), "expired");
        assertEquals(0, store.sizes()[1]);
    }
}
