package io.socketee.it;

import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/** Serves an Engine.IO server that echoes every message back (text as text, binary as binary). */
public final class EchoApp implements ServletContainerInitializer {
    private final EngineIoServer server;
    private final String path;

    public EchoApp(EngineIoServer server, String path) {
        this.server = server;
        this.path = path;
        server.onConnection(socket -> {
            socket.onText(socket::send);
            socket.onBinary(socket::send);
        });
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        EngineIoServlet.register(context, server, path);
    }
}
