package io.socketee.testing.cdi.app;

import io.socketee.socketio.DisconnectReason;
import io.socketee.socketio.Namespace;
import io.socketee.socketio.Socket;
import io.socketee.socketio.cdi.NamespaceName;
import io.socketee.socketio.cdi.OnConnect;
import io.socketee.socketio.cdi.OnDisconnect;
import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler bean of the CDI mode's tests: auth checked on connect, an injected helper, the ack as return value. */
@SocketNamespace("/chat")
@ApplicationScoped
public class Chat {
    public record Credentials(String name) {
    }

    public record Message(String text) {
    }

    private final List<String> left = new CopyOnWriteArrayList<>();

    @Inject
    Greeter greeter;

    @Inject
    @NamespaceName("/chat")
    Namespace chat;

    @OnConnect
    boolean connect(Socket socket, Credentials credentials) {
        if (credentials == null || credentials.name() == null) {
            return false;
        }
        socket.data().put("name", credentials.name());
        socket.join("lobby");
        return true;
    }

    @SocketEvent("whoami")
    String whoami(Socket socket) {
        return greeter.greet((String) socket.data().get("name"));
    }

    @SocketEvent("message")
    String message(Socket socket, Message message) {
        chat.to("lobby").except(socket.id()).emit("message", socket.data().get("name"), message.text());
        return "delivered";
    }

    /** Who left, and why, in order. */
    public List<String> left() {
        return left;
    }

    @OnDisconnect
    void disconnected(Socket socket, DisconnectReason reason) {
        left.add(socket.data().get("name") + ": " + reason.text());
    }
}
