package io.socketee.it.cdi.app;

import io.socketee.socketio.ConnectionRefusedException;
import io.socketee.socketio.Socket;
import io.socketee.socketio.cdi.OnConnect;
import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** A namespace whose @OnConnect refuses by returning false or by throwing with data. */
@SocketNamespace("/guarded")
@ApplicationScoped
public class GuardedHandlers {

    @OnConnect
    boolean connect(Socket socket, Credentials credentials) {
        String token = credentials == null ? null : credentials.token();
        if ("refuse".equals(token)) {
            return false;
        }
        if ("refuse-with-data".equals(token)) {
            throw new ConnectionRefusedException("not authorized", Map.of("code", 42, "reason", "bad token"));
        }
        socket.data().put("token", token);
        return true;
    }

    @SocketEvent("hello")
    String hello(Socket socket) {
        return "welcome " + socket.data().get("token");
    }
}
