package io.socketee.example.boot;

import io.socketee.socketio.ConnectionRefusedException;
import io.socketee.socketio.HandlerMode;
import io.socketee.socketio.SocketIoServer;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handlers of the chat's core, on the plain API: a nickname per connection (the client's {@code auth}), rooms
 * joined with an ack, messages to a room acknowledged to their sender. The same events as the WAR's CDI handlers.
 */
final class ChatEvents {
    /**
     * SLF4J, as in any Spring Boot application (Socketee itself logs through System.Logger, which reaches Boot's
     * logging through java.util.logging; the JVM resets that at exit, so lines logged while stopping would be lost).
     */
    private static final Logger LOG = LoggerFactory.getLogger(ChatEvents.class);
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.-]{1,24}");
    private static final String ROOM = "room:";

    private ChatEvents() {
    }

    static void install(SocketIoServer io) {
        io.use((socket, next) -> {
            JsonValue nick = socket.handshake().auth().get("nick");
            if (nick instanceof JsonString name && NAME.matcher(name.getString()).matches()) {
                socket.data().put("nick", name.getString());
                next.proceed();
            } else {
                next.refuse(new ConnectionRefusedException("pick a nickname: 1-24 letters, digits, _ . -",
                        Map.of("reason", "nickname")));
            }
        });
        io.onConnection(socket -> {
            String nick = (String) socket.data().get("nick");
            socket.join("user:" + nick);
            // Where blocking work runs (the runtime tests ask): the library's own workers.
            socket.on("whereami", HandlerMode.BLOCKING, (args, ack) -> ack.send(Thread.currentThread().getName()));
            socket.on("join", String.class, (room, ack) -> {
                if (room == null || !NAME.matcher(room).matches()) {
                    ack.send(false);
                    return;
                }
                socket.join(ROOM + room);
                socket.to(ROOM + room).emit("joined", room, nick);
                ack.send(true);
            });
            socket.on("message", Message.class, (message, ack) -> {
                if (message == null || !socket.rooms().contains(ROOM + message.room()) || message.text() == null) {
                    ack.send(new Receipt(false, System.currentTimeMillis()));
                    return;
                }
                long now = System.currentTimeMillis();
                socket.to(ROOM + message.room())
                        .emit("message", new Message(message.room(), nick, message.text(), now));
                ack.send(new Receipt(true, now));
            });
            socket.onDisconnect(reason -> LOG.info("chat: {} left ({})", nick, reason.text()));
        });
    }
}
