package io.socketee.socketio;

import io.socketee.engineio.CloseReason;

/**
 * Why a socket left its namespace, with the reason strings of the Node.js server.
 */
public enum DisconnectReason {
    /** The client sent a DISCONNECT for the namespace. */
    CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),
    /** The server disconnected the socket ({@code socket.disconnect()}). */
    SERVER_NAMESPACE_DISCONNECT("server namespace disconnect"),
    /** The connection was closed by the client or lost. */
    TRANSPORT_CLOSE("transport close"),
    /** The connection failed. */
    TRANSPORT_ERROR("transport error"),
    /** The client stopped answering the heartbeat. */
    PING_TIMEOUT("ping timeout"),
    /** The client sent something that is not Socket.IO. */
    PARSE_ERROR("parse error"),
    /** The server closed the connection ({@code socket.disconnect(true)} or the engine session's {@code close()}). */
    FORCED_CLOSE("forced close"),
    /** The server is stopping. */
    SERVER_SHUTTING_DOWN("server shutting down");

    private final String text;

    DisconnectReason(String text) {
        this.text = text;
    }

    /**
     * Whether a socket that left for this reason leaves its session behind for connection state recovery: the
     * connection was lost ("transport close", "transport error", "ping timeout") or the server stopped, not ended on
     * purpose by either side. Node also recovers a "forced close"; here that is {@code socket.disconnect(true)}, which
     * Node reports as "server namespace disconnect", not recoverable.
     */
    public boolean recoverable() {
        return this == TRANSPORT_CLOSE || this == TRANSPORT_ERROR || this == PING_TIMEOUT
                || this == SERVER_SHUTTING_DOWN;
    }

    /** The reason as the Node.js server words it. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** The reason a socket gets when its Engine.IO session closes. */
    static DisconnectReason of(CloseReason reason) {
        return switch (reason) {
            case TRANSPORT_CLOSE -> TRANSPORT_CLOSE;
            case TRANSPORT_ERROR -> TRANSPORT_ERROR;
            case PING_TIMEOUT -> PING_TIMEOUT;
            case PARSE_ERROR -> PARSE_ERROR;
            case FORCED_CLOSE -> FORCED_CLOSE;
            case SERVER_SHUTTING_DOWN -> SERVER_SHUTTING_DOWN;
        };
    }
}
