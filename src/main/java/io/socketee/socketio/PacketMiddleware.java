package io.socketee.socketio;

import jakarta.json.JsonValue;
import java.util.List;

/**
 * Runs before each incoming event of a socket is handed to its listeners (Node's {@code socket.use}). Call
 * {@link Next#proceed()} to go on, or {@link Next#fail} to stop the event: the socket's error listeners get the error.
 */
@FunctionalInterface
public interface PacketMiddleware {
    void handle(String event, List<JsonValue> args, Next next);

    /** The continuation; the first call counts. */
    interface Next {
        void proceed();

        void fail(Exception error);
    }
}
