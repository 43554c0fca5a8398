package io.socketee.it;

import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import jakarta.servlet.ServletContainerInitializer;

/**
 * An embedded servlet container with JSR-356 support, listening on 127.0.0.1.
 */
public interface ContainerHarness extends AutoCloseable {

    /** Starts the container with one context at {@code /} set up by {@code app} on a free port; returns the port. */
    default int start(ServletContainerInitializer app) throws Exception {
        return start(app, 0);
    }

    /**
     * Starts the container with one context at {@code /} set up by {@code app} on {@code port} (0: a free one);
     * returns the port. A harness that was closed may be started again.
     */
    int start(ServletContainerInitializer app, int port) throws Exception;

    /** Starts the container serving {@code engine} at {@code /socket.io} on a free port; returns the port. */
    default int serve(EngineIoServer engine) throws Exception {
        return start((classes, context) -> EngineIoServlet.register(context, engine, "/socket.io"));
    }

    /** The same container without its Jakarta WebSocket (JSR-356) support in the context, not started. */
    ContainerHarness withoutWebSocket();

    /**
     * How many of the container's threads are reading what is left of a request body after its response, with
     * blocking reads (a client that sends its body slowly holds such a thread); 0 for a container that never does.
     */
    default int threadsDrainingRequestBodies() {
        return 0;
    }

    /** A short name for reports: {@code jetty} or {@code tomcat}. */
    String name();

    @Override
    void close() throws Exception;
}
