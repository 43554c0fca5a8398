package io.socketee.socketio;

/**
 * Runs before a socket joins a namespace (Node's {@code namespace.use}); sees the handshake and the auth payload.
 * Call {@link Next#proceed()} to let it in or {@link Next#refuse} to turn it away, at once or later from any thread;
 * throwing {@link ConnectionRefusedException} refuses too.
 */
@FunctionalInterface
public interface Middleware {
    void handle(Socket socket, Next next);

    /** The continuation of a middleware; the first call counts. */
    interface Next {
        void proceed();

        void refuse(ConnectionRefusedException refusal);
    }
}
