package io.socketee.engineio.spi;

import java.nio.ByteBuffer;

/**
 * An open WebSocket connection, provided by the host binding (the JSR-356 endpoint).
 *
 * <p>Engine.IO never has more than one send outstanding per channel: the next send starts after the callback of the
 * previous one. Sends must not block; callbacks may arrive on any thread.
 */
public interface WebSocketChannel {

    void sendText(String text, SendCallback callback);

    void sendBinary(ByteBuffer data, SendCallback callback);

    /** Closes the connection with a WebSocket close code; idempotent. */
    void close(int code, String reason);

    /** The outcome of one send. */
    interface SendCallback {
        void onSent();

        void onFailed(Throwable error);
    }
}
