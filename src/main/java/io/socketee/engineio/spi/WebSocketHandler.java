package io.socketee.engineio.spi;

import java.nio.ByteBuffer;

/**
 * What the host binding calls when something happens on a WebSocket; returned by
 * {@link io.socketee.engineio.EngineIoServer#openWebSocket}. Calls for one connection must not overlap.
 */
public interface WebSocketHandler {
    void onText(String text);

    void onBinary(ByteBuffer data);

    /** The connection closed, from either side. */
    void onClose();

    void onError(Throwable error);
}
