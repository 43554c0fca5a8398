package io.socketee.socketio;

import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.engineio.spi.WebSocketChannel;
import io.socketee.engineio.spi.WebSocketHandler;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-process Socket.IO client (EIO=4 over a WebSocket) of an {@link EngineIoServer}: no container, no network. What
 * it sends is handled on the calling thread, as a container would on its own; what the server sends lands in a queue
 * (every send completes at once). Text frames only: tests speak the wire format, {@code 40/nsp,}, {@code 431[…]}.
 *
 * <p>Threading: one test thread sends; the server may send from any thread.
 */
final class FakeClient implements WebSocketChannel {
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private volatile WebSocketHandler handler;
    private volatile boolean closedByServer;

    private FakeClient() {
    }

    /** Opens a session; the server's handshake ({@code 0{…}}) is the first frame received. */
    static FakeClient open(EngineIoServer engine) {
        return open(engine, Map.of());
    }

    /** Opens a session whose request carried these host attributes ({@link EngineIoRequest#PRINCIPAL}, ...). */
    static FakeClient open(EngineIoServer engine, Map<String, Object> attributes) {
        FakeClient client = new FakeClient();
        client.handler = engine.openWebSocket(client, new EngineIoRequest("GET",
                "/socket.io/?EIO=4&transport=websocket", Map.of("EIO", "4", "transport", "websocket"),
                Map.of("host", List.of("127.0.0.1")), "127.0.0.1", false, attributes));
        return client;
    }

    /** Sends one text frame (an Engine.IO packet: {@code 4} + a Socket.IO packet for messages). */
    void send(String frame) {
        handler.onText(frame);
    }

    /** The client hangs up: the WebSocket closes under the session. */
    void hangUp() {
        handler.onClose();
    }

    boolean closedByServer() {
        return closedByServer;
    }

    /** The next frame that is not a ping; fails after 5 s. */
    String next() throws InterruptedException {
        while (true) {
            String frame = received.poll(5, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame from the server within 5 s");
            }
            if (!frame.equals("2")) {
                return frame;
            }
        }
    }

    /** The next frame that starts with {@code prefix}, skipping others; fails after 5 s without one. */
    String next(String prefix) throws InterruptedException {
        for (int skipped = 0; skipped < 100_000; skipped++) {
            String frame = next();
            if (frame.startsWith(prefix)) {
                return frame;
            }
        }
        throw new AssertionError("no frame starting with " + prefix);
    }

    /** What has arrived so far, taken out of the queue. */
    List<String> drain() {
        List<String> frames = new ArrayList<>();
        received.drainTo(frames);
        return frames;
    }

    @Override
    public void sendText(String text, SendCallback callback) {
        received.add(text);
        callback.onSent();
    }

    @Override
    public void sendBinary(ByteBuffer data, SendCallback callback) {
        callback.onSent();
    }

    @Override
    public void close(int code, String reason) {
        closedByServer = true;
    }
}
