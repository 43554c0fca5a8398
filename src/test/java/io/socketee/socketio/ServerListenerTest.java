package io.socketee.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.EngineIoSocket;
import io.socketee.engineio.protocol.Packet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The instrumentation hooks of the server ({@link ServerListener}), in process: which namespaces it is told of, that a
 * socket is reported before the connection listeners see it, and what is reported as written.
 */
class ServerListenerTest {
    private final EngineIoServer engine = EngineIoServer.create(EngineIoConfig.builder().build());
    private final SocketIoServer io = SocketIoServer.create(engine);
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        io.close();
    }

    private final ServerListener recorder = new ServerListener() {
        @Override
        public void namespaceCreated(Namespace namespace) {
            seen.add("namespace " + namespace.name());
        }

        @Override
        public void socketConnected(Socket socket) {
            seen.add("socket " + socket.namespace().name() + " rooms=" + socket.rooms().size());
        }

        @Override
        public void messagesSent(EngineIoSocket connection, List<Packet> messages) {
            for (Packet message : messages) {
                seen.add("sent " + ((Packet.Text) message).data());
            }
        }
    };

    @Test
    void toldOfNewNamespacesOnceAndOfDynamicChildren() throws Exception {
        io.of("/before");
        io.addListener(recorder);
        io.of("/after");
        io.of("/after");
        io.of(Pattern.compile("/dyn-\\d+"));
        FakeClient client = FakeClient.open(engine);
        client.send("40/dyn-1,");
        assertTrue(client.next("40/dyn-1").startsWith("40/dyn-1,{\"sid\""));
        assertEquals(List.of("namespace /after", "namespace /dyn-1"),
                seen.stream().filter(s -> s.startsWith("namespace")).toList());
        assertEquals(List.of("/", "/before", "/after", "/dyn-1"),
                io.namespaces().stream().map(Namespace::name).sorted((a, b) -> order(a) - order(b)).toList());
    }

    private static int order(String name) {
        return List.of("/", "/before", "/after", "/dyn-1").indexOf(name);
    }

    @Test
    void aSocketIsReportedInItsRoomBeforeTheConnectionListenersAndItsWritesAfter() throws Exception {
        io.addListener(recorder);
        io.addListener(new ServerListener() {
            @Override
            public void socketConnected(Socket socket) {
                throw new IllegalStateException("a failing listener is logged, the others still run");
            }
        });
        io.onConnection(socket -> {
            seen.add("connection listener");
            socket.emit("hello", 1);
        });
        FakeClient client = FakeClient.open(engine);
        client.send("40");
        assertTrue(client.next("40").startsWith("40{\"sid\""));
        assertEquals("42[\"hello\",1]", client.next("42"));
        assertEquals("sent 0{\"sid\"", seen.get(0).substring(0, "sent 0{\"sid\"".length()));
        assertEquals(List.of("socket / rooms=1", "connection listener", "sent 2[\"hello\",1]"), seen.subList(1, 4));
    }
}
