package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import jakarta.servlet.ServletContainerInitializer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Embedded Jetty 12 (ee10) with Jakarta WebSocket, for the tests and the bench servers: an accept backlog of 1024 (the
 * JDK's default of 50 is too few for bursts of connects).
 *
 * <p>For tuning measurements (bench), the system property {@code socketee.jetty.virtualThreads=true} has Jetty's thread
 * pool run its blocking tasks on virtual threads (Java 21+; Jetty's {@code QueuedThreadPool.setVirtualThreadsExecutor}).
 */
public final class JettyHarness implements ContainerHarness {
    private final boolean webSocket;
    private Server server;

    public JettyHarness() {
        this(true);
    }

    private JettyHarness(boolean webSocket) {
        this.webSocket = webSocket;
    }

    @Override
    public ContainerHarness withoutWebSocket() {
        return new JettyHarness(false);
    }

    @Override
    public int start(ServletContainerInitializer app, int port) throws Exception {
        server = new Server(threadPool());
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        if (webSocket) {
            JakartaWebSocketServletContainerInitializer.configure(context, null);
        }
        context.addServletContainerInitializer(app);
        server.setHandler(context);
        server.start();
        return connector.getLocalPort();
    }

    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool();
        if (Boolean.getBoolean("socketee.jetty.virtualThreads")) {
            if (!VirtualThreads.areSupported()) {
                throw new IllegalStateException("socketee.jetty.virtualThreads needs Java 21 or later");
            }
            pool.setVirtualThreadsExecutor(VirtualThreads.getDefaultVirtualThreadsExecutor());
        }
        return pool;
    }

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
