package io.socketee.it.redis;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;

/**
 * A real Socket.IO client (the Java client, over WebSocket) of one node, recording every event it gets. It answers
 * {@code ask} with {@code answer-<name>}.
 */
public final class TestClient implements AutoCloseable {
    static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(1, TimeUnit.MINUTES).build();
    public static final long WAIT_SECONDS = 5;

    private final Socket socket;
    private final String name;
    private final Map<String, LinkedBlockingQueue<Object[]>> events = new ConcurrentHashMap<>();
    final CompletableFuture<Object> disconnected = new CompletableFuture<>();

    private TestClient(String url, String namespace, String name, String rooms) {
        this(url, namespace, name, rooms, "");
    }

    private TestClient(String url, String namespace, String name, String rooms, String moreQuery) {
        this.name = name;
        IO.Options options = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(new String[] {WebSocket.NAME})
                .setQuery("name=" + name + "&rooms=" + rooms + moreQuery)
                .build();
        options.callFactory = HTTP;
        options.webSocketFactory = HTTP;
        socket = IO.socket(URI.create(url + namespace), options);
        socket.onAnyIncoming(args -> {
            if (args.length > 0 && args[0] instanceof String event) {
                queue(event).add(Arrays.copyOfRange(args, 1, args.length));
            }
        });
        socket.on("ask", args -> {
            if (args.length > 0 && args[args.length - 1] instanceof Ack ack) {
                ack.call("answer-" + name);
            }
        });
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnected.complete(args.length > 0 ? args[0] : null));
    }

    /** Connects a client named {@code name} in {@code rooms} (comma-separated) to a server's main namespace. */
    public static TestClient connect(String url, String name, String rooms) throws Exception {
        return connect(url, "/", name, rooms);
    }

    public static TestClient connect(String url, String namespace, String name, String rooms) throws Exception {
        return connect(new TestClient(url, namespace, name, rooms), url);
    }

    /** Connects a client of the authenticated user {@code user} (the node's test login, {@link ClusterNode}). */
    public static TestClient connectAs(String url, String name, String user) throws Exception {
        return connect(new TestClient(url, "/", name, "", "&user=" + user), url);
    }

    private static TestClient connect(TestClient client, String url) throws Exception {
        String name = client.name;
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        client.socket.once(Socket.EVENT_CONNECT, args -> outcome.complete("connected"));
        client.socket.once(Socket.EVENT_CONNECT_ERROR, args -> outcome.complete(args.length > 0 ? args[0] : "error"));
        client.socket.connect();
        Object result = outcome.get(WAIT_SECONDS, TimeUnit.SECONDS);
        if (!"connected".equals(result)) {
            client.close();
            throw new IllegalStateException(name + " could not connect to " + url + ": " + result);
        }
        return client;
    }

    public String id() {
        return socket.id();
    }

    public String name() {
        return name;
    }

    public Socket socket() {
        return socket;
    }

    private LinkedBlockingQueue<Object[]> queue(String event) {
        return events.computeIfAbsent(event, e -> new LinkedBlockingQueue<>());
    }

    /** The arguments of the next {@code event}, waiting up to 5 s. */
    public Object[] next(String event) throws Exception {
        Object[] args = queue(event).poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (args == null) {
            throw new TimeoutException(name + " got no '" + event + "' within " + WAIT_SECONDS + " s");
        }
        return args;
    }

    /** The next {@code event} within {@code millis}, or null. */
    public Object[] poll(String event, long millis) throws InterruptedException {
        return queue(event).poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Whether no {@code event} came (and none comes within {@code millis}). */
    public boolean nothing(String event, long millis) throws InterruptedException {
        return poll(event, millis) == null;
    }

    /** Joins rooms through the protocol app's {@code join (room, ack)} ({@code SocketIoProtocolApp}); this client. */
    public TestClient join(String... rooms) throws Exception {
        for (String room : rooms) {
            Object answer = ask("join", room)[0];
            if (!"ok".equals(answer)) {
                throw new IllegalStateException(name + " could not join " + room + ": " + answer);
            }
        }
        return this;
    }

    /** Emits with an ack callback; the answer's arguments. */
    public Object[] ask(String event, Object... args) throws Exception {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        Object[] withAck = Arrays.copyOf(args, args.length + 1);
        withAck[args.length] = (Ack) answer::complete;
        socket.emit(event, withAck);
        return answer.get(10, TimeUnit.SECONDS);
    }

    public void drain() {
        events.values().forEach(LinkedBlockingQueue::clear);
    }

    @Override
    public void close() {
        socket.disconnect();
        socket.close();
    }
}
