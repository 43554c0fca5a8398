package io.socketee.socketio;

import java.time.Duration;

/**
 * What the Socket.IO server tells a metrics binding (such as the Micrometer one) as it happens; every method does
 * nothing by default. Set with {@link SocketIoServer#metrics(SocketIoMetrics)}. Called on the threads that do the work,
 * often concurrently, never under a lock of a socket or session; implementations must be thread-safe, quick and must
 * not throw (count into meters, nothing more).
 *
 * <p>What can be read at any time ({@link SocketIoServer#namespaces()}, each namespace's sockets and rooms,
 * {@link Socket#pendingAckCount()}) is not reported here: bindings read it when they are asked.
 */
public interface SocketIoMetrics {
    /** The no-op metrics, the server's default. */
    SocketIoMetrics NONE = new SocketIoMetrics() {
    };

    /** A namespace now exists (a static one, or a child of a dynamic namespace). */
    default void namespaceCreated(Namespace namespace) {
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
