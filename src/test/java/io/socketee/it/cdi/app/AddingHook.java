package io.socketee.it.cdi.app;

import io.socketee.socketio.Middleware;
import io.socketee.socketio.Socket;
import io.socketee.socketio.cdi.SocketNamespace;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;

/** The second connect middleware of /hooked, a dependent bean whose name sorts before the first one's. */
@SocketNamespace("/hooked")
@Dependent
@Priority(2)
public class AddingHook implements Middleware {
    @Override
    public void handle(Socket socket, Next next) {
        socket.data().merge("trail", ",second", (a, b) -> a + "" + b);
        next.proceed();
    }
}
