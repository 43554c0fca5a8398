package io.socketee.it;

import static io.socketee.it.JavaClients.ask;
import static io.socketee.it.JavaClients.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import io.socketee.socketio.ConnectionRefusedException;
import io.socketee.socketio.DynamicNamespace;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.core.RemoteSocket;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The server-side API on real connections (the Java client, over WebSocket): fetchSockets and the operations on what
 * it returns, socketsJoin/socketsLeave/disconnectSockets, broadcasts with acks, onAny/onAnyOutgoing, packet
 * middleware, asynchronous connect middleware, dynamic namespaces (which CONNECTs make a child, and when it goes away),
 * acks of sockets that leave before answering, and the handshake. Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SocketIoServerApiContract {
    private static final long WAIT = 5;

    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    private EngineIoServer engine;
    private SocketIoServer io;
    /** At /limited: two namespaces per connection, two pending acks per socket. */
    private EngineIoServer limitedEngine;
    private SocketIoServer limited;
    private final LinkedBlockingQueue<io.socketee.socketio.Socket> limitedSockets = new LinkedBlockingQueue<>();
    /** At /rooms: {@code cleanupEmptyChildNamespaces} on, children {@code /room-N}. */
    private EngineIoServer roomsEngine;
    private SocketIoServer rooms;
    private DynamicNamespace roomChildren;
    /** The children {@code /dyn-N} of the main server (where the option is off, as on Node). */
    private DynamicNamespace dynChildren;
    private String url;
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(1, TimeUnit.MINUTES).build();
    private final List<Socket> clients = new ArrayList<>();
    private final Map<String, io.socketee.socketio.Socket> serverSockets = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();

    @BeforeAll
    void start() throws Exception {
        engine = EngineIoServer.create(EngineIoConfig.builder().build());
        io = SocketIoServer.create(engine);
        io.use((socket, next) -> {
            if (socket.handshake().auth().containsKey("late")) {
                // Decided later, on another thread, as a middleware waiting for a database would.
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() ->
                        next.refuse(new ConnectionRefusedException("decided later", Map.of("late", true))));
            } else {
                next.proceed();
            }
        });
        io.onConnection(socket -> {
            String name = socket.handshake().auth().getString("name", socket.id());
            socket.data().put("name", name);
            serverSockets.put(name, socket);
            socket.onAny((event, args) -> seen.add("in:" + event));
            socket.onAnyOutgoing((event, args) -> seen.add("out:" + event));
            socket.use((event, args, next) -> {
                if (event.equals("forbidden")) {
                    next.fail(new IllegalStateException("forbidden event"));
                } else {
                    next.proceed();
                }
            });
            socket.onError(error -> seen.add("error:" + error.getMessage()));
            socket.on("join", (args, ack) -> {
                socket.join(((JsonString) args.get(0)).getString());
                ack.send("ok");
            });
            socket.on("forbidden", (args, ack) -> seen.add("handled:forbidden"));
            socket.on("allowed", (args, ack) -> ack.send("fine"));
        });
        dynChildren = io.of(Pattern.compile("/dyn-\\d+"));
        dynChildren.use((socket, next) -> {
            if (socket.handshake().auth().containsKey("deny")) {
                next.refuse(new ConnectionRefusedException("denied"));
            } else {
                next.proceed();
            }
        });
        dynChildren.onConnection(socket -> socket.emit("welcome", socket.namespace().name()));
        limitedEngine = EngineIoServer.create(EngineIoConfig.builder().build());
        limited = SocketIoServer.create(limitedEngine, SocketIoConfig.builder()
                .maxNamespaces(2).maxPendingAcks(2).build());
        limited.onConnection(limitedSockets::add);
        limited.of("/a");
        limited.of("/b");
        roomsEngine = EngineIoServer.create(EngineIoConfig.builder().build());
        rooms = SocketIoServer.create(roomsEngine, SocketIoConfig.builder().cleanupEmptyChildNamespaces(true).build());
        roomChildren = rooms.of(Pattern.compile("/room-\\d+"));
        roomChildren.onConnection(socket -> socket.emit("welcome", socket.namespace().name()));
        container = harness();
        ServletContainerInitializer app = (classes, context) -> {
            context.addServlet("login", new jakarta.servlet.http.HttpServlet() {
                @Override
                protected void doGet(jakarta.servlet.http.HttpServletRequest req,
                                     jakarta.servlet.http.HttpServletResponse resp) {
                    req.getSession(true).setAttribute("user", req.getParameter("user"));
                    resp.setStatus(204);
                }
            }).addMapping("/login");
            EngineIoServlet.register(context, engine, "/socket.io");
            EngineIoServlet.register(context, limitedEngine, "/limited");
            EngineIoServlet.register(context, roomsEngine, "/rooms");
        };
        url = "http://127.0.0.1:" + container.start(app);
    }

    @AfterAll
    void stop() throws Exception {
        if (container != null) {
            container.close();
        }
        if (io != null) {
            io.close();
            limited.close();
            rooms.close();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @AfterEach
    void disconnectAll() throws InterruptedException {
        clients.forEach(Socket::disconnect);
        clients.clear();
        serverSockets.clear();
        seen.clear();
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (engine.clientsCount() + roomsEngine.clientsCount() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(0, engine.clientsCount() + roomsEngine.clientsCount(), "connections left open");
    }

    private Socket client(String namespace, Map<String, String> auth) {
        return client("/socket.io", namespace, auth, true);
    }

    private Socket client(String path, String namespace, Map<String, String> auth, boolean forceNew) {
        return client(path, namespace, auth, forceNew, Map.of());
    }

    private Socket client(String path, String namespace, Map<String, String> auth, boolean forceNew,
                          Map<String, List<String>> headers) {
        IO.Options options = IO.Options.builder().setForceNew(forceNew).setReconnection(false).setPath(path)
                .setTransports(new String[] {WebSocket.NAME}).setAuth(auth).setExtraHeaders(headers).build();
        options.callFactory = http;
        options.webSocketFactory = http;
        Socket socket = IO.socket(URI.create(url + namespace), options);
        clients.add(socket);
        return socket;
    }

    /** Connects a named client to the main namespace and waits until the server has its socket. */
    private Socket named(String name) throws Exception {
        Socket socket = client("/", Map.of("name", name));
        assertEquals("connected", connect(socket));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (!serverSockets.containsKey(name) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        return socket;
    }

    private static LinkedBlockingQueue<String> record(Socket socket, String event) {
        LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
        socket.on(event, args -> got.add(args.length == 0 ? "" : String.valueOf(args[0])));
        return got;
    }

    @Test
    void fetchSocketsReturnsLiveSocketsThatCanBeToldWhatToDo() throws Exception {
        Socket ann = named("ann");
        Socket bob = named("bob");
        named("cid");
        ask(ann, "join", "r");
        ask(bob, "join", "r");
        List<RemoteSocket> inRoom = io.in("r").fetchSockets().get(WAIT, TimeUnit.SECONDS);
        assertEquals(Set.of("ann", "bob"), inRoom.stream().map(s -> (String) s.data().get("name"))
                .collect(Collectors.toSet()));
        RemoteSocket annRemote = inRoom.stream().filter(s -> s.data().get("name").equals("ann")).findFirst()
                .orElseThrow();
        assertTrue(annRemote.rooms().containsAll(Set.of("r", annRemote.id())));

        LinkedBlockingQueue<String> annHi = record(ann, "hi");
        annRemote.emit("hi", "from fetchSockets");
        assertEquals("from fetchSockets", annHi.poll(WAIT, TimeUnit.SECONDS));

        annRemote.join("x");
        annRemote.leave("r");
        assertEquals(Set.of(annRemote.id(), "x"), annRemote.rooms());

        CompletableFuture<String> reason = new CompletableFuture<>();
        bob.on(Socket.EVENT_DISCONNECT, args -> reason.complete(String.valueOf(args[0])));
        inRoom.stream().filter(s -> s.data().get("name").equals("bob")).findFirst().orElseThrow().disconnect(false);
        assertEquals("io server disconnect", reason.get(WAIT, TimeUnit.SECONDS));
    }

    @Test
    void socketsJoinLeaveAndDisconnectActOnTheSelection() throws Exception {
        Socket ann = named("ann");
        Socket bob = named("bob");
        LinkedBlockingQueue<String> annNews = record(ann, "news");
        LinkedBlockingQueue<String> bobNews = record(bob, "news");
        io.socketsJoin("everyone");
        io.to("everyone").emit("news", "one");
        assertEquals("one", annNews.poll(WAIT, TimeUnit.SECONDS));
        assertEquals("one", bobNews.poll(WAIT, TimeUnit.SECONDS));

        io.in(serverSockets.get("bob").id()).socketsLeave("everyone");
        io.to("everyone").emit("news", "two");
        assertEquals("two", annNews.poll(WAIT, TimeUnit.SECONDS));
        assertEquals(null, bobNews.poll(300, TimeUnit.MILLISECONDS), "bob left the room");

        CompletableFuture<String> annGone = new CompletableFuture<>();
        ann.on(Socket.EVENT_DISCONNECT, args -> annGone.complete(String.valueOf(args[0])));
        io.in("everyone").disconnectSockets(false);
        assertEquals("io server disconnect", annGone.get(WAIT, TimeUnit.SECONDS));
        assertTrue(bob.connected(), "bob was not in the room any more");
    }

    @Test
    void broadcastWithAcksCollectsOneAnswerPerClientAndFailsAtTheTimeout() throws Exception {
        Socket ann = named("ann");
        Socket bob = named("bob");
        Socket cid = named("cid");
        ann.on("poll", args -> ((Ack) args[args.length - 1]).call("yes from ann"));
        bob.on("poll", args -> ((Ack) args[args.length - 1]).call("yes from bob"));
        cid.on("poll", args -> { });   // never answers
        Instant start = Instant.now();
        var timedOut = io.sockets().timeout(Duration.ofMillis(700)).emitWithAck("poll", "lunch?");
        var failure = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> timedOut.get(WAIT, TimeUnit.SECONDS), "fails as Node's when not everyone answered");
        var timeout = assertInstanceOf(io.socketee.socketio.BroadcastAckTimeoutException.class, failure.getCause());
        List<JsonValue> answers = timeout.responses();
        assertEquals(Set.of("yes from ann", "yes from bob"), answers.stream()
                .map(v -> ((JsonString) v).getString()).collect(Collectors.toSet()));
        assertTrue(Duration.between(start, Instant.now()).toMillis() >= 600, "waited for the silent client");

        cid.on("poll2", args -> ((Ack) args[args.length - 1]).call("late but there"));
        ann.on("poll2", args -> ((Ack) args[args.length - 1]).call(1));
        bob.on("poll2", args -> ((Ack) args[args.length - 1]).call(2));
        assertEquals(3, io.sockets().timeout(Duration.ofSeconds(4)).emitWithAck("poll2")
                .get(WAIT, TimeUnit.SECONDS).size(), "completes as soon as everyone answered");
    }

    @Test
    void anyListenersAndPacketMiddlewareSeeEveryEvent() throws Exception {
        Socket ann = named("ann");
        assertEquals("fine", ask(ann, "allowed")[0]);
        ann.emit("forbidden");
        serverSockets.get("ann").emit("ping-from-server");
        List<String> events = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (events.size() < 4 && System.nanoTime() < end) {
            String e = seen.poll(100, TimeUnit.MILLISECONDS);
            if (e != null) {
                events.add(e);
            }
        }
        assertTrue(events.containsAll(List.of("in:allowed", "in:forbidden", "error:forbidden event",
                "out:ping-from-server")), events.toString());
        assertFalse(events.contains("handled:forbidden"), "the middleware stopped the event");
        assertTrue(ann.connected(), "a failed middleware keeps the connection");
    }

    @Test
    void connectMiddlewareMayDecideLaterOnAnotherThread() throws Exception {
        Object outcome = connect(client("/", Map.of("late", "1")));
        assertTrue(outcome instanceof org.json.JSONObject, String.valueOf(outcome));
        org.json.JSONObject error = (org.json.JSONObject) outcome;
        assertEquals("decided later", error.getString("message"));
        assertTrue(error.getJSONObject("data").getBoolean("late"));
    }

    @Test
    void dynamicNamespacesAreCreatedForMatchingNamesOnly() throws Exception {
        Socket dyn = client("/dyn-42", Map.of());
        LinkedBlockingQueue<String> welcome = record(dyn, "welcome");
        assertEquals("connected", connect(dyn));
        assertEquals("/dyn-42", welcome.poll(WAIT, TimeUnit.SECONDS));
        Object refused = connect(client("/dyn-x", Map.of()));
        assertTrue(String.valueOf(refused).contains("Invalid namespace"), String.valueOf(refused));
    }

    @Test
    void aFloodOfConnectsOnOneConnectionMakesNoChildBeyondTheNamespaceLimit() throws Exception {
        Ws ws = Ws.connect(URI.create(url).getPort(), "/socket.io/?EIO=4&transport=websocket");
        try {
            assertTrue(String.valueOf(ws.next()).startsWith("0{"));
            int flood = 300;
            for (int i = 0; i < flood; i++) {
                ws.send("40/dyn-" + (90_000 + i) + ",");
            }
            int joined = 0;
            int refused = 0;
            for (int i = 0; i < 2 * flood && joined + refused < flood; i++) {   // replies, and welcome events
                String frame = String.valueOf(ws.nextIgnoringHeartbeat());
                if (frame.startsWith("40/dyn-9")) {
                    joined++;
                } else if (frame.startsWith("44/dyn-9") && frame.contains("Too many namespaces")) {
                    refused++;
                }
            }
            assertEquals(100, joined, "maxNamespaces (100) per connection");
            assertEquals(flood - 100, refused);
            assertEquals(100, dynChildren.children().keySet().stream().filter(n -> n.startsWith("/dyn-9")).count(),
                    "no child was made for a refused CONNECT");
        } finally {
            ws.abort();
        }
    }

    @Test
    void aChildMadeForARefusedConnectGoesAway() throws Exception {
        Object refused = connect(client("/dyn-777", Map.of("deny", "1")));
        assertTrue(String.valueOf(refused).contains("denied"), String.valueOf(refused));
        assertFalse(dynChildren.children().containsKey("/dyn-777"), "the refused CONNECT left its child behind");
    }

    @Test
    void withCleanupEmptyChildNamespacesAChildGoesWithItsLastClient() throws Exception {
        Socket ann = client("/rooms", "/room-1", Map.of(), true);
        Socket bob = client("/rooms", "/room-1", Map.of(), true);
        LinkedBlockingQueue<String> welcome = record(bob, "welcome");
        assertEquals("connected", connect(ann));
        assertEquals("connected", connect(bob));
        assertEquals("/room-1", welcome.poll(WAIT, TimeUnit.SECONDS));
        ann.disconnect();
        assertTrue(roomChildren.children().containsKey("/room-1"), "bob is still in it");

        bob.disconnect();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (!roomChildren.children().isEmpty() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(Set.of(), roomChildren.children().keySet());

        Socket again = client("/rooms", "/room-1", Map.of(), true);
        LinkedBlockingQueue<String> welcomeAgain = record(again, "welcome");
        assertEquals("connected", connect(again));
        assertEquals("/room-1", welcomeAgain.poll(WAIT, TimeUnit.SECONDS), "a new child, with the parent's listeners");
    }

    @Test
    void emitWithAckFailsAtOnceWhenTheClientLeavesFirst() throws Exception {
        Socket ann = named("ann");
        CompletableFuture<Void> asked = new CompletableFuture<>();
        ann.on("ask", args -> asked.complete(null));   // never answers
        io.socketee.socketio.Socket server = serverSockets.get("ann");
        CompletableFuture<List<JsonValue>> answer = server.emitWithAck(Duration.ofMinutes(10), "ask");
        asked.get(WAIT, TimeUnit.SECONDS);
        ann.disconnect();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> answer.get(WAIT, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof IllegalStateException, String.valueOf(failure.getCause()));
        assertEquals(0, server.pendingAckCount());
    }

    @Test
    void broadcastWithAcksDoesNotWaitForAClientThatLeft() throws Exception {
        Socket ann = named("ann");
        Socket bob = named("bob");
        Socket cid = named("cid");
        ann.on("poll", args -> ((Ack) args[args.length - 1]).call("yes from ann"));
        bob.on("poll", args -> ((Ack) args[args.length - 1]).call("yes from bob"));
        cid.on("poll", args -> cid.disconnect());   // leaves instead of answering
        List<JsonValue> answers = io.sockets().timeout(Duration.ofMinutes(10)).emitWithAck("poll", "lunch?")
                .get(WAIT, TimeUnit.SECONDS);
        assertEquals(Set.of("yes from ann", "yes from bob"), answers.stream()
                .map(v -> ((JsonString) v).getString()).collect(Collectors.toSet()));
    }

    @Test
    void limitsNamespacesPerConnectionAndPendingAcksPerSocket() throws Exception {
        // Three namespaces over one connection (one Manager): the third is refused.
        IO.Options options = IO.Options.builder().setReconnection(false).setPath("/limited")
                .setTransports(new String[] {WebSocket.NAME}).build();
        options.callFactory = http;
        options.webSocketFactory = http;
        io.socket.client.Manager manager = new io.socket.client.Manager(URI.create(url), options);
        Socket root = manager.socket("/");
        Socket a = manager.socket("/a");
        Socket b = manager.socket("/b");
        clients.addAll(List.of(root, a, b));
        assertEquals("connected", connect(root));
        assertEquals("connected", connect(a));
        Object third = connect(b);
        assertTrue(String.valueOf(third).contains("Too many namespaces"), String.valueOf(third));

        io.socketee.socketio.Socket server = limitedSockets.poll(WAIT, TimeUnit.SECONDS);
        assertEquals("/", server.namespace().name());
        var first = server.emitWithAck(Duration.ofSeconds(30), "never-answered");
        var second = server.emitWithAck(Duration.ofSeconds(30), "never-answered");
        var third2 = server.emitWithAck(Duration.ofSeconds(30), "never-answered");
        assertTrue(third2.isCompletedExceptionally(), "a third pending ack is refused at once");
        assertFalse(first.isDone() || second.isDone());
        assertEquals(2, server.pendingAckCount());
    }

    @Test
    void finishedBroadcastWithAcksLeavesNoCallbackOnSilentClients() throws Exception {
        named("quiet");
        var timedOut = io.sockets().timeout(Duration.ofMillis(200)).emitWithAck("poll");
        assertThrows(java.util.concurrent.ExecutionException.class, () -> timedOut.get(WAIT, TimeUnit.SECONDS));
        assertEquals(0, serverSockets.get("quiet").pendingAckCount());
    }

    @Test
    void handshakeCarriesTheHttpSessionOfTheConnectionRequest() throws Exception {
        var login = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(url + "/login?user=ann")).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Socket socket = client("/socket.io", "/", Map.of("name", "with-session"), true,
                Map.of("Cookie", List.of(cookie)));
        assertEquals("connected", connect(socket));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (!serverSockets.containsKey("with-session") && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        Object session = serverSockets.get("with-session").handshake().httpSession().orElseThrow();
        assertEquals("ann", ((jakarta.servlet.http.HttpSession) session).getAttribute("user"));
        named("without-session");
        assertTrue(serverSockets.get("without-session").handshake().httpSession().isEmpty());
    }

    @Test
    void handshakeDescribesTheConnectionRequest() throws Exception {
        named("ann");
        var handshake = serverSockets.get("ann").handshake();
        assertEquals("127.0.0.1", handshake.address());
        assertFalse(handshake.secure());
        assertTrue(handshake.url().startsWith("/socket.io/?"), handshake.url());
        assertEquals("4", handshake.query().get("EIO"));
        assertEquals("websocket", handshake.query().get("transport"));
        assertTrue(handshake.header("Host").orElseThrow().startsWith("127.0.0.1:"));
        assertEquals("ann", handshake.auth().getString("name"));
        assertTrue(Duration.between(handshake.time(), Instant.now()).toSeconds() < 10);
    }
}
