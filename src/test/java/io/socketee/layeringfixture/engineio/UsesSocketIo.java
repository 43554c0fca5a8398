package io.socketee.layeringfixture.engineio;

/** Breaks the table: Engine.IO uses Socket.IO. */
public final class UsesSocketIo {
    io.socketee.layeringfixture.socketio.Server server;
}
