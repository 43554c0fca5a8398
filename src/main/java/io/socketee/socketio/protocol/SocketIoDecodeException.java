package io.socketee.socketio.protocol;

/**
 * The one error {@link PacketDecoder} throws on malformed input: a packet that is not valid Socket.IO, a payload that
 * is not valid JSON or not allowed for its packet type, or binary attachments out of order. The message says briefly
 * what was wrong and never echoes the input. The receiver is expected to close the connection, as the Node server does.
 *
 * <p>Immutable and without a stack trace (it is an expected outcome of hostile or broken input, not a bug).
 */
public final class SocketIoDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An exception with a short description of what was malformed. */
    public SocketIoDecodeException(String message) {
        super(message, null, false, false);
    }
}
