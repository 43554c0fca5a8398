package io.socketee.socketio;

import io.socketee.socketio.core.Ack;
import jakarta.json.JsonValue;
import java.util.List;

/** Handles one event from a client: its arguments as JSON, and the ack (or {@link Ack#NONE}). */
@FunctionalInterface
public interface EventListener {
    void onEvent(List<JsonValue> args, Ack ack);
}
