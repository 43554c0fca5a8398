package io.socketee.testing;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.protocol.DecodeException;
import io.socketee.engineio.protocol.PacketCodec;
import io.socketee.engineio.protocol.PacketType;
import io.socketee.engineio.protocol.ProtocolVersion;
import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.engineio.spi.HttpRequestView;
import io.socketee.engineio.spi.UpgradeDecision;
import io.socketee.engineio.spi.WebSocketChannel;
import io.socketee.engineio.spi.WebSocketHandler;
import io.socketee.socketio.protocol.Packet;
import io.socketee.socketio.protocol.SocketIoDecodeException;
import io.socketee.socketio.protocol.SocketIoParser;
import io.socketee.socketio.protocol.SocketIoVersion;
import io.socketee.socketio.protocol.WireMessage;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * One Engine.IO connection of the test kit's client to a server, over the host interface a WebSocket binding
 * implements ({@link WebSocketChannel} in, {@link WebSocketHandler} out), in memory: frames are written and read with
 * the server's own codecs (Engine.IO's {@link PacketCodec}, and the server's {@link SocketIoParser}: the JSON parser,
 * or msgpack when the server speaks it) and handed to the {@link TestClient} of their namespace.
 *
 * <p>Threading: the server may send from any thread; what arrives is handled under this object's monitor. Nothing is
 * sent to the server under it: answers the client gives by itself (pongs, pings for EIO=3, acks of its listeners) go
 * through the virtual clock's queue ({@link VirtualClock#execute}), and run at the current virtual time on the test's
 * thread, the next time it advances the clock or calls a method of the kit (each one {@link #pump}s).
 */
final class Connection implements WebSocketChannel {
    private final EngineIoServer engine;
    private final VirtualClock clock;
    private final ProtocolVersion version;
    private final SocketIoVersion socketIoVersion;
    private final SocketIoParser parser;
    private final SocketIoParser.Decoder decoder;
    private final Duration awaitTimeout;
    private final Map<String, TestClient> sockets = new LinkedHashMap<>();   // guarded by this
    private volatile WebSocketHandler handler;
    private String sid;                        // guarded by this
    private long pingIntervalMillis;           // guarded by this
    private boolean closed;                    // guarded by this
    private boolean heartbeat = true;          // guarded by this
    private boolean lost;                      // cut off unnoticed: frames from the server go nowhere; guarded by this
    private ScheduledFuture<?> pinger;         // EIO=3: the client pings; guarded by this
    private AssertionFailedError failure;      // what the server sent that the client could not read; guarded by this

    Connection(EngineIoServer engine, SocketIoParser parser, VirtualClock clock, ProtocolVersion version,
               Duration awaitTimeout) {
        this.engine = engine;
        this.clock = clock;
        this.version = version;
        this.socketIoVersion = version == ProtocolVersion.V3 ? SocketIoVersion.V4 : SocketIoVersion.V5;
        this.parser = parser;
        this.decoder = parser.newDecoder(socketIoVersion, Integer.MAX_VALUE);
        this.awaitTimeout = awaitTimeout;
    }

    SocketIoVersion socketIoVersion() {
        return socketIoVersion;
    }

    Duration awaitTimeout() {
        return awaitTimeout;
    }

    synchronized void register(TestClient client) {
        sockets.put(client.namespace(), client);
    }

    synchronized Optional<TestClient> socket(String namespace) {
        return Optional.ofNullable(sockets.get(namespace));
    }

    synchronized String sid() {
        return sid;
    }

    synchronized boolean closed() {
        return closed;
    }

    /**
     * Opens the connection as a WebSocket host would: asks the server whether the upgrade request may proceed
     * ({@link EngineIoServer#checkUpgrade}: transports, protocol version, origins, {@code allowRequest}), then
     * attaches. A refusal fails the test with the server's HTTP status and body.
     */
    void open(String path, Map<String, String> query, Map<String, List<String>> headers, String remoteAddress,
              boolean secure, Map<String, Object> attributes) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("EIO", version == ProtocolVersion.V3 ? "3" : "4");
        q.put("transport", "websocket");
        StringBuilder url = new StringBuilder(path).append('?');
        q.forEach((k, v) -> url.append(url.charAt(url.length() - 1) == '?' ? "" : "&").append(k).append('=').append(v));
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("host", List.of("localhost"));
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        EngineIoRequest request = new EngineIoRequest("GET", url.toString(), q, h, remoteAddress, secure, attributes);
        UpgradeDecision decision = engine.checkUpgrade(new View(request));
        if (decision instanceof UpgradeDecision.Refuse refuse) {
            throw new AssertionFailedError("the server refused the connection: HTTP " + refuse.status() + " "
                    + new String(refuse.body(), StandardCharsets.UTF_8));
        }
        handler = engine.openWebSocket(this, ((UpgradeDecision.Accept) decision).request());
        pump();
    }

    /** Runs what waits on the virtual clock at the current time: the client's own answers among it. */
    void pump() {
        clock.runDue();
    }

    /**
     * Waits, in real time up to the await timeout, until {@code check} finds what it looks for, pumping the clock's
     * queue meanwhile; {@code check} runs under this object's monitor. Fails the test with {@code failure}'s text.
     */
    <T> T await(Supplier<Optional<T>> check, Supplier<String> failure) {
        long deadline = System.nanoTime() + awaitTimeout.toNanos();
        while (true) {
            pump();
            synchronized (this) {
                throwIfFailed();
                Optional<T> found = check.get();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionFailedError(failure.get());
                }
                try {
                    wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 5)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionFailedError("interrupted while waiting: " + failure.get());
                }
            }
        }
    }

    /** Fails the test if the server sent something the client could not decode. Under the monitor. */
    void throwIfFailed() {
        if (failure != null) {
            throw failure;
        }
    }

    // ------------------------------------------------------------------ to the server

    /**
     * Sends a Socket.IO packet as the server's parser writes it: for the JSON parser its text as an Engine.IO message,
     * then one binary message per attachment.
     */
    void send(Packet packet) {
        for (WireMessage message : parser.encode(packet, socketIoVersion)) {
            if (message instanceof WireMessage.Text text) {
                sendFrame("4" + text.text());
            } else {
                sendBinaryFrame(((WireMessage.Bytes) message).bytes());
            }
        }
    }

    /** Sends one text frame (an Engine.IO packet), unless the connection is closed. */
    void sendFrame(String frame) {
        if (closed()) {
            return;
        }
        handler.onText(frame);
    }

    private void sendBinaryFrame(byte[] data) {
        if (closed()) {
            return;
        }
        handler.onBinary(PacketCodec.encodeBinaryFrame(new io.socketee.engineio.protocol.Packet.Binary(data),
                version));
    }

    /** Sends later, at the current virtual time, from the clock's queue (answers the client gives by itself). */
    private void sendSoon(String frame) {
        clock.execute(() -> sendFrame(frame));
    }

    /** The client stops answering pings (EIO=4) and stops pinging (EIO=3): the server's ping timeout will fire. */
    synchronized void stopHeartbeat() {
        heartbeat = false;
        if (pinger != null) {
            pinger.cancel(false);
        }
    }

    /** Sends the Engine.IO close packet and hangs up, as a client that closes its connection does. */
    void close() {
        sendFrame("1");
        hangUp();
    }

    /** The connection goes away under the session (the client vanished): the server sees a transport close. */
    void hangUp() {
        List<TestClient> left;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            left = List.copyOf(sockets.values());
            if (pinger != null) {
                pinger.cancel(false);
            }
            notifyAll();
        }
        for (TestClient client : left) {
            client.onConnectionClosed(ClientDisconnectReason.IO_CLIENT_DISCONNECT);
        }
        handler.onClose();
        pump();
    }

    /**
     * The network goes away without the server seeing it, as a held polling GET whose TCP connection was reset goes
     * unseen by a container until it writes to it: the client is cut off ("transport error"), the server's session
     * lives on (until its ping timeout), and what it sends is lost.
     */
    void loseUnnoticed() {
        List<TestClient> left;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            lost = true;
            left = List.copyOf(sockets.values());
            if (pinger != null) {
                pinger.cancel(false);
            }
            notifyAll();
        }
        for (TestClient client : left) {
            client.onConnectionClosed(ClientDisconnectReason.TRANSPORT_ERROR);
        }
    }

    private synchronized boolean lost() {
        return lost;
    }

    // ------------------------------------------------------------------ from the server

    @Override
    public void sendText(String text, SendCallback callback) {
        if (lost()) {
            callback.onSent();   // into the void: the server cannot tell
            return;
        }
        synchronized (this) {
            try {
                onFrame(text);
            } catch (DecodeException | SocketIoDecodeException | RuntimeException e) {
                if (failure == null) {
                    failure = new AssertionFailedError("the server sent a frame the client cannot decode: " + text, e);
                }
            }
            notifyAll();
        }
        callback.onSent();
    }

    @Override
    public void sendBinary(ByteBuffer data, SendCallback callback) {
        if (lost()) {
            callback.onSent();
            return;
        }
        synchronized (this) {
            try {
                io.socketee.engineio.protocol.Packet packet = PacketCodec.decodeBinaryFrame(data, version);
                decoder.decodeBinary(((io.socketee.engineio.protocol.Packet.Binary) packet).data())
                        .ifPresent(this::dispatch);
            } catch (DecodeException | SocketIoDecodeException | RuntimeException e) {
                if (failure == null) {
                    failure = new AssertionFailedError("the server sent a binary frame the client cannot decode", e);
                }
            }
            notifyAll();
        }
        callback.onSent();
    }

    /** The server closes the WebSocket; reported back to it from inside the call, as Tomcat does. */
    @Override
    public void close(int code, String reason) {
        List<TestClient> left;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            left = List.copyOf(sockets.values());
            if (pinger != null) {
                pinger.cancel(false);
            }
            notifyAll();
        }
        for (TestClient client : left) {
            client.onConnectionClosed(ClientDisconnectReason.TRANSPORT_CLOSE);
        }
        WebSocketHandler h = handler;
        if (h != null) {
            h.onClose();
        }
    }

    /** Under the monitor. */
    private void onFrame(String text) throws DecodeException, SocketIoDecodeException {
        io.socketee.engineio.protocol.Packet packet = PacketCodec.decodeText(text, version);
        if (packet instanceof io.socketee.engineio.protocol.Packet.Binary binary) {
            decoder.decodeBinary(binary.data()).ifPresent(this::dispatch);
            return;
        }
        io.socketee.engineio.protocol.Packet.Text t = (io.socketee.engineio.protocol.Packet.Text) packet;
        PacketType type = t.type();
        switch (type) {
            case OPEN -> onOpen(t.data());
            case PING -> {
                if (heartbeat && version == ProtocolVersion.V4) {
                    sendSoon(t.data().isEmpty() ? "3" : "3" + t.data());
                }
            }
            case MESSAGE -> decoder.decodeText(t.data()).ifPresent(this::dispatch);
            case CLOSE, PONG, NOOP, UPGRADE -> {
                // a pong answers an EIO=3 ping; the close is followed by the WebSocket's close
            }
            default -> throw new IllegalStateException("unexpected packet " + text);
        }
    }

    private void onOpen(String json) {
        JsonObject open = PROVIDER.createReader(new StringReader(json)).readObject();
        sid = ((JsonString) open.get("sid")).getString();
        pingIntervalMillis = ((JsonNumber) open.get("pingInterval")).longValue();
        if (version == ProtocolVersion.V3 && heartbeat) {
            pinger = clock.scheduleAtFixedRate(() -> sendFrame("2"), pingIntervalMillis, pingIntervalMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void dispatch(Packet packet) {
        TestClient client = sockets.get(packet.namespace());
        if (client != null) {
            client.onPacket(packet);
        }
    }

    /** Runs a listener of the client later, at the current virtual time, from the clock's queue. */
    void runSoon(Runnable task) {
        clock.execute(task);
    }

    /** What the server sees of the upgrade request. */
    private record View(EngineIoRequest request) implements HttpRequestView {
        @Override
        public String method() {
            return request.method();
        }

        @Override
        public Optional<String> query(String name) {
            return request.queryParam(name);
        }

        @Override
        public Optional<String> header(String name) {
            return request.header(name);
        }

        @Override
        public EngineIoRequest snapshot() {
            return request;
        }
    }

    /** The sockets on this connection, for the server's view of the client. */
    synchronized List<TestClient> sockets() {
        return new ArrayList<>(sockets.values());
    }
}
