package io.socketee.layeringfixture.socketio.adapter;

/** Allowed: the adapter SPI on JSON-P. */
public final class Adapter {
    jakarta.json.JsonValue payload;
    io.socketee.layeringfixture.socketio.core.Handshake handshake;
}
