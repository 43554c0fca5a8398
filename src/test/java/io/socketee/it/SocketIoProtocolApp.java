package io.socketee.it;

import io.socketee.engineio.CorsConfig;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import io.socketee.socketio.HandlerMode;
import io.socketee.socketio.Namespace;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.protocol.SocketIoParser;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.InMemoryAdapter;
import io.socketee.socketio.admin.AdminUi;
import io.socketee.socketio.admin.AdminUiOptions;
import jakarta.json.JsonString;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.Set;

/**
 * The Socket.IO half of the protocol test server, at {@code /socket.io/}: pingInterval 300, pingTimeout 200,
 * maxHttpBufferSize 1e6, connectTimeout 1000, EIO=3 on, any origin. On {@code /} and {@code /custom} a connecting
 * socket gets {@code auth} with its CONNECT payload; on {@code /}, {@code message} is answered with
 * {@code message-back} and the same arguments, {@code message-with-ack} is acked with the same arguments, and
 * {@code slow (ms, ack)} sleeps {@code ms} milliseconds (0 to {@value #MAX_SLOW_MILLIS}) on the blocking executor, as
 * blocking application code would, then acks {@code ms} (other arguments get the ack {@code {"message":…}}). Other
 * namespaces are refused as invalid. Made with a parser, every client speaks it (the bench server's
 * {@code SOCKETIO_PARSER=msgpack}).
 *
 * <p>With the Admin UI ({@code SOCKETIO_ADMIN_UI=1} for the bench server): its namespace {@code /admin} in
 * development mode with basic auth (user {@code admin}, the bcrypt hash {@value #ADMIN_PASSWORD_HASH} of
 * {@code admin-pass}), CORS that echoes the request's origin with credentials (the dashboard connects with
 * {@code withCredentials}), and on {@code /} the events {@code join (room, ack)} and {@code leave (room, ack)}, acked
 * with {@code "ok"}.
 */
public final class SocketIoProtocolApp implements ServletContainerInitializer, AutoCloseable {
    /** The longest sleep {@code slow} takes. */
    public static final int MAX_SLOW_MILLIS = 10_000;
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
        this(adapter, SocketIoParser.json());
    }

    /** The same app, with the Admin UI when {@code adminUi} (see the class documentation). */
    public SocketIoProtocolApp(Adapter.Factory adapter, boolean adminUi) {
        this(adapter, SocketIoParser.json(), adminUi);
    }

    /** The same app with its namespaces on {@code adapter}, speaking {@code parser} with every client. */
    public SocketIoProtocolApp(Adapter.Factory adapter, SocketIoParser parser) {
        this(adapter, parser, false);
    }

    /** The same app speaking {@code parser}, with the Admin UI when {@code adminUi}. */
    public SocketIoProtocolApp(Adapter.Factory adapter, SocketIoParser parser, boolean adminUi) {
        this(adapter, parser, Duration.ofMillis(300), Duration.ofMillis(200), adminUi);
    }

    /**
     * The same app with another heartbeat: for loads where a busy client may answer a ping later than the protocol
     * suites' 200 ms.
     */
    public SocketIoProtocolApp(Adapter.Factory adapter, Duration pingInterval, Duration pingTimeout) {
        this(adapter, SocketIoParser.json(), pingInterval, pingTimeout, false);
    }

    /** The app with every setting given. */
    public SocketIoProtocolApp(Adapter.Factory adapter, SocketIoParser parser, Duration pingInterval,
                               Duration pingTimeout, boolean adminUi) {
        engine = EngineIoServer.create(EngineIoConfig.builder()
                .pingInterval(pingInterval)
                .pingTimeout(pingTimeout)
                .maxHttpBufferSize(1_000_000)
                .allowEIO3(true)
                .cors(adminUi ? CorsConfig.origins(true, "*") : CorsConfig.anyOrigin())
                .build());
        io = SocketIoServer.create(engine, SocketIoConfig.builder().connectTimeout(Duration.ofMillis(1000))
                .adapter(adapter).parser(parser).build());
        for (Namespace nsp : new Namespace[] {io.of("/"), io.of("/custom")}) {
            nsp.onConnection(socket -> socket.emit("auth", socket.handshake().auth()));
        }
        io.onConnection(socket -> {
            socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
            socket.on("message-with-ack", (args, ack) -> ack.send(args.toArray()));
            socket.on("slow", HandlerMode.BLOCKING, (args, ack) -> {
                if (args.isEmpty() || !(args.get(0) instanceof JsonNumber n) || !n.isIntegral()
                        || n.longValue() < 0 || n.longValue() > MAX_SLOW_MILLIS) {
                    ack.send(Json.createObjectBuilder().add("message", "slow takes (ms, ack): ms a whole number"
                            + " from 0 to " + MAX_SLOW_MILLIS).build());
                    return;
                }
                try {
                    Thread.sleep(n.longValue());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                ack.send(n);
            });
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
