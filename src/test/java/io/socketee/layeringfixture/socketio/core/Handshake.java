package io.socketee.layeringfixture.socketio.core;

/** Allowed: the Socket.IO base on JSON-P, below the adapter SPI and the server. */
public final class Handshake {
    jakarta.json.JsonObject auth;
}
