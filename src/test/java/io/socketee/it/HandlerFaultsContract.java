package io.socketee.it;

import static io.socketee.it.JavaClients.ask;
import static io.socketee.it.JavaClients.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.Socket;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.socketio.SocketIoServer;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Application code that throws, on the plain API, with the Java client in a real container: event listeners, packet
 * middlewares, ack callbacks, connection and disconnect listeners and connect middlewares. Each failure reaches the
 * namespace's and the server's {@code onError} listeners (with the socket) and the log, and the connection goes on;
 * hundreds of failures cost no container thread. Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HandlerFaultsContract {
    private static final int FAULTS = 200;
    /** Generous: the machine may be loaded by other builds. */
    private static final Duration PROMPT = Duration.ofSeconds(10);

    protected abstract ContainerHarness harness();

    /** A failure as an error listener saw it. */
    private record Fault(String listener, String namespace, String socketId, Throwable error) {
    }

    private final LinkedBlockingQueue<Fault> faults = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<LogRecord> warnings = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<String> ackCallbackRan = new CompletableFuture<>();
    private final Logger socketIoLogger = Logger.getLogger("io.socketee.socketio");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicInteger tags = new AtomicInteger();
    private ContainerHarness container;
    private EngineIoServer engine;
    private SocketIoServer io;
    private String url;

    @BeforeAll
    void start() throws Exception {
        engine = EngineIoServer.create(EngineIoConfig.builder().build());
        io = SocketIoServer.create(engine);
        io.onError((socket, error) -> faults.add(new Fault("server", socket.namespace().name(), socket.id(), error)));
        io.sockets().onError((socket, error) -> faults.add(new Fault("namespace", "/", socket.id(), error)));
        io.onConnection(socket -> {
            socket.use((event, args, next) -> {
                switch (event) {
                    case "middleware-throws" -> throw new IllegalStateException("middleware fault");
                    case "middleware-fails" -> next.fail(new IllegalArgumentException("middleware refusal"));
                    default -> next.proceed();
                }
            });
            socket.on("throw", (args, ack) -> {
                throw new IllegalStateException("listener fault " + args.get(0));
            });
            socket.on("ok", (args, ack) -> ack.send(args.toArray()));
            socket.on("ask-me", (args, ack) -> socket.emitWithAck(Duration.ofSeconds(5), "question")
                    .thenAccept(answer -> {
                        ackCallbackRan.complete(((JsonString) answer.get(0)).getString());
                        throw new IllegalStateException("ack callback fault");
                    }));
            socket.onDisconnect(reason -> {
                throw new IllegalStateException("disconnect listener fault");
            });
        });
        io.of("/faulty-connection").onConnection(socket -> {
            socket.on("ok", (args, ack) -> ack.send(args.toArray()));
            throw new IllegalStateException("connection listener fault");
        });
        io.of("/faulty-middleware").use((socket, next) -> {
            throw new IllegalStateException("connect middleware fault");
        });
        container = harness();
        url = "http://127.0.0.1:" + container.serve(engine);
        // The failures are logged on purpose, hundreds of stack traces: keep them out of the build's output.
        socketIoLogger.setUseParentHandlers(false);
        socketIoLogger.addHandler(capture);
    }

    @AfterAll
    void stop() throws Exception {
        socketIoLogger.removeHandler(capture);
        socketIoLogger.setUseParentHandlers(true);
        // The server first, as an application's shutdown would: the container then finds no thread of ours.
        if (io != null) {
            io.close();
        }
        if (container != null) {
            container.close();
        }
    }

    @BeforeEach
    void forgetEarlierFaults() {
        faults.clear();
        warnings.clear();
    }

    @AfterEach
    void disconnectAll() throws InterruptedException {
        sockets.forEach(Socket::disconnect);
        sockets.clear();
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (engine.clientsCount() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(0, engine.clientsCount(), "connections left open after the clients went away");
    }

    private Socket socket(String transport, String namespace) {
        Socket socket = JavaClients.socket(url, transport, namespace, "tag=faults-" + tags.incrementAndGet());
        sockets.add(socket);
        return socket;
    }

    private Socket connected(String transport, String namespace) throws Exception {
        Socket socket = socket(transport, namespace);
        assertEquals("connected", connect(socket), "connect to " + namespace);
        return socket;
    }

    /** The next failure an error listener saw; fails after 5 s. */
    private Fault nextFault() throws InterruptedException {
        Fault fault = faults.poll(5, TimeUnit.SECONDS);
        if (fault == null) {
            throw new AssertionError("no failure reached an error listener within 5 s");
        }
        return fault;
    }

    /** The namespace's listener, then the server's, saw this failure of that socket. */
    private void assertReported(String namespace, String socketId, Class<?> type, String message) throws Exception {
        for (String listener : namespace.equals("/") ? List.of("namespace", "server") : List.of("server")) {
            Fault fault = nextFault();
            assertEquals(listener, fault.listener(), "order of the error listeners");
            assertEquals(namespace, fault.namespace());
            assertEquals(socketId, fault.socketId());
            assertInstanceOf(type, fault.error());
            assertEquals(message, fault.error().getMessage());
        }
    }

    private boolean logged(String message) {
        return warnings.stream().anyMatch(r -> r.getThrown() != null && message.equals(r.getThrown().getMessage()));
    }

    /** Asks the server an ack, within {@link #PROMPT}. */
    private static void assertAnswersPromptly(Socket socket, String what) throws Exception {
        long start = System.nanoTime();
        Object[] answer = ask(socket, "ok", what);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(what, answer[0]);
        assertTrue(millis < PROMPT.toMillis(), "ack took " + millis + " ms");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void throwingListenersReachTheErrorListenersAndTheConnectionGoesOn(String transport) throws Exception {
        Socket socket = connected(transport, "/");
        for (int i = 0; i < FAULTS; i++) {
            socket.emit("throw", i);
        }
        assertAnswersPromptly(socket, "after " + FAULTS + " faults");
        for (int i = 0; i < FAULTS; i++) {
            assertReported("/", socket.id(), IllegalStateException.class, "listener fault " + i);
        }
        assertTrue(logged("listener fault 0") && logged("listener fault " + (FAULTS - 1)),
                "the failures were not logged as warnings");

        // No container thread went missing: new connections and requests are served at once.
        for (int i = 0; i < 3; i++) {
            assertAnswersPromptly(connected(transport, "/"), "new connection " + i);
        }
        long start = System.nanoTime();
        HttpResponse<String> handshake = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url + "/socket.io/?EIO=4&transport=polling")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(200, handshake.statusCode());
        assertTrue(millis < PROMPT.toMillis(), "handshake took " + millis + " ms");
        String sid = jakarta.json.Json.createReader(new java.io.StringReader(handshake.body().substring(1)))
                .readObject().getString("sid");
        engine.socket(sid).ifPresent(session -> session.close());
        HttpResponse<String> closing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url
                + "/socket.io/?EIO=4&transport=polling&sid=" + sid)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("1", closing.body(), "a polling session closed by the server gets the close packet");
        assertAnswersPromptly(socket, "still there");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void packetMiddlewareFailuresReachTheErrorListeners(String transport) throws Exception {
        Socket socket = connected(transport, "/");
        socket.emit("middleware-throws");
        assertReported("/", socket.id(), IllegalStateException.class, "middleware fault");
        assertTrue(logged("middleware fault"), "not logged");
        socket.emit("middleware-fails");
        assertReported("/", socket.id(), IllegalArgumentException.class, "middleware refusal");
        assertAnswersPromptly(socket, "after the middlewares");
    }

    @Test
    void aThrowingAckCallbackLeavesTheConnectionUp() throws Exception {
        Socket socket = connected("websocket", "/");
        socket.on("question", args -> ((io.socket.client.Ack) args[args.length - 1]).call("answer"));
        socket.emit("ask-me");
        assertEquals("answer", ackCallbackRan.get(5, TimeUnit.SECONDS));
        assertAnswersPromptly(socket, "after the ack callback");
    }

    @Test
    void aThrowingConnectionListenerIsReportedAndTheSocketStays() throws Exception {
        Socket socket = connected("websocket", "/faulty-connection");
        assertReported("/faulty-connection", socket.id(), IllegalStateException.class, "connection listener fault");
        assertTrue(logged("connection listener fault"), "not logged");
        assertAnswersPromptly(socket, "after the connection listener");
    }

    @Test
    void aThrowingConnectMiddlewareRefusesWithInternalErrorAndIsReported() throws Exception {
        Socket main = connected("websocket", "/");
        Object refusal = connect(socket("websocket", "/faulty-middleware"));
        assertEquals("Internal error", assertInstanceOf(JSONObject.class, refusal).getString("message"));
        Fault fault = nextFault();
        assertEquals("/faulty-middleware", fault.namespace());
        assertEquals("connect middleware fault", fault.error().getMessage());
        assertTrue(logged("connect middleware fault"), "not logged");
        assertAnswersPromptly(main, "after the refusal");
    }

    @Test
    void aThrowingDisconnectListenerIsReported() throws Exception {
        Socket socket = connected("websocket", "/");
        String id = socket.id();
        socket.disconnect();
        assertReported("/", id, IllegalStateException.class, "disconnect listener fault");
        assertTrue(logged("disconnect listener fault"), "not logged");
    }
}
