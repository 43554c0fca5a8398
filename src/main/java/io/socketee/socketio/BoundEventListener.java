package io.socketee.socketio;

import io.socketee.socketio.core.Ack;

/** Handles one event whose first argument is bound to a type with JSON-B (records, POJOs, {@code byte[]}, …). */
@FunctionalInterface
public interface BoundEventListener<T> {
    void onEvent(T payload, Ack ack);
}
