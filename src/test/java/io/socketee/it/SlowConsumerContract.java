package io.socketee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.CloseReason;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.socketio.DisconnectReason;
import io.socketee.socketio.SocketIoServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A client that stops reading while the server keeps sending to it: its session's outgoing data is bounded by
 * {@code maxBufferedBytes} (1 MiB here), then the server closes it with "transport error" (and logs why); the heap
 * comes back to where it was, and another client on the same server keeps getting its acks promptly. Over WebSocket
 * (a raw TCP client that completes the handshake and the Socket.IO connect, then never reads) and over polling (a
 * session that never polls). Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SlowConsumerContract {
    private static final long MAX_BUFFERED = 1 << 20;
    private static final String BLOB = "x".repeat(64 * 1024);
    /** Generous: the machine may be loaded by other builds. */
    private static final long ACK_BOUND_MILLIS = 2000;

    protected abstract ContainerHarness harness();

    /**
     * Whether the container closes the TCP connection of a WebSocket session closed while a send to the client is
     * stuck (checked by reading to end-of-stream once the session is closed).
     */
    protected boolean dropsTheConnectionOfAClosedSession() {
        return true;
    }

    private ContainerHarness container;
    private EngineIoServer engine;
    private SocketIoServer io;
    private int port;
    private final Map<String, CompletableFuture<DisconnectReason>> disconnects = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<CloseReason>> closes = new ConcurrentHashMap<>();

    @BeforeAll
    void start() throws Exception {
        // Short heartbeats: a WebSocket send that cannot complete fails after pingInterval + pingTimeout.
        engine = EngineIoServer.create(EngineIoConfig.builder().maxBufferedBytes(MAX_BUFFERED)
                .pingInterval(Duration.ofSeconds(2)).pingTimeout(Duration.ofSeconds(2)).build());
        engine.onConnection(connection -> connection.onClose(reason ->
                closes.computeIfAbsent(connection.request().queryParam("tag").orElse(""),
                        t -> new CompletableFuture<>()).complete(reason)));
        io = SocketIoServer.create(engine);
        io.onConnection(socket -> {
            String tag = socket.handshake().query().getOrDefault("tag", "");
            if (tag.startsWith("slow")) {
                socket.join("slow");
            }
            socket.onDisconnect(reason -> disconnection(tag).complete(reason));
            socket.on("ok", (args, ack) -> ack.send(args.toArray()));
        });
        container = harness();
        port = container.serve(engine);
    }

    @AfterAll
    void stop() throws Exception {
        // The server first, as an application's shutdown would: the container then finds no thread of ours.
        if (io != null) {
            io.close();
        }
        if (container != null) {
            container.close();
        }
    }

    private CompletableFuture<DisconnectReason> disconnection(String tag) {
        return disconnects.computeIfAbsent(tag, t -> new CompletableFuture<>());
    }

    private CompletableFuture<CloseReason> closing(String tag) {
        return closes.computeIfAbsent(tag, t -> new CompletableFuture<>());
    }

    /**
     * Broadcasts 64 KB strings to the room of slow clients until the one tagged {@code tag} is disconnected, while a
     * normal client asks for acks; returns how long it took, in ms.
     */
    private long floodUntilDisconnected(String tag) throws Exception {
        io.socket.client.Socket normal = JavaClients.socket("http://127.0.0.1:" + port, "websocket", "/",
                "tag=normal-" + tag);
        try {
            assertEquals("connected", JavaClients.connect(normal));
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicLong slowestAck = new AtomicLong();
            List<String> ackFailures = new ArrayList<>();
            Thread asker = new Thread(() -> {
                int n = 0;
                while (flooding.get()) {
                    long start = System.nanoTime();
                    try {
                        JavaClients.ask(normal, "ok", n++);
                    } catch (Exception e) {
                        ackFailures.add(e.toString());
                    }
                    slowestAck.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "slow-consumer-asker");
            asker.start();
            long start = System.nanoTime();
            CompletableFuture<DisconnectReason> gone = disconnection(tag);
            int sent = 0;
            // 64 KB a packet: 1 MiB of queue plus the kernel's socket buffers take a few hundred at most.
            while (!gone.isDone() && sent < 5000) {
                io.to("slow").emit("blob", BLOB);
                sent++;
            }
            DisconnectReason reason = gone.get(10, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Thread.sleep(300); // a few more acks after the episode
            flooding.set(false);
            asker.join(10_000);
            assertEquals(DisconnectReason.TRANSPORT_ERROR, reason, "the slow client's disconnect reason");
            assertEquals(CloseReason.TRANSPORT_ERROR, closing(tag).get(5, TimeUnit.SECONDS));
            assertTrue(ackFailures.isEmpty(), "the normal client's acks failed: " + ackFailures);
            assertTrue(slowestAck.get() < ACK_BOUND_MILLIS, "the normal client waited " + slowestAck.get()
                    + " ms for an ack");
            System.out.printf("slow consumer (%s, %s): disconnected after %d packets of 64 KB, %d ms; slowest ack of "
                    + "the normal client %d ms%n", container.name(), tag, sent, millis, slowestAck.get());
            JavaClients.ask(normal, "ok", "after");
            return millis;
        } finally {
            normal.close();
        }
    }

    @Test
    void closesAWebSocketClientThatStopsReadingOnceItsBufferIsFull() throws Exception {
        long before = Heap.usedAfterGc();
        try (java.net.Socket raw = new java.net.Socket()) {
            raw.setReceiveBufferSize(4096);
            raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            raw.setSoTimeout(5000);
            OutputStream out = raw.getOutputStream();
            InputStream in = raw.getInputStream();
            byte[] key = new byte[16];
            new SecureRandom().nextBytes(key);
            out.write(("GET /socket.io/?EIO=4&transport=websocket&tag=slow-ws HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + java.util.Base64.getEncoder().encodeToString(key) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = readHeaders(in);
            assertTrue(status.startsWith("HTTP/1.1 101"), status);
            out.write(maskedTextFrame("40"));
            out.flush();
            // From here on the client reads nothing: wait until the server has admitted it to the room.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (io.sockets().sockets().values().stream().noneMatch(s -> s.rooms().contains("slow"))
                    && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            floodUntilDisconnected("slow-ws");
            if (dropsTheConnectionOfAClosedSession()) {
                assertEndOfStream(raw, in);
            }
        }
        long after = Heap.usedAfterGc();
        System.out.printf("slow consumer (%s, websocket): used heap after GC %d KB before, %d KB after%n",
                container.name(), before >> 10, after >> 10);
        assertTrue(after - before < MAX_BUFFERED + (8 << 20), "the heap grew by " + ((after - before) >> 10)
                + " KB");
        assertEquals(0, io.sockets().sockets().values().stream().filter(s -> s.rooms().contains("slow")).count());
    }

    /** Reads what the container still sends until end-of-stream; fails after 20 s without data or 30 s in all. */
    private void assertEndOfStream(java.net.Socket raw, InputStream in) throws Exception {
        raw.setSoTimeout(20_000);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(30);
        byte[] sink = new byte[64 * 1024];
        long drained = 0;
        while (true) {
            int n;
            try {
                n = in.read(sink);
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("the connection is still open: " + drained + " bytes read, then 20 s"
                        + " without more");
            }
            if (n < 0) {
                break;
            }
            drained += n;
            assertTrue(System.nanoTime() < deadline, "the connection is still open after 30 s");
        }
        System.out.printf("slow consumer (%s, websocket): %d KB drained, end of stream after %d ms%n",
                container.name(), drained >> 10, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @Test
    void closesAPollingClientThatStopsPollingOnceItsBufferIsFull() throws Exception {
        long before = Heap.usedAfterGc();
        Http http = new Http(port);
        String sid = Http.sid(Http.text(http.get("/socket.io/?EIO=4&transport=polling&tag=slow-polling")));
        assertEquals("ok", Http.text(http.post("/socket.io/?EIO=4&transport=polling&sid=" + sid, "40")));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (io.sockets().sockets().values().stream().noneMatch(s -> s.rooms().contains("slow"))
                && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        floodUntilDisconnected("slow-polling");
        var response = http.get("/socket.io/?EIO=4&transport=polling&sid=" + sid);
        assertEquals(400, response.statusCode(), "the session is gone: " + Http.text(response));
        long after = Heap.usedAfterGc();
        System.out.printf("slow consumer (%s, polling): used heap after GC %d KB before, %d KB after%n",
                container.name(), before >> 10, after >> 10);
        assertTrue(after - before < MAX_BUFFERED + (8 << 20), "the heap grew by " + ((after - before) >> 10)
                + " KB");
    }

    /** Reads the HTTP response head; returns its status line. */
    private static String readHeaders(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        return head.substring(0, head.indexOf("\r\n"));
    }

    /** A client-to-server text frame (masked, as RFC 6455 requires), for short texts. */
    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }
}
