package io.socketee.engineio;

/**
 * Why an Engine.IO session closed, with the reason strings of the Node.js server.
 */
public enum CloseReason {
    /** The client closed the connection, or sent a close packet. */
    TRANSPORT_CLOSE("transport close"),
    /** The transport failed: a network error, an overlapping request, a body over the limit, a full send buffer. */
    TRANSPORT_ERROR("transport error"),
    /** No heartbeat within the allowed time. */
    PING_TIMEOUT("ping timeout"),
    /** The client sent something that is not Engine.IO. */
    PARSE_ERROR("parse error"),
    /** The application closed the session. */
    FORCED_CLOSE("forced close"),
    /** The server is stopping. */
    SERVER_SHUTTING_DOWN("server shutting down");

    private final String text;

    CloseReason(String text) {
        this.text = text;
    }

    /** The reason as the Node.js server words it. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
