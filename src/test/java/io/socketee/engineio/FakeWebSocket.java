package io.socketee.engineio;

import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.engineio.spi.WebSocketChannel;
import io.socketee.engineio.spi.WebSocketHandler;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A WebSocket as a host hands it to the server, in memory: the in-process tier's WebSocket host. Sends complete at
 * once unless {@link #holdSends} is on (a slow client): then they wait until {@link #completeSend}.
 */
final class FakeWebSocket implements WebSocketChannel {
    private final List<String> sent = new ArrayList<>();
    private final List<SendCallback> pending = new ArrayList<>();
    private boolean holdSends;
    private Integer closeCode;
    WebSocketHandler handler;

    /** Opens it on {@code server} with this query (a new session, or an upgrade when it has a sid). */
    static FakeWebSocket open(EngineIoServer server, Map<String, String> query) {
        FakeWebSocket ws = new FakeWebSocket();
        ws.handler = server.openWebSocket(ws, new EngineIoRequest("GET", "/engine.io/", query,
                Map.of("host", List.of("localhost")), "127.0.0.1", false, Map.of()));
        return ws;
    }

    /** The client sends a text frame. */
    void receive(String text) {
        handler.onText(text);
    }

    synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    /** Sends wait for {@link #completeSend} from now on. */
    synchronized void holdSends() {
        holdSends = true;
    }

    /** Completes the oldest send that is waiting; false when none is. */
    boolean completeSend() {
        SendCallback callback;
        synchronized (this) {
            if (pending.isEmpty()) {
                return false;
            }
            callback = pending.remove(0);
        }
        callback.onSent();
        return true;
    }

    /** The close code the server sent, or null while open. */
    synchronized Integer closeCode() {
        return closeCode;
    }

    @Override
    public void sendText(String text, SendCallback callback) {
        boolean now;
        synchronized (this) {
            sent.add(text);
            now = !holdSends;
            if (!now) {
                pending.add(callback);
            }
        }
        if (now) {
            callback.onSent();
        }
    }

    @Override
    public void sendBinary(ByteBuffer data, SendCallback callback) {
        sendText("<binary " + data.remaining() + ">", callback);
    }

    /** As Tomcat does, the close is reported back to the handler from inside the call. */
    @Override
    public void close(int code, String reason) {
        synchronized (this) {
            if (closeCode != null) {
                return;
            }
            closeCode = code;
        }
        if (handler != null) {
            handler.onClose();
        }
    }
}
