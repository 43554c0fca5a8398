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
 * <p>Socket.IO 5 (socket.io-client 3.x/4.x) sends {@code {"message":…,"data":…}}; Socket.IO 4 (2.x clients) sends
 * the refusal's data alone when it has some, its message otherwise: then {@code message} is the data's JSON text.
 * Immutable.
 *
 * @param message what the refusal says
 * @param data    the refusal's {@code data} (e.g. {@code {"code":42}}); {@link JsonValue#NULL} when it has none
 */
public record ConnectError(String message, JsonValue data) {

    static ConnectError of(JsonValue payload, boolean v5) {
        if (v5 && payload instanceof JsonObject object) {
            String message = object.get("message") instanceof JsonString s ? s.getString() : object.toString();
            return new ConnectError(message, Optional.ofNullable(object.get("data")).orElse(JsonValue.NULL));
        }
        if (payload instanceof JsonString s && !(payload instanceof Binary)) {
            return new ConnectError(s.getString(), JsonValue.NULL);
        }
        return new ConnectError(payload.toString(), payload);
    }
}
