package io.socketee.socketio;

/**
 * Where the application's listeners of a socket run: on the thread that read the packet, or on a worker, so that
 * they may block (JPA, JDBC, REST clients, EJBs). Either way a socket's listeners run in the order its packets
 * arrived, and never two at once.
 *
 * <p>Set for the whole server with {@link SocketIoConfig.Builder#handlers}, or for one listener with the overloads
 * that take a mode ({@link Socket#on(String, HandlerMode, EventListener)},
 * {@link Socket#onDisconnect(HandlerMode, java.util.function.Consumer)},
 * {@link Socket#onUnhandled(HandlerMode, CatchAllListener)}, {@link Namespace#onConnection(HandlerMode,
 * java.util.function.Consumer)}); the overloads without one take the server's.
 */
public enum HandlerMode {
    /**
     * On the thread that read the packet (a container thread), which the listener must not block: the default, as
     * on Node. While blocking work of the same socket is queued or running, an inline listener waits its turn and then
     * runs on the worker, so that order holds.
     */
    INLINE,
    /**
     * On the server's blocking executor ({@link SocketIoConfig#blockingExecutor()}), one socket's work after the
     * other, never concurrently; at most {@link SocketIoConfig#maxQueuedEvents()} events of a socket wait (beyond,
     * see there). The container thread that read the packet goes back at once.
     */
    BLOCKING
}
