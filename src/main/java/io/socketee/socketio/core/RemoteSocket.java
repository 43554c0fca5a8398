package io.socketee.socketio.core;

import java.util.Map;
import java.util.Set;

/**
 * A socket as {@code fetchSockets} returns it: on this node the {@link io.socketee.socketio.Socket} itself, on another
 * node a proxy whose operations travel through the adapter. Thread-safe.
 */
public interface RemoteSocket {
    String id();

    Handshake handshake();

    /** The rooms the socket is in, its own id included. */
    Set<String> rooms();

    /** Application state attached to the socket (a copy for remote sockets). */
    Map<String, Object> data();

    /** Sends an event to this socket. */
    boolean emit(String event, Object... args);

    void join(String... rooms);

    void leave(String room);

    /** Disconnects the socket from its namespace, and closes its connection when {@code close}. */
    void disconnect(boolean close);
}
