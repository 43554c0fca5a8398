package io.socketee.it.cdi.app;

import io.socketee.socketio.Socket;
import io.socketee.socketio.cdi.OnError;
import jakarta.enterprise.context.ApplicationScoped;

/** The default error handler, for namespaces without an @OnError of their own. */
@ApplicationScoped
public class DefaultErrors {

    @OnError(defaultHandler = true)
    void any(Socket socket, Exception error) {
        socket.emit("default-error", socket.namespace().name(), error.getMessage());
    }
}
