package io.socketee.socketio.redis.internal;

/** A message from the message bus that is not well-formed msgpack or JSON, or breaks a size or depth limit. */
public final class WireFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
