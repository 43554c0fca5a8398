package io.socketee.socketio.protocol.msgpack;

/**
 * Bytes that are not one well-formed MessagePack value, or that break a limit of {@link MsgPackCodec#decode}. The
 * message says briefly what was wrong and never echoes the input. Immutable.
 */
public final class MsgPackException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An exception with a short description of what was malformed. */
    public MsgPackException(String message) {
        super(message);
    }

    /** An exception with a short description and the error that revealed it. */
    public MsgPackException(String message, Throwable cause) {
        super(message, cause);
    }
}
