package io.socketee.engineio.protocol;

/**
 * The one error a decoder throws on malformed input. The message says what was wrong, never echoes the input at length.
 */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message, null, false, false);
    }
}
