package io.socketee.socketio.cdi;

import jakarta.json.JsonValue;
import java.util.List;

/**
 * The event being handled, as the client sent it: its name and its arguments as JSON (Flask-SocketIO's
 * {@code request.event}). A handler parameter of this type receives it in {@link SocketEvent} methods (most useful
 * in the catch-all, {@code @SocketEvent(SocketEvent.ANY)}) and in {@link OnError} methods, where it is the event whose
 * handler failed, or {@code null} when the error did not come from an event handler. Immutable.
 *
 * @param name the event name
 * @param args its arguments (binary ones as the JSON-B binding sees them), unmodifiable
 */
public record IncomingEvent(String name, List<JsonValue> args) {
    public IncomingEvent {
        args = List.copyOf(args);
    }
}
