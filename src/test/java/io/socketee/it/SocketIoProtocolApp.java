package io.socketee.it;

import io.socketee.engineio.CorsConfig;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import io.socketee.socketio.ConnectionRefusedException;
import io.socketee.socketio.HandlerMode;
import io.socketee.socketio.Namespace;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.protocol.SocketIoParser;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.ConnectionStateRecovery;
import io.socketee.socketio.adapter.InMemoryAdapter;
import io.socketee.socketio.admin.AdminUi;
import io.socketee.socketio.admin.AdminUiOptions;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
 * <p>Also on {@code /}, for connection state recovery, cluster and Admin UI tests: a CONNECT whose auth has
 * {@code deny: true} is refused by a middleware with {@code {"message":"denied"}}; {@code join (room, ack)} and
 * {@code leave (room, ack)} ack {@code "ok"}; {@code emit-to (room, payload, ack)} sends {@code msg} with the payload
 * to the room and acks {@code "ok"}; {@code has-socket (id, ack)} acks whether this node has that socket on {@code /};
 * {@code whoami (ack)} acks {@code {id, recovered, rooms}}. With recovery on, recovered sockets skip the middleware.
 *
 * <p>With the Admin UI ({@code SOCKETIO_ADMIN_UI=1} for the bench server): its namespace {@code /admin} in
 * development mode with basic auth (user {@code admin}, the bcrypt hash {@value #ADMIN_PASSWORD_HASH} of
 * {@code admin-pass}), and CORS that echoes the request's origin with credentials (the dashboard connects with
 * {@code withCredentials}).
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
        this(adapter, parser, Optional.empty(), false);
    }

    /** The same app speaking {@code parser}, with the Admin UI when {@code adminUi}. */
    public SocketIoProtocolApp(Adapter.Factory adapter, SocketIoParser parser, boolean adminUi) {
        this(adapter, parser, Optional.empty(), adminUi);
    }

    /** The same app, with connection state recovery when given, and the Admin UI when {@code adminUi}. */
    public SocketIoProtocolApp(Adapter.Factory adapter, SocketIoParser parser,
                               Optional<ConnectionStateRecovery> recovery, boolean adminUi) {
        this(adapter, parser, Duration.ofMillis(300), Duration.ofMillis(200), recovery, adminUi);
    }

    /**
     * The same app with another heartbeat: for loads where a busy client may answer a ping later than the protocol
     * suites' 200 ms.
     */
    public SocketIoProtocolApp(Adapter.Factory adapter, Duration pingInterval, Duration pingTimeout) {
        this(adapter, SocketIoParser.json(), pingInterval, pingTimeout, Optional.empty(), false);
    }

    /** The app with every setting given. */
    public SocketIoProtocolApp(Adapter.Factory adapter, SocketIoParser parser, Duration pingInterval,
                               Duration pingTimeout, Optional<ConnectionStateRecovery> recovery, boolean adminUi) {
        engine = EngineIoServer.create(EngineIoConfig.builder()
                .pingInterval(pingInterval)
                .pingTimeout(pingTimeout)
                .maxHttpBufferSize(1_000_000)
                .allowEIO3(true)
                .cors(adminUi ? CorsConfig.origins(true, "*") : CorsConfig.anyOrigin())
                .build());
        io = SocketIoServer.create(engine, SocketIoConfig.builder().connectTimeout(Duration.ofMillis(1000))
                .adapter(adapter).parser(parser).connectionStateRecovery(recovery.orElse(null)).build());
        io.use((socket, next) -> {
            if (socket.handshake().auth().get("deny") == JsonValue.TRUE) {
                next.refuse(new ConnectionRefusedException("denied"));
            } else {
                next.proceed();
            }
        });
        for (Namespace nsp : new Namespace[] {io.of("/"), io.of("/custom")}) {
            nsp.onConnection(socket -> socket.emit("auth", socket.handshake().auth()));
        }
        io.onConnection(socket -> {
            socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
            socket.on("message-with-ack", (args, ack) -> ack.send(args.toArray()));
            socket.on("join", (args, ack) -> {
                socket.join(text(args, 0));
                ack.send("ok");
            });
            socket.on("leave", (args, ack) -> {
                socket.leave(text(args, 0));
                ack.send("ok");
            });
            socket.on("emit-to", (args, ack) -> {
                io.to(text(args, 0)).emit("msg", args.size() > 1 ? args.get(1) : JsonValue.NULL);
                ack.send("ok");
            });
            socket.on("has-socket", (args, ack) -> ack.send(io.sockets().sockets().containsKey(text(args, 0))));
            socket.on("whoami", (args, ack) -> {
                Map<String, Object> me = new LinkedHashMap<>();
                me.put("id", socket.id());
                me.put("recovered", socket.recovered());
                me.put("rooms", new TreeSet<>(socket.rooms()));
                ack.send(me);
            });
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
        });
        this.adminUi = adminUi ? AdminUi.instrument(io, AdminUiOptions.builder()
                .basicAuth("admin", ADMIN_PASSWORD_HASH).mode(AdminUiOptions.Mode.DEVELOPMENT).build()) : null;
    }

    private static String text(java.util.List<JsonValue> args, int index) {
        return args.size() > index && args.get(index) instanceof JsonString s ? s.getString() : "";
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
