package io.socketee.it;

import io.socketee.engineio.CorsConfig;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import io.socketee.socketio.Namespace;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.protocol.SocketIoParser;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.InMemoryAdapter;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.Set;

/**
 * The Socket.IO half of the protocol test server, at {@code /socket.io/}: pingInterval 300, pingTimeout 200,
 * maxHttpBufferSize 1e6, connectTimeout 1000, EIO=3 on, any origin. On {@code /} and {@code /custom} a connecting
 * socket gets {@code auth} with its CONNECT payload; on {@code /}, {@code message} is answered with
 * {@code message-back} and the same arguments, {@code message-with-ack} is acked with the same arguments. Other
 * namespaces are refused as invalid. Made with a parser, every client speaks it (the bench server's
 * {@code SOCKETIO_PARSER=msgpack}).
 */
public final class SocketIoProtocolApp implements ServletContainerInitializer, AutoCloseable {
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
        engine = EngineIoServer.create(EngineIoConfig.builder()
                .pingInterval(Duration.ofMillis(300))
                .pingTimeout(Duration.ofMillis(200))
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
