package io.socketee.socketio;

import io.socketee.engineio.EngineIoSocket;
import io.socketee.engineio.protocol.Packet;
import java.util.List;

/**
 * Instrumentation of a {@link SocketIoServer}: told when namespaces appear, when sockets are admitted and what is
 * written to connections. For tools that watch the whole server (the Admin UI, metrics), registered with
 * {@link SocketIoServer#addListener}; applications use {@code onConnection} and the socket's listeners instead. Every
 * method has an empty default.
 *
 * <p>Threading: called on the thread where the thing happened (a container thread, a timer, the thread that
 * broadcast), never under a lock of the server, possibly concurrently for different sockets; must not block. What a
 * listener throws is logged and otherwise ignored.
 */
public interface ServerListener {

    /**
     * A namespace was created: with {@link SocketIoServer#of(String)}, or as the child of a dynamic namespace. The
     * namespaces that existed before the listener was added are in {@link SocketIoServer#namespaces()}.
     */
    default void namespaceCreated(Namespace namespace) {
    }

    /**
     * A socket was admitted to its namespace (its CONNECT answered, its own room joined), before the namespace's
     * connection listeners run (Node's {@code prependListener("connection")}).
     */
    default void socketConnected(Socket socket) {
    }

    /**
     * Engine.IO messages were queued on a connection: a Socket.IO packet, its binary attachments included. Not called
     * for heartbeats or dropped volatile packets. The packets may be shared with other connections (a broadcast).
     */
    default void messagesSent(EngineIoSocket connection, List<Packet> messages) {
    }
}
