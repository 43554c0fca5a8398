package io.socketee.example.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.adapter.ConnectionStateRecovery;
import io.socketee.testing.ConnectError;
import io.socketee.testing.ReceivedEvent;
import io.socketee.testing.TestClient;
import io.socketee.testing.TestServer;
import io.socketee.testing.cdi.CdiTestServer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat's handlers as deployed (the CDI bean on Weld SE, with the library's extension) and driven by in-memory
 * clients of the test kit: no container, no network, milliseconds per test.
 */
class ChatHandlersTest {
    private CdiTestServer cdi;
    private TestServer server;

    @BeforeEach
    void start() {
        cdi = CdiTestServer.start(ChatHandlers.class);
        server = cdi.server();
    }

    @AfterEach
    void stop() {
        cdi.close();
    }

    private TestClient user(String nick) {
        return server.client().auth(new Hello(nick)).connect();
    }

    private TestClient inRoom(String nick, String room) {
        TestClient client = user(nick);
        assertTrue(client.emitWithAck("join", room).arg(0, Boolean.class));
        return client;
    }

    @Test
    void aNicknameIsRequiredAndChecked() {
        for (Object auth : new Object[] {Map.of(), new Hello("no spaces allowed"), new Hello("x".repeat(25))}) {
            TestClient refused = server.client().auth(auth).attempt();
            assertFalse(refused.connected(), "auth " + auth);
            ConnectError error = refused.connectError().orElseThrow();
            assertEquals("pick a nickname: 1-24 letters, digits, _ . -", error.message());
            assertEquals("nickname", ((JsonObject) error.data()).getString("reason"));
        }
        assertTrue(user("Zoë_1").connected(), "letters of any script, digits, _ . -");
    }

    @Test
    void joiningARoomTellsItsOtherMembers() {
        TestClient alice = inRoom("alice", "lobby");
        TestClient bob = inRoom("bob", "lobby");
        ReceivedEvent joined = alice.received("joined");
        assertEquals("lobby", joined.text(0));
        assertEquals("bob", joined.text(1));
        bob.didNotReceive("joined");
    }

    @Test
    void aMessageGoesToTheRoomsOtherMembersAndIsAcknowledgedToItsSender() {
        TestClient alice = inRoom("alice", "lobby");
        TestClient bob = inRoom("bob", "lobby");
        TestClient carol = inRoom("carol", "elsewhere");
        Receipt receipt = alice.emitWithAck("message", new Message("lobby", null, "hello", 0)).arg(0, Receipt.class);
        assertTrue(receipt.delivered());
        Message received = bob.received("message", Message.class);
        assertEquals(new Message("lobby", "alice", "hello", receipt.at()), received);
        alice.didNotReceive("message");
        carol.didNotReceive("message");
    }

    @Test
    void longMessagesAreCutAndEmptyOnesRefused() {
        TestClient alice = inRoom("alice", "lobby");
        TestClient bob = inRoom("bob", "lobby");
        alice.emitWithAck("message", new Message("lobby", null, "x".repeat(5000), 0)).await();
        assertEquals(2000, bob.received("message", Message.class).text().length());

        var noAck = alice.emitWithAck("message", new Message("lobby", null, "  ", 0));
        assertEquals("empty message", alice.received("problem").text(0), "the @OnError handler tells the sender");
        noAck.assertNotAnswered();
        bob.didNotReceive("message");
    }

    @Test
    void onlyMembersOfARoomMaySpeakInIt() {
        TestClient alice = user("alice");
        alice.emit("message", new Message("lobby", null, "hi", 0));
        assertEquals("not in room lobby", alice.received("problem").text(0));
        alice.emit("join", "bad room!");
        assertEquals("bad room name: bad room!", alice.received("problem").text(0));
        assertTrue(alice.connected(), "a handler's exception does not cost the connection");
    }

    @Test
    void typingIsRelayedToTheRoomAndStaleTypingIgnored() {
        TestClient alice = inRoom("alice", "lobby");
        TestClient bob = inRoom("bob", "lobby");
        alice.emit("typing", new Typing("lobby", null, true));
        assertEquals(new Typing("lobby", "alice", true), bob.received("typing", Typing.class));
        alice.emit("typing", new Typing("not-joined", null, true));
        bob.didNotReceive("typing");
        alice.received("joined");
        alice.receivedNothing();
    }

    @Test
    void imagesTravelAsBinaryAttachments() {
        TestClient alice = inRoom("alice", "lobby");
        TestClient bob = inRoom("bob", "lobby");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        Receipt receipt = alice.emitWithAck("image", new Image("lobby", null, "dot.png", "text/html"), png)
                .arg(0, Receipt.class);
        assertTrue(receipt.delivered());
        ReceivedEvent image = bob.received("image");
        assertEquals(new Image("lobby", "alice", "dot.png", "image/png"), image.arg(0, Image.class),
                "a type that is not an image is replaced");
        assertArrayEquals(png, image.bytes(1));
    }

    @Test
    void privateMessagesReachTheirAddresseeOnly() {
        TestClient alice = user("alice");
        TestClient bob = user("bob");
        TestClient carol = user("carol");
        alice.emitWithAck("private", new PrivateMessage("bob", null, "psst", 0)).await();
        PrivateMessage received = bob.received("private", PrivateMessage.class);
        assertEquals("alice", received.from());
        assertEquals("psst", received.text());
        carol.receivedNothing();
        alice.receivedNothing();
    }

    @Test
    void theUserListOfARoomIsSortedAndFollowsJoinsAndLeaves() {
        TestClient carol = inRoom("carol", "lobby");
        inRoom("alice", "lobby");
        TestClient bob = inRoom("bob", "lobby");
        inRoom("dave", "elsewhere");
        assertEquals(new Users("lobby", List.of("alice", "bob", "carol")),
                carol.emitWithAck("users", "lobby").arg(0, Users.class));
        assertTrue(bob.emitWithAck("leave", "lobby").arg(0, Boolean.class));
        ReceivedEvent left = carol.received("left");
        assertEquals(List.of("lobby", "bob"), List.of(left.text(0), left.text(1)));
        assertEquals(List.of("alice", "carol"), carol.emitWithAck("users", "lobby").arg(0, Users.class).users());
    }

    @Test
    void whoGoesAwayIsAnnouncedInEachOfTheirRooms() {
        TestClient alice = inRoom("alice", "lobby");
        TestClient bob = inRoom("bob", "lobby");
        bob.emitWithAck("join", "games").await();
        TestClient carol = inRoom("carol", "games");
        bob.close();   // the tab closes: no goodbye
        assertEquals("bob", alice.received("left").text(1));
        ReceivedEvent carolHears = carol.received("left");
        assertEquals(List.of("games", "bob"), List.of(carolHears.text(0), carolHears.text(1)));
        carol.didNotReceive("left");
    }

    @Test
    void aSilentClientIsDroppedByThePingTimeoutAndItsRoomsAreTold() {
        TestClient alice = inRoom("alice", "lobby");
        TestClient bob = inRoom("bob", "lobby");
        bob.stopHeartbeat();
        server.advance(Duration.ofSeconds(25 + 20 + 1));   // pingInterval + pingTimeout, in virtual time
        assertFalse(bob.connected());
        assertEquals("bob", alice.received("left").text(1));
        assertTrue(alice.connected(), "alice answers her pings");
    }

    @Test
    void aUserCutOffComesBackToItsRoomsWithWhatWasSaidMeanwhile() {
        // as the WAR deploys it: connection state recovery on (web.xml), Node's defaults
        cdi.close();
        cdi = CdiTestServer.builder().beanClasses(ChatHandlers.class).server(TestServer.builder().socketIo(
                SocketIoConfig.builder().connectionStateRecovery(ConnectionStateRecovery.defaults()).build())).start();
        server = cdi.server();
        TestClient alice = inRoom("alice", "lobby");
        TestClient bob = inRoom("bob", "lobby");
        alice.received("joined");
        String id = alice.id();

        alice.close();   // the train enters a tunnel
        assertEquals("alice", bob.received("left").text(1));
        bob.emitWithAck("message", new Message("lobby", null, "are you there?", 0)).await();
        bob.emitWithAck("message", new Message("lobby", null, "hello?", 0)).await();
        server.advance(Duration.ofSeconds(30));

        TestClient back = alice.reconnect();
        assertTrue(back.recovered());
        assertEquals(id, back.id());
        assertEquals("are you there?", back.received("message", Message.class).text());
        assertEquals("hello?", back.received("message", Message.class).text());
        back.didNotReceive("left");   // its own departure is not replayed to it
        ReceivedEvent again = bob.received("joined");
        assertEquals(List.of("lobby", "alice"), List.of(again.text(0), again.text(1)));
        assertEquals(List.of("alice", "bob"), back.emitWithAck("users", "lobby").arg(0, Users.class).users());
    }
}
