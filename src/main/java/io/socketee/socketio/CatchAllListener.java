package io.socketee.socketio;

import io.socketee.socketio.core.Ack;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Handles the events of a socket that no listener of their name handles (python-socketio's {@code '*'} handler):
 * the event's name, its arguments as JSON, and the ack the client asked for ({@link Ack#NONE} if none). Registered with
 * {@link Socket#onUnhandled}; unlike {@link AnyListener}, which sees every event, it sees only those nobody else
 * handles, and may answer them. Threading as for {@link EventListener}.
 */
@FunctionalInterface
public interface CatchAllListener {
    void onEvent(String event, List<JsonValue> args, Ack ack);
}
