package io.socketee.it;

import io.socketee.engineio.CorsConfig;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import io.socketee.socketio.Namespace;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.InMemoryAdapter;
import io.socketee.socketio.admin.AdminUi;
import io.socketee.socketio.admin.AdminUiOptions;
import jakarta.json.JsonString;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.Set;

/**
 * The Socket.IO half of the protocol test server, at {@code /socket.io/}: pingInterval 300, pingTimeout 200,
 * maxHttpBufferSize 1e6, connectTimeout 1000, EIO=3 on, any origin. On {@code /} and {@code /custom} a connecting
 * socket gets {@code auth} with its CONNECT payload; on {@code /}, {@code message} is answered with
 * {@code message-back} and the same arguments, {@code message-with-ack} is acked with the same arguments. Other
 * namespaces are refused as invalid.
 *
 * <p>With the Admin UI ({@code SOCKETIO_ADMIN_UI=1} for the bench server): its namespace {@code /admin} in
 * development mode with basic auth (user {@code admin}, the bcrypt hash {@value #ADMIN_PASSWORD_HASH} of
 * {@code admin-pass}), CORS that echoes the request's origin with credentials (the dashboard connects with
 * {@code withCredentials}), and on {@code /} the events {@code join (room, ack)} and {@code leave (room, ack)}, acked
 * with {@code "ok"}.
 */
public final class SocketIoProtocolApp implements ServletContainerInitializer, AutoCloseable {
    /** The bcrypt hash of {@code admin-pass} (cost 10), the Admin UI's password. */
    public static final String ADMIN_PASSWORD_HASH = "$2a$10$yfUNoXEjlPShaNobqZk8h.ccEEGQElJ64J.kXoaZNlZrd2ZUZ2HIi";

    private final EngineIoServer engine;
    private final SocketIoServer io;
    private final AdminUi adminUi;

    public SocketIoProtocolApp() {
        this(InMemoryAdapter::new);
    }

    /** The same app with its namespaces on {@code adapter} (the bench server's Redis cluster). */
    public SocketIoProtocolApp(Adapter.Factory adapter) {
        this(adapter, false);
    }

    /** The same app, with the Admin UI when {@code adminUi} (see the class documentation). */
    public SocketIoProtocolApp(Adapter.Factory adapter, boolean adminUi) {
        engine = EngineIoServer.create(EngineIoConfig.builder()
                .pingInterval(Duration.ofMillis(300))
                .pingTimeout(Duration.ofMillis(200))
                .maxHttpBufferSize(1_000_000)
                .allowEIO3(true)
                .cors(adminUi ? CorsConfig.origins(true, "*") : CorsConfig.anyOrigin())
                .build());
        io = SocketIoServer.create(engine, SocketIoConfig.builder().connectTimeout(Duration.ofMillis(1000))
                .adapter(adapter).build());
        for (Namespace nsp : new Namespace[] {io.of("/"), io.of("/custom")}) {
            nsp.onConnection(socket -> socket.emit("auth", socket.handshake().auth()));
        }
        io.onConnection(socket -> {
            socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
            socket.on("message-with-ack", (args, ack) -> ack.send(args.toArray()));
            if (adminUi) {
                socket.on("join", (args, ack) -> {
                    if (!args.isEmpty() && args.get(0) instanceof JsonString room) {
                        socket.join(room.getString());
                    }
                    ack.send("ok");
                });
                socket.on("leave", (args, ack) -> {
                    if (!args.isEmpty() && args.get(0) instanceof JsonString room) {
                        socket.leave(room.getString());
                    }
                    ack.send("ok");
                });
            }
        });
        this.adminUi = adminUi ? AdminUi.instrument(io, AdminUiOptions.builder()
                .basicAuth("admin", ADMIN_PASSWORD_HASH).mode(AdminUiOptions.Mode.DEVELOPMENT).build()) : null;
    }

    public SocketIoServer io() {
        return io;
    }

    /** Disconnects every client and stops the servers. */
    @Override
    public void close() {
        if (adminUi != null) {
            adminUi.close();
        }
        io.close();
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        EngineIoServlet.register(context, engine, "/socket.io");
    }
}
