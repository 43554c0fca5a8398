package io.socketee.bench;

import io.socketee.engineio.CloseReason;
import io.socketee.engineio.CorsConfig;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.TransportName;
import io.socketee.bench.upgrade.UpgradeFilter;
import io.socketee.engineio.servlet.EngineIoServlet;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.core.Ack;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Socketee implementing the bench contract at {@code /socket.io/} (see bench/README.md): EIO=4 and Socket.IO v5,
 * polling and WebSocket, pingInterval 25000, pingTimeout 20000, maxHttpBufferSize 1e6, no compression; on {@code /}:
 * {@code echo(data[, ack])}, {@code join(room[, ack])}, {@code leave(room[, ack])},
 * {@code broadcast(room, payload[, ack])} and {@code stats([options, ]ack)}.
 */
public final class BenchApp implements ServletContainerInitializer, AutoCloseable {
    private final EngineIoServer engine;
    private final SocketIoServer io;
    private final Map<CloseReason, Long> closeReasons = new ConcurrentHashMap<>();
    private final boolean servletUpgrade;

    /**
     * @param servletUpgrade whether WebSocket handshakes go to the Servlet-upgrade transport of
     *                       {@link UpgradeFilter} instead of the library's JSR-356 endpoint (issue 19's experiment)
     */
    public BenchApp(String impl, Adapter.Factory adapter, boolean servletUpgrade) {
        this.servletUpgrade = servletUpgrade;
        engine = EngineIoServer.create(EngineIoConfig.builder()
                .pingInterval(Duration.ofMillis(25_000))
                .pingTimeout(Duration.ofMillis(20_000))
                .maxHttpBufferSize(1_000_000)
                .transports(TransportName.POLLING, TransportName.WEBSOCKET)
                .cors(CorsConfig.anyOrigin())
                .build());
        io = SocketIoServer.create(engine, SocketIoConfig.builder().adapter(adapter).build());
        // why sessions ended, logged when the server stops: a dropped connection in a run says why it dropped
        engine.onConnection(session -> session.onClose(reason -> closeReasons.merge(reason, 1L, Long::sum)));
        io.onConnection(socket -> {
            socket.on("echo", (args, ack) -> {
                JsonValue data = args.isEmpty() ? JsonValue.NULL : args.get(0);
                if (ack == Ack.NONE) {
                    socket.emit("echo", data);
                } else {
                    ack.send(data);
                }
            });
            socket.on("join", (args, ack) -> {
                socket.join(string(args, 0));
                ack.send("ok");
            });
            socket.on("leave", (args, ack) -> {
                socket.leave(string(args, 0));
                ack.send("ok");
            });
            socket.on("broadcast", (args, ack) -> {
                io.to(string(args, 0)).emit("bcast", args.size() > 1 ? args.get(1) : JsonValue.NULL);
                ack.send("ok");
            });
            socket.on("stats", (args, ack) -> {
                boolean gc = !args.isEmpty() && args.get(0) instanceof JsonObject options
                        && options.getBoolean("gc", false);
                ack.send(ServerStats.snapshot(engine.clientsCount(), gc, impl));
            });
        });
    }

    private static String string(List<JsonValue> args, int index) {
        if (index >= args.size()) {
            return "";
        }
        JsonValue value = args.get(index);
        return value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        EngineIoServlet.register(context, engine, "/socket.io");
        if (servletUpgrade) {
            UpgradeFilter.register(context, engine, "/socket.io");
        }
    }

    /** Disconnects every client and stops the servers. */
    @Override
    public void close() {
        System.err.println("bench server: sessions closed before shutdown, by reason: " + closeReasons);
        io.close();
    }
}
