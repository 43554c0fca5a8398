package io.socketee.testing;

import io.socketee.socketio.protocol.Binary;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * The server's refusal of a {@link TestClient}'s CONNECT, as a client's {@code connect_error} shows it: the message
 * ({@code "Invalid namespace"}, or a middleware's {@code ConnectionRefusedException} message) and its data.
 *
 * @param message what the refusal says
 * @param data    the refusal's {@code data} (v5, e.g. {@code {"code":42}}); {@link JsonValue#NULL} when it has none
 */
public record ConnectError(String message, JsonValue data) {

    static ConnectError of(JsonValue payload) {
        if (payload instanceof JsonObject object) {
            String message = object.get("message") instanceof JsonString s ? s.getString() : object.toString();
            return new ConnectError(message, Optional.ofNullable(object.get("data")).orElse(JsonValue.NULL));
        }
        if (payload instanceof JsonString s && !(payload instanceof Binary)) {
            return new ConnectError(s.getString(), JsonValue.NULL);
        }
        return new ConnectError(payload.toString(), payload);
    }
}
