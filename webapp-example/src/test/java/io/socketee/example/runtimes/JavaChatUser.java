package io.socketee.example.runtimes;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.Transport;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;

/** A user of the chat on the Java client ({@code io.socket:socket.io-client}), recording what it receives. */
final class JavaChatUser implements AutoCloseable {
    static final long WAIT_SECONDS = 10;

    final String nick;
    final Socket socket;
    /** The engine's transports in the order it took them ({@code polling} then {@code websocket} after an upgrade). */
    final List<String> transports = new CopyOnWriteArrayList<>();
    final List<JSONObject> messages = new CopyOnWriteArrayList<>();
    final List<JSONObject> announcements = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> disconnected = new CompletableFuture<>();

    private JavaChatUser(String nick, Socket socket) {
        this.nick = nick;
        this.socket = socket;
    }

    /** A user of the chat at {@code origin} + {@code path} over these transports, not yet connected. */
    static JavaChatUser of(URI origin, String path, String nick, String... transports) {
        IO.Options options = IO.Options.builder()
                .setPath(path)
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(transports)
                .setAuth(Map.of("nick", nick))
                .build();
        JavaChatUser user = new JavaChatUser(nick, IO.socket(origin, options));
        user.socket.io().on(Manager.EVENT_TRANSPORT, args -> user.transports.add(((Transport) args[0]).name));
        user.socket.on("message", args -> user.messages.add((JSONObject) args[0]));
        user.socket.on("announcement", args -> user.announcements.add((JSONObject) args[0]));
        user.socket.on(Socket.EVENT_DISCONNECT, args -> user.disconnected.complete(String.valueOf(args[0])));
        return user;
    }

    /** Connects: "connected", or the argument of {@code connect_error}. */
    Object connect() throws Exception {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> outcome.complete("connected"));
        socket.once(Socket.EVENT_CONNECT_ERROR, args -> outcome.complete(args.length > 0 ? args[0] : "error"));
        socket.connect();
        return outcome.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Emits with an ack; the ack's arguments. */
    Object[] ask(String event, Object... args) throws Exception {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        Object[] withAck = Arrays.copyOf(args, args.length + 1);
        withAck[args.length] = (Ack) answer::complete;
        socket.emit(event, withAck);
        return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The texts of the messages received from {@code from}. */
    List<String> textsFrom(String from) {
        List<String> texts = new ArrayList<>();
        for (JSONObject m : messages) {
            if (from.equals(m.optString("from"))) {
                texts.add(m.optString("text"));
            }
        }
        return texts;
    }

    @Override
    public void close() {
        socket.close();
    }
}
