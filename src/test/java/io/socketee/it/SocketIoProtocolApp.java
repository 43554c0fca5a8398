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
 */
public final class SocketIoProtocolApp implements ServletContainerInitializer, AutoCloseable {
    /** The longest sleep {@code slow} takes. */
    public static final int MAX_SLOW_MILLIS = 10_000;

    private final EngineIoServer engine;
    private final SocketIoServer io;

    public SocketIoProtocolApp() {
        this(InMemoryAdapter::new);
    }

    /** The same app with its namespaces on {@code adapter} (the bench server's Redis cluster). */
    public SocketIoProtocolApp(Adapter.Factory adapter) {
        this(adapter, SocketIoParser.json());
    }

    /** The same app with its namespaces on {@code adapter}, speaking {@code parser} with every client. */
    public SocketIoProtocolApp(Adapter.Factory adapter, SocketIoParser parser) {
        this(adapter, parser, Duration.ofMillis(300), Duration.ofMillis(200));
    }

    /**
     * The same app with another heartbeat: for loads where a busy client may answer a ping later than the protocol
     * suites' 200 ms.
     */
    public SocketIoProtocolApp(Adapter.Factory adapter, Duration pingInterval, Duration pingTimeout) {
        this(adapter, SocketIoParser.json(), pingInterval, pingTimeout);
    }

    /** The app with every setting given. */
    public SocketIoProtocolApp(Adapter.Factory adapter, SocketIoParser parser, Duration pingInterval,
                               Duration pingTimeout) {
        engine = EngineIoServer.create(EngineIoConfig.builder()
                .pingInterval(pingInterval)
                .pingTimeout(pingTimeout)
                .maxHttpBufferSize(1_000_000)
                .allowEIO3(true)
                .cors(CorsConfig.anyOrigin())
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
        });
    }

    public SocketIoServer io() {
        return io;
    }

    /** Disconnects every client and stops the servers. */
    @Override
    public void close() {
        io.close();
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        EngineIoServlet.register(context, engine, "/socket.io");
    }
}
