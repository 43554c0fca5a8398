package io.socketee.it.cdi.app;

import io.socketee.socketio.Socket;
import io.socketee.socketio.cdi.OnConnect;
import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import jakarta.enterprise.context.ApplicationScoped;

/** The handlers of /hooked: they run after its middleware beans. */
@SocketNamespace("/hooked")
@ApplicationScoped
public class HookedHandlers {
    @OnConnect
    void connect(Socket socket) {
        socket.data().merge("trail", ",connect", (a, b) -> a + "" + b);
    }

    @SocketEvent("trail")
    String trail(Socket socket) {
        return String.valueOf(socket.data().get("trail"));
    }
}
