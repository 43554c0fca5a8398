package io.socketee.it;

import io.socketee.engineio.CloseReason;
import io.socketee.engineio.CorsConfig;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import io.socketee.jakarta.ClientBundleServlet;
import io.socketee.socketio.ConnectionRefusedException;
import io.socketee.socketio.DisconnectReason;
import io.socketee.socketio.Namespace;
import io.socketee.socketio.Socket;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.protocol.SocketIoParser;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server the real-client tests talk to, at {@code /socket.io/}: pingInterval 500, pingTimeout 500, connectTimeout
 * 1000, EIO=3 on, any origin. Namespaces {@code /}, {@code /second} and {@code /private} share these handlers:
 * <ul>
 *   <li>{@code whoami} acks with the namespace, the socket id and the transport;</li>
 *   <li>{@code ack} acks with its arguments; {@code echo} answers {@code echo-back} with its arguments;
 *       {@code message} is kept for the test (the first one per tag) and acked with its arguments;</li>
 *   <li>{@code binary} acks with its arguments and answers {@code binary-back} with them and the bytes 9, 8, 7;</li>
 *   <li>{@code join} (room) joins the room and acks; {@code broadcast} (room, except room or null, payload) sends
 *       {@code room-msg} with the payload to the room minus the except room, and acks;</li>
 *   <li>{@code ask} (question) asks the client {@code question} with an ack (2 s) and answers {@code ask-result}
 *       with the client's answer; {@code ask-timeout} asks {@code question-ignored} with a 300 ms ack timeout and
 *       answers {@code ask-timeout-result} with the simple class name of the failure (kept for the test as well);</li>
 *   <li>{@code volatile-burst} (n) sends {@code v} 0…n-1 as volatile events, then acks with n;</li>
 *   <li>{@code disconnect-me} disconnects the socket from its namespace.</li>
 * </ul>
 * {@code /private} admits {@code auth.token == "secret"} (greeted with {@code welcome} and the auth), refuses
 * {@code "nodata"} with a plain message and anything else with message "not authorized" and data {@code {code: 42}}.
 * Every socket's disconnect reason, and every connection's close reason, is kept by the {@code tag} query parameter.
 * Made with a parser ({@link #SocketIoClientsApp(SocketIoParser)}), it speaks that parser and also serves the browser
 * bundles at {@code /socket.io/socket.io.js} and the others.
 */
public final class SocketIoClientsApp implements ServletContainerInitializer {
    private final EngineIoServer engine;
    private final SocketIoServer io;
    private final Map<String, CompletableFuture<DisconnectReason>> disconnects = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<CloseReason>> closes = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<List<JsonValue>>> unansweredAcks = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<List<JsonValue>>> messages = new ConcurrentHashMap<>();
    private final boolean serveBundle;

    public SocketIoClientsApp() {
        this(SocketIoParser.json(), false);
    }

    /** The same server speaking {@code parser}, serving the browser bundles as well. */
    public SocketIoClientsApp(SocketIoParser parser) {
        this(parser, true);
    }

    private SocketIoClientsApp(SocketIoParser parser, boolean serveBundle) {
        this.serveBundle = serveBundle;
        engine = EngineIoServer.create(EngineIoConfig.builder()
                .pingInterval(Duration.ofMillis(500))
                .pingTimeout(Duration.ofMillis(500))
                .allowEIO3(true)
                .cors(CorsConfig.anyOrigin())
                .build());
        engine.onConnection(connection -> connection.onClose(reason ->
                future(closes, connection.request().queryParam("tag").orElse("")).complete(reason)));
        io = SocketIoServer.create(engine, SocketIoConfig.builder().connectTimeout(Duration.ofMillis(1000))
                .parser(parser).build());
        io.of("/private").use((socket, next) -> {
            JsonValue token = socket.handshake().auth().get("token");
            String value = token instanceof JsonString s ? s.getString() : "";
            if (value.equals("secret")) {
                next.proceed();
            } else if (value.equals("nodata")) {
                next.refuse(new ConnectionRefusedException("not authorized"));
            } else {
                throw new ConnectionRefusedException("not authorized", Map.of("code", 42));
            }
        });
        io.of("/private").onConnection(socket -> socket.emit("welcome", socket.handshake().auth()));
        for (String name : List.of("/", "/second", "/private")) {
            Namespace nsp = io.of(name);
            nsp.onConnection(socket -> handle(nsp, socket));
        }
    }

    public SocketIoServer io() {
        return io;
    }

    public EngineIoServer engine() {
        return engine;
    }

    /** The reason the socket of the connection tagged {@code tag} left {@code namespace}. */
    public CompletableFuture<DisconnectReason> disconnect(String tag, String namespace) {
        return future(disconnects, tag + " " + namespace);
    }

    /** The reason the connection tagged {@code tag} closed. */
    public CompletableFuture<CloseReason> close(String tag) {
        return future(closes, tag);
    }

    /** The server's {@code emitWithAck} future of the {@code ask-timeout} of the connection tagged {@code tag}. */
    public CompletableFuture<List<JsonValue>> unansweredAck(String tag) {
        return future(unansweredAcks, tag);
    }

    /** The arguments of the first {@code message} event of the connection tagged {@code tag}. */
    public CompletableFuture<List<JsonValue>> message(String tag) {
        return future(messages, tag);
    }

    private static <T> CompletableFuture<T> future(Map<String, CompletableFuture<T>> map, String key) {
        return map.computeIfAbsent(key, k -> new CompletableFuture<>());
    }

    private void handle(Namespace nsp, Socket socket) {
        String tag = socket.handshake().query().getOrDefault("tag", "");
        socket.onDisconnect(reason -> disconnect(tag, nsp.name()).complete(reason));
        socket.on("whoami", (args, ack) -> ack.send(nsp.name(), socket.id(), socket.transport()));
        socket.on("message", (args, ack) -> {
            message(tag).complete(args);
            ack.send(args.toArray());
        });
        socket.on("ack", (args, ack) -> ack.send(args.toArray()));
        socket.on("echo", (args, ack) -> socket.emit("echo-back", args.toArray()));
        socket.on("binary", (args, ack) -> {
            ack.send(args.toArray());
            List<Object> back = new ArrayList<>(args);
            back.add(new byte[] {9, 8, 7});
            socket.emit("binary-back", back.toArray());
        });
        socket.on("join", (args, ack) -> {
            socket.join(string(args, 0));
            ack.send(string(args, 0));
        });
        socket.on("broadcast", (args, ack) -> {
            String except = string(args, 1);
            var target = except == null ? nsp.to(string(args, 0)) : nsp.to(string(args, 0)).except(except);
            target.emit("room-msg", args.size() > 2 ? args.get(2) : JsonValue.NULL);
            ack.send();
        });
        socket.on("ask", (args, ack) -> socket.emitWithAck(Duration.ofSeconds(2), "question", args.toArray())
                .whenComplete((answer, error) -> socket.emit("ask-result",
                        error == null ? answer : List.of(failure(error)))));
        socket.on("ask-timeout", (args, ack) -> {
            CompletableFuture<List<JsonValue>> seen = unansweredAck(tag);
            socket.emitWithAck(Duration.ofMillis(300), "question-ignored", args.toArray())
                    .whenComplete((answer, error) -> {
                        if (error == null) {
                            seen.complete(answer);
                        } else {
                            seen.completeExceptionally(error);
                        }
                        socket.emit("ask-timeout-result", error == null ? "answered" : failure(error));
                    });
        });
        socket.on("volatile-burst", (args, ack) -> {
            int n = args.isEmpty() ? 0 : ((JsonNumber) args.get(0)).intValue();
            for (int i = 0; i < n; i++) {
                socket.volatileEmit("v", i);
            }
            ack.send(n);
        });
        socket.on("disconnect-me", (args, ack) -> socket.disconnect());
        socket.on("fail", (args, ack) -> {
            throw new IllegalStateException("failing on purpose");
        });
    }

    private static String failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName();
    }

    private static String string(List<JsonValue> args, int index) {
        return args.size() > index && args.get(index) instanceof JsonString s ? s.getString() : null;
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        EngineIoServlet.register(context, engine, "/socket.io");
        if (serveBundle) {
            ClientBundleServlet.register(context, "/socket.io");
        }
    }
}
