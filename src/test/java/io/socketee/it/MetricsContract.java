package io.socketee.it;

import static io.socketee.it.JavaClients.ask;
import static io.socketee.it.JavaClients.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import io.socketee.micrometer.SocketeeMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Micrometer meters ({@link SocketeeMetrics} on a {@link SimpleMeterRegistry}) against real traffic: the Java
 * client over WebSocket and over polling, acks both ways, a room broadcast, a failing handler, disconnects.
 * Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MetricsContract {
    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    private SocketIoClientsApp app;
    private String url;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(1, TimeUnit.MINUTES).build();
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        app = new SocketIoClientsApp();
        new SocketeeMetrics(app.io()).bindTo(registry);
        container = harness();
        url = "http://127.0.0.1:" + container.start(app);
    }

    @AfterAll
    void stop() throws Exception {
        sockets.forEach(Socket::disconnect);
        if (container != null) {
            container.close();
        }
        if (app != null) {
            app.io().close();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private Socket socket(String transport) throws Exception {
        IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false)
                .setTransports(new String[] {transport}).build();
        options.callFactory = http;
        options.webSocketFactory = http;
        Socket socket = IO.socket(URI.create(url + "/"), options);
        sockets.add(socket);
        assertEquals("connected", connect(socket), transport);
        return socket;
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    private double counter(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 5 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void metersFollowRealTraffic() throws Exception {
        Socket websocket = socket(WebSocket.NAME);
        Socket polling = socket(Polling.NAME);
        assertEquals(1, gauge("socketio.connections", "transport", "websocket", "protocol", "4"));
        assertEquals(1, gauge("socketio.connections", "transport", "polling", "protocol", "4"));
        assertEquals(2, counter("socketio.connections.opened", "protocol", "4"));
        assertEquals(2, gauge("socketio.sockets", "namespace", "/"));
        assertEquals(0, gauge("socketio.sockets", "namespace", "/second"));
        assertTrue(gauge("socketio.namespaces") >= 3, "namespaces");

        for (Socket s : List.of(websocket, polling)) {
            assertEquals("news", ask(s, "join", "news")[0]);
        }
        assertEquals(3, gauge("socketio.rooms", "namespace", "/"), "each socket's own room, and news");

        CompletableFuture<Object> delivered = new CompletableFuture<>();
        polling.on("room-msg", args -> delivered.complete(args[0]));
        ask(websocket, "broadcast", "news");
        assertEquals("null", String.valueOf(delivered.get(5, TimeUnit.SECONDS)));
        assertTrue(registry.get("socketio.broadcast.receivers").summary().max() >= 2, "fan-out of the broadcast");

        // The server asks, the client answers: one ack latency.
        CompletableFuture<Object[]> result = new CompletableFuture<>();
        websocket.on("question", args -> ((Ack) args[args.length - 1]).call("answer"));
        websocket.on("ask-result", result::complete);
        websocket.emit("ask", "q");
        assertEquals("[\"answer\"]", String.valueOf(result.get(5, TimeUnit.SECONDS)[0]), "the answer, sent back");
        assertEquals(1, registry.get("socketio.ack.latency").timer().count());
        assertEquals(0, gauge("socketio.acks.pending"));

        websocket.emit("fail");
        await("a handler error", () -> counter("socketio.handler.errors", "namespace", "/") == 1);
        assertTrue(counter("socketio.messages", "direction", "in") >= 5, "messages in");
        assertTrue(counter("socketio.messages", "direction", "out") >= 5, "messages out");
        assertTrue(counter("socketio.message.size", "direction", "in") > 0, "bytes in");

        websocket.disconnect();
        polling.disconnect();
        await("no connection left", () -> gauge("socketio.connections", "transport", "websocket", "protocol", "4")
                + gauge("socketio.connections", "transport", "polling", "protocol", "4") == 0);
        await("two closes counted", () -> counter("socketio.connections.closed") == 2);
        assertEquals(0, gauge("socketio.sockets", "namespace", "/"));
    }
}
