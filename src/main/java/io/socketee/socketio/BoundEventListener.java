package io.socketee.socketio;

/** Handles one event whose first argument is bound to a type with JSON-B (records, POJOs, {@code byte[]}, …). */
@FunctionalInterface
public interface BoundEventListener<T> {
    void onEvent(T payload, Ack ack);
}
