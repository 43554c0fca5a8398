package io.socketee.example.chat;

import io.socketee.socketio.ConnectionRefusedException;
import io.socketee.socketio.DisconnectReason;
import io.socketee.socketio.Namespace;
import io.socketee.socketio.Socket;
import io.socketee.socketio.cdi.AfterConnect;
import io.socketee.socketio.cdi.Blocking;
import io.socketee.socketio.cdi.OnConnect;
import io.socketee.socketio.cdi.OnDisconnecting;
import io.socketee.socketio.cdi.OnError;
import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import io.socketee.socketio.core.RemoteSocket;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The chat: a nickname per connection (the client's {@code auth}), rooms, messages acknowledged to their sender,
 * a volatile typing indicator, the user list of each room, images as binary attachments, private messages.
 * Everything goes through rooms ({@code user:<nick>} for private messages), so it works the same across a Redis
 * cluster.
 */
@SocketNamespace
@ApplicationScoped
public class ChatHandlers {
    private static final System.Logger LOG = System.getLogger(ChatHandlers.class.getName());
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.-]{1,24}");
    private static final String NICK = "nick";
    private static final String ROOM = "room:";
    private static final String USER = "user:";

    @OnConnect
    void connect(Socket socket, Hello hello) {
        if (hello == null || hello.nick() == null || !NAME.matcher(hello.nick()).matches()) {
            throw new ConnectionRefusedException("pick a nickname: 1-24 letters, digits, _ . -", Map.of("reason", "nickname"));
        }
        socket.data().put(NICK, hello.nick());
        socket.join(USER + hello.nick());
    }

    /**
     * Back after a network cut (connection state recovery): same rooms, and what was said meanwhile has been replayed
     * to it; the others saw it leave, so they hear it is back. After the CONNECT (not in {@link #connect}, a
     * middleware): a user list asked for on hearing it must find its socket.
     */
    @AfterConnect
    void connected(Socket socket) {
        if (socket.recovered()) {
            for (String room : rooms(socket)) {
                socket.to(ROOM + room).emit("joined", room, nick(socket));
            }
        }
    }

    @SocketEvent("join")
    boolean join(Socket socket, String room) {
        checkRoom(room);
        socket.join(ROOM + room);
        socket.to(ROOM + room).emit("joined", room, nick(socket));
        return true;
    }

    @SocketEvent("leave")
    boolean leave(Socket socket, Namespace namespace, String room) {
        checkRoom(room);
        socket.leave(ROOM + room);
        namespace.to(ROOM + room).emit("left", room, nick(socket));
        return true;
    }

    /**
     * Who is in a room, asked of the whole cluster. Clients ask after each change they hear of (joined, left), so the
     * last answer always reflects the last change: snapshots pushed from concurrent joins could arrive out of order.
     */
    @SocketEvent("users")
    CompletionStage<Users> users(Socket socket, Namespace namespace, String room) {
        inRoom(socket, room);
        return namespace.in(ROOM + room).fetchSockets().thenApply(sockets -> new Users(room, sockets.stream()
                .map(RemoteSocket::data).map(data -> data.get(NICK)).filter(nick -> nick != null)
                .map(ChatHandlers::plain).distinct().sorted().toList()));
    }

    /**
     * The thread blocking work runs on (the runtime tests ask): the container's managed executor on a full EE server,
     * the library's own workers elsewhere.
     */
    @Blocking
    @SocketEvent("whereami")
    String whereami() {
        return Thread.currentThread().getName();
    }

    @SocketEvent("message")
    Receipt message(Socket socket, Message message) {
        String room = inRoom(socket, message.room());
        long now = System.currentTimeMillis();
        socket.to(ROOM + room).emit("message", new Message(room, nick(socket), text(message.text()), now));
        return new Receipt(true, now);
    }

    @SocketEvent("typing")
    void typing(Socket socket, Typing typing) {
        String room = typing.room();
        if (room == null || !socket.rooms().contains(ROOM + room)) {
            return;                     // stale (e.g. sent just before a reconnect): not worth an error
        }
        socket.to(ROOM + room).asVolatile().emit("typing", new Typing(room, nick(socket), typing.typing()));
    }

    @SocketEvent("image")
    Receipt image(Socket socket, Image image, byte[] data) {
        String room = inRoom(socket, image.room());
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("no image data");
        }
        String type = image.type() != null && image.type().startsWith("image/") ? image.type() : "image/png";
        socket.to(ROOM + room).emit("image", new Image(room, nick(socket), image.name(), type), data);
        return new Receipt(true, System.currentTimeMillis());
    }

    @SocketEvent("private")
    Receipt privateMessage(Socket socket, PrivateMessage message) {
        if (message.to() == null || !NAME.matcher(message.to()).matches()) {
            throw new IllegalArgumentException("no such user: " + message.to());
        }
        long now = System.currentTimeMillis();
        socket.to(USER + message.to()).emit("private",
                new PrivateMessage(message.to(), nick(socket), text(message.text()), now));
        return new Receipt(true, now);
    }

    /**
     * While the socket is still in its rooms (Node's {@code disconnecting}): the others hear it left; not itself, so
     * that a session resumed later is not replayed its own departure.
     */
    @OnDisconnecting
    void disconnecting(Socket socket, DisconnectReason reason) {
        LOG.log(System.Logger.Level.INFO, () -> "chat: " + nick(socket) + " left (" + reason.text() + ")");
        for (String room : rooms(socket)) {
            socket.to(ROOM + room).emit("left", room, nick(socket));
        }
    }

    @OnError
    void error(Socket socket, Throwable error) {
        socket.emit("problem", String.valueOf(error.getMessage()));
    }

    private static String plain(Object value) {
        String text = value.toString();   // a remote socket's data may hold JSON strings
        return text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : text;
    }

    private static String inRoom(Socket socket, String room) {
        checkRoom(room);
        if (!socket.rooms().contains(ROOM + room)) {
            throw new IllegalArgumentException("not in room " + room);
        }
        return room;
    }

    private static void checkRoom(String room) {
        if (room == null || !NAME.matcher(room).matches()) {
            throw new IllegalArgumentException("bad room name: " + room);
        }
    }

    private static String text(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty message");
        }
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    /** The chat rooms the socket is in (its Socket.IO rooms {@code room:<name>}). */
    private static List<String> rooms(Socket socket) {
        return socket.rooms().stream().filter(r -> r.startsWith(ROOM)).map(r -> r.substring(ROOM.length())).toList();
    }

    private static String nick(Socket socket) {
        return String.valueOf(socket.data().get(NICK));
    }
}
