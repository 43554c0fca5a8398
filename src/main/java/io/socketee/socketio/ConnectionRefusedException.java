package io.socketee.socketio;

import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * Refuses a connection to a namespace from a middleware: the client gets {@code connect_error} with this message and,
 * for socket.io 3+ clients, the data. Carries no stack trace to anyone.
 */
public final class ConnectionRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient JsonValue data;

    public ConnectionRefusedException(String message) {
        this(message, null);
    }

    /** @param data sent to the client as the error's {@code data}, converted as {@link Json#toJson(Object)} does */
    public ConnectionRefusedException(String message, Object data) {
        super(message, null, false, false);
        this.data = data == null ? null : Json.toJson(data);
    }

    public Optional<JsonValue> data() {
        return Optional.ofNullable(data);
    }
}
