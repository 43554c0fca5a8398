package io.socketee.socketio.adapter;

/**
 * Told of room membership changes of this node's sockets in one namespace, as Node's adapter emits
 * {@code create-room}, {@code join-room}, {@code leave-room} and {@code delete-room}. For instrumentation (the
 * Admin UI), not for application logic: use the socket's own API for that.
 *
 * <p>Threading: called on the thread that changed the membership (a socket's {@code join}/{@code leave}, its
 * disconnect, a bulk {@code socketsJoin}), after the adapter has released its lock, never under it; calls for
 * different sockets may come concurrently and are not ordered across threads. Must not block. A listener that throws
 * is logged and the change stands.
 */
public interface RoomListener {

    /** A room got its first socket (before {@link #roomJoined} for that socket). */
    default void roomCreated(String room) {
    }

    /** A socket joined a room it was not in; its own room (its id) included. */
    default void roomJoined(String room, String socketId) {
    }

    /** A socket left a room it was in, also when it disconnected. */
    default void roomLeft(String room, String socketId) {
    }

    /** A room lost its last socket (after {@link #roomLeft} for that socket). */
    default void roomDeleted(String room) {
    }
}
