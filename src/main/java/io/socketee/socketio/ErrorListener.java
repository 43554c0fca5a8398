package io.socketee.socketio;

/**
 * Sees a failure of application code run for a socket: an event listener, any-listener, packet middleware, ack
 * callback, connection or disconnect listener that threw, a connect middleware that threw something other than
 * {@link ConnectionRefusedException}, or an error a packet middleware passed to {@link PacketMiddleware.Next#fail}.
 * Registered on a {@link Namespace} (its sockets) or on the {@link SocketIoServer} (every namespace). The failure is
 * also logged (WARNING) unless the application reported it itself; the connection stays open.
 *
 * <p>Threading: called on the thread that ran the failing code (usually a container thread); must not block.
 */
@FunctionalInterface
public interface ErrorListener {
    void onError(Socket socket, Throwable error);
}
