package io.socketee.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.AdapterHost;
import io.socketee.socketio.adapter.InMemoryAdapter;
import io.socketee.socketio.redis.RedisAdapter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The children of a dynamic namespace, in process (no container): which CONNECTs create one, and when one goes away
 * again (with its adapter closed).
 */
class DynamicNamespaceLifecycleTest {
    private static final Pattern DYN = Pattern.compile("/dyn-\\d+");

    private final EngineIoServer engine = EngineIoServer.create(EngineIoConfig.builder().build());
    /** Adapters of the {@code /dyn-*} children: created, and closed, by namespace name. */
    private final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> closed = new ConcurrentHashMap<>();
    private SocketIoServer io;

    @AfterEach
    void close() {
        if (io != null) {
            io.close();
        }
        engine.close();
    }

    private SocketIoServer server(SocketIoConfig.Builder config) {
        io = SocketIoServer.create(engine, config.adapter(this::recordingAdapter).build());
        return io;
    }

    private Adapter recordingAdapter(AdapterHost host) {
        String name = host.namespace();
        if (name.startsWith("/dyn-")) {
            created.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        }
        return new InMemoryAdapter(host) {
            @Override
            public synchronized void close() {
                if (name.startsWith("/dyn-")) {
                    closed.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                }
                super.close();
            }
        };
    }

    private static int count(Map<String, AtomicInteger> counts) {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Test
    void aFloodOfConnectsOnOneConnectionCreatesNoChildBeyondTheNamespaceLimit() throws Exception {
        DynamicNamespace dyn = server(SocketIoConfig.builder()).of(DYN);
        FakeClient client = FakeClient.open(engine);
        for (int i = 1; i <= 20_000; i++) {
            client.send("40/dyn-" + i + ",");
        }
        assertEquals(100, dyn.children().size(), "the limit is maxNamespaces (100) per connection");
        assertEquals(100, count(created), "no adapter was made for a refused namespace");
        assertTrue(client.next("40/dyn-100,").startsWith("40/dyn-100,{\"sid\":"));
        assertEquals("44/dyn-101,{\"message\":\"Too many namespaces\"}", client.next("44/"));
    }

    @Test
    void childrenOfRefusedConnectionsGoAwayWithTheirAdapters() throws Exception {
        DynamicNamespace dyn = server(SocketIoConfig.builder()).of(DYN);
        dyn.use((socket, next) -> next.refuse(new ConnectionRefusedException("not you")));
        for (int c = 0; c < 100; c++) {
            FakeClient client = FakeClient.open(engine);
            for (int i = 0; i < 10; i++) {
                client.send("40/dyn-" + (c * 10 + i) + ",");
            }
            assertEquals("44/dyn-" + (c * 10) + ",{\"message\":\"not you\"}", client.next("44/"));
        }
        assertEquals(0, dyn.children().size(), "1000 names were tried, every one refused");
        assertEquals(1000, count(created));
        assertEquals(1000, count(closed), "each child's adapter was closed");
    }

    @Test
    void childrenOfConnectionsThatCloseWhileInTheMiddlewaresGoAway() {
        DynamicNamespace dyn = server(SocketIoConfig.builder()).of(DYN);
        List<Middleware.Next> undecided = new ArrayList<>();
        dyn.use((socket, next) -> undecided.add(next));   // decided later: a database lookup, say
        FakeClient client = FakeClient.open(engine);
        for (int i = 0; i < 50; i++) {
            client.send("40/dyn-" + i + ",");
        }
        assertEquals(50, dyn.children().size(), "waiting in the middlewares");
        client.hangUp();
        assertEquals(0, dyn.children().size(), "the connection closed");
        assertEquals(50, count(closed));

        undecided.forEach(Middleware.Next::proceed);   // the answers come after the client left
        assertEquals(0, dyn.children().size(), "no socket was admitted, no child came back");
        assertEquals(50, count(created));
    }

    @Test
    void aChildIsKeptWhenItsSocketsLeaveByDefaultAsOnNode() throws Exception {
        DynamicNamespace dyn = server(SocketIoConfig.builder()).of(DYN);
        FakeClient client = FakeClient.open(engine);
        client.send("40/dyn-1,");
        assertTrue(client.next("40/dyn-1,").startsWith("40/dyn-1,{\"sid\":"));
        client.send("41/dyn-1,");
        FakeClient other = FakeClient.open(engine);
        other.send("40/dyn-2,");
        other.hangUp();
        assertEquals(Set.of("/dyn-1", "/dyn-2"), dyn.children().keySet(),
                "an admitted socket's connection listeners may keep its namespace: Node keeps it too");
        assertEquals(0, count(closed));
    }

    @Test
    void aRefusedChildThatTheApplicationAttachedListenersToIsKept() throws Exception {
        DynamicNamespace dyn = server(SocketIoConfig.builder()).of(DYN);
        dyn.use((socket, next) -> {
            socket.namespace().onConnection(s -> s.emit("vip"));   // the application's own use of the child
            next.refuse(new ConnectionRefusedException("later"));
        });
        FakeClient client = FakeClient.open(engine);
        client.send("40/dyn-7,");
        assertEquals("44/dyn-7,{\"message\":\"later\"}", client.next("44/"));
        assertEquals(Set.of("/dyn-7"), dyn.children().keySet());
        assertEquals(0, count(closed));
    }

    @Test
    void withCleanupEmptyChildNamespacesAChildGoesWithItsLastSocket() throws Exception {
        DynamicNamespace dyn = server(SocketIoConfig.builder().cleanupEmptyChildNamespaces(true)).of(DYN);
        dyn.onConnection(socket -> socket.emit("welcome"));
        for (int i = 0; i < 10_000; i++) {
            FakeClient client = FakeClient.open(engine);
            client.send("40/dyn-" + i + ",");
            if (i % 2 == 0) {
                client.send("41/dyn-" + i + ",");   // leaves the namespace, keeps the connection
            }
            client.hangUp();
        }
        assertEquals(0, dyn.children().size(), "10,000 clients came and went");
        assertEquals(10_000, count(created));
        assertEquals(10_000, count(closed));
        assertEquals(0, engine.clientsCount());
    }

    @Test
    void withCleanupEmptyChildNamespacesAChildStaysWhileAConnectionIsInItsMiddlewares() throws Exception {
        DynamicNamespace dyn = server(SocketIoConfig.builder().cleanupEmptyChildNamespaces(true)).of(DYN);
        List<Middleware.Next> undecided = new ArrayList<>();
        List<Socket> admitted = new ArrayList<>();
        dyn.use((socket, next) -> {
            if (socket.handshake().auth().containsKey("wait")) {
                undecided.add(next);
            } else {
                next.proceed();
            }
        });
        dyn.onConnection(admitted::add);
        FakeClient ann = FakeClient.open(engine);
        ann.send("40/dyn-1,");
        FakeClient bob = FakeClient.open(engine);
        bob.send("40/dyn-1,{\"wait\":true}");
        Namespace child = dyn.children().get("/dyn-1");

        ann.send("41/dyn-1,");
        assertEquals(Map.of("/dyn-1", child), dyn.children(), "bob is still connecting to it");
        undecided.get(0).proceed();
        assertTrue(bob.next("40/dyn-1,").startsWith("40/dyn-1,{\"sid\":"));
        assertEquals(2, admitted.size());
        assertTrue(admitted.get(1).namespace() == child, "bob joined the namespace ann was in");

        bob.hangUp();
        assertEquals(0, dyn.children().size());
        assertEquals(1, count(created));
        assertEquals(1, count(closed));
    }

    @Test
    void withCleanupEmptyChildNamespacesConcurrentComingsAndGoingsNeverLoseASocketOrAnAdapter() throws Exception {
        DynamicNamespace dyn = server(SocketIoConfig.builder().cleanupEmptyChildNamespaces(true)).of(DYN);
        dyn.use((socket, next) -> {
            if (socket.handshake().auth().containsKey("no")) {
                next.refuse(new ConnectionRefusedException("no"));
            } else {
                next.proceed();
            }
        });
        AtomicInteger inDeadChild = new AtomicInteger();
        dyn.onConnection(socket -> {
            if (dyn.children().get(socket.namespace().name()) != socket.namespace()) {
                inDeadChild.incrementAndGet();
            }
        });
        int threads = 8;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int seed = t;
            workers.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 300; i++) {
                        FakeClient client = FakeClient.open(engine);
                        String name = "/dyn-" + (i % 3);      // three names, shared by every thread
                        client.send("40" + name + "," + ((i + seed) % 4 == 0 ? "{\"no\":1}" : ""));
                        if ((i + seed) % 2 == 0) {
                            client.send("41" + name + ",");
                        }
                        client.hangUp();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join(60_000);
        }
        assertEquals(List.of(), failures);
        assertEquals(0, inDeadChild.get(), "a socket was admitted into a removed child");
        assertEquals(0, dyn.children().size());
        assertEquals(count(created), count(closed), "every child made was closed once: " + created + " / " + closed);
    }

    @Test
    void aRemovedChildUnsubscribesItsRedisChannels() throws Exception {
        FakeRedisDriver redis = new FakeRedisDriver();
        io = SocketIoServer.create(engine, SocketIoConfig.builder().cleanupEmptyChildNamespaces(true)
                .adapter(RedisAdapter.factory(redis)).build());
        DynamicNamespace dyn = io.of(DYN);
        Set<String> mainChannels = redis.channels();
        FakeClient client = FakeClient.open(engine);
        client.send("40/dyn-5,");
        assertTrue(client.next("40/dyn-5,").startsWith("40/dyn-5,{\"sid\":"));
        Set<String> withChild = redis.channels();
        assertTrue(withChild.size() > mainChannels.size() && withChild.stream().anyMatch(c -> c.contains("#/dyn-5#")),
                withChild.toString());

        client.hangUp();
        assertEquals(0, dyn.children().size());
        assertEquals(mainChannels, redis.channels(), "the child's channels were unsubscribed");
    }
}
