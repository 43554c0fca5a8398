package io.socketee.socketio.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.socketee.socketio.core.Ack;
import io.socketee.socketio.core.RemoteSocket;
import jakarta.json.JsonArray;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The in-memory adapter reports room changes as Node's adapter emits them ({@code create-room}, {@code join-room},
 * {@code leave-room}, {@code delete-room}), only for real changes, and never with its lock held.
 */
class RoomListenerTest {
    private final InMemoryAdapter adapter = new InMemoryAdapter(new AdapterHost() {
        @Override
        public String namespace() {
            return "/";
        }

        @Override
        public boolean deliver(String socketId, OutgoingPacket packet, boolean isVolatile,
                               Consumer<JsonArray> onAck) {
            return false;
        }

        @Override
        public Optional<RemoteSocket> socket(String socketId) {
            return Optional.empty();
        }

        @Override
        public long nextAckId() {
            return 0;
        }

        @Override
        public void onServerSideEvent(JsonArray eventAndArgs, Ack ack) {
        }
    });
    private final List<String> events = new CopyOnWriteArrayList<>();

    /** Records every event, and checks that the adapter's monitor is free (another thread could take it). */
    private final RoomListener recorder = new RoomListener() {
        @Override
        public void roomCreated(String room) {
            record("create " + room);
        }

        @Override
        public void roomJoined(String room, String socketId) {
            record("join " + room + " " + socketId);
        }

        @Override
        public void roomLeft(String room, String socketId) {
            record("leave " + room + " " + socketId);
        }

        @Override
        public void roomDeleted(String room) {
            record("delete " + room);
        }

        private void record(String event) {
            assertFalse(Thread.holdsLock(adapter), "told under the adapter's lock: " + event);
            events.add(event);
        }
    };

    @Test
    void reportsCreateJoinLeaveDeleteInNodesOrder() {
        adapter.addRoomListener(recorder);
        adapter.addAll("a", Set.of("a"));
        adapter.addAll("a", Set.of("lobby"));
        adapter.addAll("b", Set.of("lobby"));
        adapter.addAll("b", Set.of("lobby"));        // already in it: nothing
        adapter.del("a", "lobby");
        adapter.del("a", "nowhere");                 // not in it: nothing
        adapter.delAll("b");
        assertEquals(List.of("create a", "join a a", "create lobby", "join lobby a", "join lobby b", "leave lobby a",
                "leave lobby b", "delete lobby"), events);
        adapter.delAll("a");
        assertEquals(List.of("leave a a", "delete a"), events.subList(8, 10));
    }

    @Test
    void aFailingListenerIsLoggedAndTheOthersAndTheChangeStand() {
        adapter.addRoomListener(new RoomListener() {
            @Override
            public void roomJoined(String room, String socketId) {
                throw new IllegalStateException("listener failure");
            }
        });
        adapter.addRoomListener(recorder);
        adapter.addAll("a", Set.of("lobby"));
        assertEquals(List.of("create lobby", "join lobby a"), events);
        assertEquals(Set.of("lobby"), adapter.socketRooms("a"));
    }
}
