package io.socketee.socketio;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A broadcast with acks ({@link BroadcastOperator#emitWithAck}) ended before every client answered: Node's "operation
 * has timed out", whose error carries the responses that came. Immutable.
 */
public final class BroadcastAckTimeoutException extends TimeoutException {
    private static final long serialVersionUID = 1L;

    /** The answers (each client's first argument) that arrived in time; transient: not serialized. */
    private final transient List<JsonValue> responses;

    BroadcastAckTimeoutException(String message, List<JsonValue> responses) {
        super(message);
        this.responses = List.copyOf(responses);
    }

    /** The answers that arrived in time, in the order they came. */
    public List<JsonValue> responses() {
        return responses == null ? List.of() : responses;
    }
}
