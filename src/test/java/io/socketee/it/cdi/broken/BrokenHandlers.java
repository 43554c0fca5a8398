package io.socketee.it.cdi.broken;

import io.socketee.socketio.Socket;
import io.socketee.socketio.cdi.Blocking;
import io.socketee.socketio.cdi.OnDisconnecting;
import io.socketee.socketio.cdi.OnError;
import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Five mistakes the deployment must name: an unknown parameter type, a duplicate event, a return type, a blocking
 * error handler, a blocking disconnecting handler.
 */
@SocketNamespace("/broken")
@ApplicationScoped
public class BrokenHandlers {

    @SocketEvent("run")
    void run(Socket socket, Runnable task) {
    }

    @SocketEvent("twice")
    void twice(String text) {
    }

    @SocketEvent("self")
    Socket self(Socket socket) {
        return socket;
    }

    @Blocking
    @OnError
    void blockingError(Throwable error) {
    }

    @Blocking
    @OnDisconnecting
    void blockingDisconnecting() {
    }
}
