package io.socketee.it.cdi.app;

import io.socketee.socketio.DisconnectReason;
import io.socketee.socketio.Socket;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.cdi.OnConnect;
import io.socketee.socketio.cdi.OnDisconnect;
import io.socketee.socketio.cdi.OnError;
import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import io.socketee.socketio.core.Ack;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** The main namespace: every kind of parameter and return value. */
@SocketNamespace
@ApplicationScoped
public class MainHandlers {
    @Inject
    SocketIoServer io;

    @Inject
    RequestState request;

    @OnConnect
    void connect(Socket socket, Principal principal) {
        socket.data().put("user", principal == null ? "anonymous" : principal.getName());
    }

    @SocketEvent("chat")
    ChatMessage chat(ChatMessage message) {
        return new ChatMessage(message.user(), message.text().toUpperCase(Locale.ROOT));
    }

    @SocketEvent("sum")
    void sum(List<Integer> numbers, Ack ack) {
        ack.send(numbers.stream().mapToInt(Integer::intValue).sum());
    }

    @SocketEvent("later")
    CompletionStage<String> later(String text) {
        return CompletableFuture.supplyAsync(() -> "later: " + text,
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
    }

    @SocketEvent("nothing")
    CompletionStage<Void> nothing() {
        return CompletableFuture.completedFuture(null);
    }

    @SocketEvent("reverse")
    byte[] reverse(byte[] data) {
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[data.length - 1 - i];
        }
        return out;
    }

    @SocketEvent("whoami")
    String whoami(Socket socket, Principal principal) {
        return (principal == null ? "anonymous" : principal.getName()) + "/" + socket.data().get("user");
    }

    @SocketEvent("requestIds")
    List<Integer> requestIds() {
        return List.of(request.id(), request.id());
    }

    @SocketEvent("join")
    String join(Socket socket, String room) {
        socket.join(room);
        return "joined " + room;
    }

    @SocketEvent("fail")
    void fail(String message) {
        throw new IllegalStateException(message);
    }

    @SocketEvent("failLater")
    CompletionStage<String> failLater(String message) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(message));
    }

    @OnError
    void error(Socket socket, Throwable error) {
        socket.emit("handler-error", error.getClass().getSimpleName(), error.getMessage());
    }

    @OnDisconnect
    void left(Socket socket, DisconnectReason reason) {
        io.emit("left", socket.id(), reason.text());
    }
}
