package io.socketee.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw WebSocket client for protocol tests: every frame it gets lands in a queue (String, byte[] or Closed). */
public final class Ws implements WebSocket.Listener {
    /** The close frame the server sent. */
    public record Closed(int code, String reason) {
    }

    private final LinkedBlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    private WebSocket socket;

    public static Ws connect(int port, String pathAndQuery) throws Exception {
        Ws ws = new Ws();
        ws.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), ws)
                .get(10, TimeUnit.SECONDS);
        return ws;
    }

    /** Connects and returns the failure, if the handshake fails. */
    public static CompletableFuture<WebSocket> attempt(int port, String pathAndQuery) {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), new Ws());
    }

    public void send(String message) throws Exception {
        socket.sendText(message, true).get(5, TimeUnit.SECONDS);
    }

    public void send(byte[] message) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(message), true).get(5, TimeUnit.SECONDS);
    }

    /** The next frame: a String, a byte[] or a {@link Closed}; fails after 5 s. */
    public Object next() throws InterruptedException {
        Object frame = frames.poll(5, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 5 s");
        }
        return frame;
    }

    /** The next frame that is not a ping ({@code 2}) or, for EIO=3, a pong. */
    public Object nextIgnoringHeartbeat() throws InterruptedException {
        while (true) {
            Object frame = next();
            if (!"2".equals(frame) && !"3".equals(frame)) {
                return frame;
            }
        }
    }

    public void abort() {
        socket.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            frames.add(text.toString());
            text.setLength(0);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            frames.add(binary.toByteArray());
            binary = new java.io.ByteArrayOutputStream();
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        frames.add(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        frames.add(new Closed(-1, String.valueOf(error)));
    }
}
