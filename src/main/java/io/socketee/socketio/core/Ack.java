package io.socketee.socketio.core;

/**
 * The answer to an event the client sent with an acknowledgement callback. Only the first {@link #send} counts; when
 * the client asked for no acknowledgement, sending does nothing. May be kept and called later, from any thread.
 */
@FunctionalInterface
public interface Ack {
    /** Does nothing: for events sent without an ack callback. */
    Ack NONE = args -> { };

    /** Answers with these arguments (converted as {@link io.socketee.socketio.Json#toJson(Object)} does). */
    void send(Object... args);
}
