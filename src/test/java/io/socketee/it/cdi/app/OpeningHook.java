package io.socketee.it.cdi.app;

import io.socketee.socketio.ConnectionRefusedException;
import io.socketee.socketio.Middleware;
import io.socketee.socketio.Socket;
import io.socketee.socketio.cdi.SocketNamespace;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;

/** The first connect middleware of /hooked (lowest priority): refuses the token "stop", starts the trail. */
@SocketNamespace("/hooked")
@ApplicationScoped
@Priority(1)
public class OpeningHook implements Middleware {
    @Override
    public void handle(Socket socket, Next next) {
        if ("stop".equals(socket.handshake().auth().getString("token", null))) {
            next.refuse(new ConnectionRefusedException("stopped by the first hook"));
            return;
        }
        socket.data().put("trail", "first");
        next.proceed();
    }
}
