package io.socketee.socketio;

import io.socketee.engineio.EngineIoSocket;
import io.socketee.engineio.protocol.Packet;
import java.time.Duration;
import java.util.List;

/**
 * Instrumentation of a {@link SocketIoServer}: told when namespaces appear and go, when sockets are admitted, what is
 * written to connections, and what metrics count (handler errors, ack latency, broadcast fan-out, cluster requests,
 * recoveries). For tools that watch the whole server (the Admin UI, the Micrometer binding), registered with
 * {@link SocketIoServer#addListener}; applications use {@code onConnection} and the socket's listeners instead. Every
 * method has an empty default. What can be read at any time ({@link SocketIoServer#namespaces()}, each namespace's
 * sockets and rooms, {@link Socket#pendingAckCount()}) is not reported: read it when asked.
 *
 * <p>Threading: called on the thread where the thing happened (a container thread, a timer, the thread that
 * broadcast), never under a lock of the server, a socket or a session, often concurrently; must be thread-safe and
 * quick, and must not block. What a listener throws is logged and otherwise ignored.
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

    /** A child of a dynamic namespace was removed. */
    default void namespaceRemoved(Namespace namespace) {
    }

    /** Application code run for a socket of {@code namespace} failed: a listener, an ack callback, a handler. */
    default void handlerError(Namespace namespace) {
    }

    /** A client answered an emit with ack, {@code latency} after it was sent. */
    default void ackAnswered(Duration latency) {
    }

    /** A broadcast of {@code namespace} was written to {@code receivers} sockets of this node. */
    default void broadcast(String namespace, int receivers) {
    }

    /**
     * A request of the adapter to the other nodes of a cluster ended ({@code fetchSockets}, {@code allRooms},
     * {@code serverSideEmit} with acks, ...).
     *
     * @param type     the request's kind, lower case ({@code sockets}, {@code all_rooms}, ...)
     * @param complete whether every node answered in time
     */
    default void clusterRequest(String namespace, String type, Duration elapsed, boolean complete) {
    }

    /** A client asked to resume a session (connection state recovery): {@code recovered} tells whether it could. */
    default void recovery(boolean recovered) {
    }
}
