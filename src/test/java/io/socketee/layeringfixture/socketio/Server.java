package io.socketee.layeringfixture.socketio;

/** Allowed: the Socket.IO server on JSON-P and the adapter SPI. */
public final class Server {
    jakarta.json.JsonValue payload;
    io.socketee.layeringfixture.socketio.adapter.Adapter adapter;
}
