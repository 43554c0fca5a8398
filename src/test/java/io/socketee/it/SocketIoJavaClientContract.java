package io.socketee.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static io.socketee.it.JavaClients.ask;
import static io.socketee.it.JavaClients.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java client {@code io.socket:socket.io-client} 2.x (Socket.IO v5 over EIO=4) against {@link SocketIoClientsApp}
 * in a real container, over WebSocket only and polling only. Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SocketIoJavaClientContract {
    private static final long WAIT_SECONDS = 15;

    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    private SocketIoClientsApp app;
    private String url;
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(1, TimeUnit.MINUTES).build();
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicInteger tags = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        app = new SocketIoClientsApp();
        container = harness();
        url = "http://127.0.0.1:" + container.start(app);
    }

    @AfterAll
    void stop() throws Exception {
        if (container != null) {
            container.close();
        }
        if (app != null) {
            app.io().close();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @AfterEach
    void disconnectAll() throws InterruptedException {
        sockets.forEach(Socket::disconnect);
        sockets.clear();
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (app.engine().clientsCount() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(0, app.engine().clientsCount(), "connections left open after the clients went away");
    }

    /** A socket of {@code namespace} with {@code auth} (may be empty), not yet connected. */
    private Socket socket(String transport, String namespace, Map<String, String> auth) {
        IO.Options options = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(new String[] {transport.equals("websocket") ? WebSocket.NAME : Polling.NAME})
                .setQuery("tag=java-" + transport + "-" + tags.incrementAndGet())
                .setAuth(auth)
                .build();
        options.callFactory = http;
        options.webSocketFactory = http;
        Socket socket = IO.socket(URI.create(url + namespace), options);
        sockets.add(socket);
        return socket;
    }

    private Socket connected(String transport, String namespace) throws Exception {
        Socket socket = socket(transport, namespace, Map.of());
        assertEquals("connected", connect(socket), "connect to " + namespace);
        return socket;
    }

    /** Collects the arguments of every {@code event}. */
    private static LinkedBlockingQueue<Object[]> collect(Socket socket, String event) {
        LinkedBlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
        socket.on(event, queue::add);
        return queue;
    }

    private static Object[] next(LinkedBlockingQueue<Object[]> queue, String what) throws Exception {
        Object[] args = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (args == null) {
            throw new TimeoutException("no " + what + " within " + WAIT_SECONDS + " s");
        }
        return args;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void connectsWithAuthAndGetsAcks(String transport) throws Exception {
        Socket socket = socket(transport, "/private", Map.of("token", "secret"));
        LinkedBlockingQueue<Object[]> welcome = collect(socket, "welcome");
        assertEquals("connected", connect(socket));
        assertEquals("secret", ((JSONObject) next(welcome, "welcome")[0]).getString("token"));

        Object[] answer = ask(socket, "ack", 1, "two", new JSONObject().put("three", new JSONArray().put(true)));
        assertEquals(3, answer.length);
        assertEquals(1, answer[0]);
        assertEquals("two", answer[1]);
        assertEquals(true, ((JSONObject) answer[2]).getJSONArray("three").getBoolean(0));
        Object[] whoami = ask(socket, "whoami");
        assertEquals("/private", whoami[0]);
        assertEquals(socket.id(), whoami[1]);
        assertEquals(transport, whoami[2]);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void isRefusedWithTheMiddlewaresMessageAndData(String transport) throws Exception {
        Object refusal = connect(socket(transport, "/private", Map.of("token", "wrong")));
        JSONObject error = assertInstanceOf(JSONObject.class, refusal);
        assertEquals("not authorized", error.getString("message"));
        assertEquals(42, error.getJSONObject("data").getInt("code"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void receivesBinaryAsByteArrays(String transport) throws Exception {
        Socket socket = connected(transport, "/");
        LinkedBlockingQueue<Object[]> back = collect(socket, "binary-back");
        byte[] first = {1, 2, 3};
        byte[] second = new byte[300];
        Arrays.fill(second, (byte) 0xab);
        JSONObject payload = new JSONObject().put("label", "binary").put("data", first);
        Object[] answer = ask(socket, "binary", payload, second);
        assertArrayEquals(first, (byte[]) ((JSONObject) answer[0]).get("data"));
        assertArrayEquals(second, (byte[]) answer[1]);

        Object[] event = next(back, "binary-back");
        assertEquals(3, event.length);
        JSONObject object = (JSONObject) event[0];
        assertEquals("binary", object.getString("label"));
        assertArrayEquals(first, (byte[]) object.get("data"));
        assertArrayEquals(second, (byte[]) event[1]);
        assertArrayEquals(new byte[] {9, 8, 7}, (byte[]) event[2]);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void joinsARoomAndGetsItsBroadcast(String transport) throws Exception {
        String room = "java-room-" + transport;
        Socket member = connected(transport, "/");
        Socket outsider = connected(transport, "/");
        LinkedBlockingQueue<Object[]> atMember = collect(member, "room-msg");
        LinkedBlockingQueue<Object[]> atOutsider = collect(outsider, "room-msg");
        assertEquals(room, ask(member, "join", room)[0]);

        ask(outsider, "broadcast", room, JSONObject.NULL, new JSONObject().put("n", 1));
        // The server emits to the room before it acks, so the outsider would already have it.
        assertTrue(atOutsider.isEmpty(), "the outsider got the room's broadcast");
        Object[] event = next(atMember, "room-msg");
        assertEquals(1, ((JSONObject) event[0]).getInt("n"));
        assertTrue(member.connected() && outsider.connected());
    }
}
