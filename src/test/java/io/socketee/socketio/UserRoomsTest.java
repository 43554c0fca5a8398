package io.socketee.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.socketio.core.UserRoom;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rooms of authenticated users, in process: every socket of a connection opened with a {@code Principal} is in its
 * user's room in each namespace it joins; {@code io.toUser} reaches all of them and nobody else; the handshake keeps
 * the roles the host captured; {@code disconnectClients} ends the connections of one request attribute (what the
 * servlet glue does for an invalidated {@code HttpSession}) with a DISCONNECT per socket.
 */
class UserRoomsTest {
    private final EngineIoServer engine = EngineIoServer.create(EngineIoConfig.builder().build());
    private final LinkedBlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();
    private SocketIoServer io;

    @BeforeEach
    void start() {
        io = SocketIoServer.create(engine);
        io.onConnection(sockets::add);
        io.of("/chat").onConnection(sockets::add);
    }

    @AfterEach
    void close() {
        io.close();
    }

    private static Principal user(String name) {
        return () -> name;
    }

    private FakeClient connect(Map<String, Object> attributes, String... namespaces) throws InterruptedException {
        FakeClient client = FakeClient.open(engine, attributes);
        for (String namespace : namespaces) {
            client.send(namespace.equals("/") ? "40" : "40" + namespace + ",");
            client.next(namespace.equals("/") ? "40{" : "40" + namespace + ",{");
        }
        return client;
    }

    private Socket nextSocket() throws InterruptedException {
        Socket socket = sockets.poll(5, TimeUnit.SECONDS);
        assertTrue(socket != null, "no socket connected");
        return socket;
    }

    @Test
    void socketsOfAUserJoinItsRoomInEachNamespaceAndToUserReachesOnlyThem() throws Exception {
        FakeClient laptop = connect(Map.of(EngineIoRequest.PRINCIPAL, user("alice")), "/", "/chat");
        Socket laptopMain = nextSocket();
        Socket laptopChat = nextSocket();
        FakeClient phone = connect(Map.of(EngineIoRequest.PRINCIPAL, user("alice")), "/");
        nextSocket();
        FakeClient bob = connect(Map.of(EngineIoRequest.PRINCIPAL, user("bob")), "/");
        nextSocket();
        FakeClient anonymous = connect(Map.of(), "/");
        Socket anonymousMain = nextSocket();

        assertEquals(Set.of(laptopMain.id(), UserRoom.of("alice")), laptopMain.rooms());
        assertEquals(Set.of(laptopChat.id(), UserRoom.of("alice")), laptopChat.rooms());
        assertEquals(Set.of(anonymousMain.id()), anonymousMain.rooms());
        assertEquals("socketee:user:alice", UserRoom.of("alice"));

        io.toUser("alice").emit("news", 1);
        assertEquals("42[\"news\",1]", laptop.next("42"));
        assertEquals("42[\"news\",1]", phone.next("42"));
        io.of("/chat").toUser("alice").emit("chat", 2);
        assertEquals("42/chat,[\"chat\",2]", laptop.next("42"));
        io.emit("fence");   // what everyone gets next shows that nobody else got the user's messages
        assertEquals("42[\"fence\"]", bob.next("42"));
        assertEquals("42[\"fence\"]", anonymous.next("42"));
        assertEquals("42[\"fence\"]", phone.next("42"));
    }

    @Test
    void handshakeKeepsTheRolesTheHostCaptured() throws Exception {
        connect(Map.of(EngineIoRequest.PRINCIPAL, user("carol"), EngineIoRequest.ROLES, Set.of("admin", "user")),
                "/");
        Socket socket = nextSocket();
        assertTrue(socket.handshake().isUserInRole("admin"));
        assertFalse(socket.handshake().isUserInRole("auditor"));
        assertEquals("carol", socket.handshake().principal().orElseThrow().getName());
        connect(Map.of(), "/");
        assertEquals(Set.of(), nextSocket().handshake().roles());
    }

    @Test
    void disconnectClientsSendsADisconnectPerSocketThenClosesTheConnection() throws Exception {
        Object session = new Object();
        FakeClient ended = connect(Map.of(EngineIoRequest.HTTP_SESSION, session), "/", "/chat");
        Socket main = nextSocket();
        Socket chat = nextSocket();
        FakeClient other = connect(Map.of(EngineIoRequest.HTTP_SESSION, new Object()), "/");
        Socket stays = nextSocket();

        int closed = io.disconnectClients(request -> request.attribute(EngineIoRequest.HTTP_SESSION)
                .map(s -> s == session).orElse(false));

        assertEquals(1, closed);
        List<String> frames = List.of(ended.next(), ended.next());
        assertTrue(frames.containsAll(List.of("41", "41/chat,")), frames.toString());
        assertFalse(main.connected());
        assertFalse(chat.connected());
        assertTrue(stays.connected());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!ended.closedByServer() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(ended.closedByServer(), "the connection is closed");
        assertFalse(other.closedByServer());
    }
}
