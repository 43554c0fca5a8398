/**
 * The Socket.IO server as a plain Java API: {@link io.socketee.socketio.SocketIoServer}, namespaces, sockets, rooms,
 * broadcasts, acknowledgements, middleware. It runs on an {@link io.socketee.engineio.EngineIoServer} and knows
 * nothing of servlets, WebSocket containers or CDI; payloads are JSON-P trees, bound to application types with JSON-B.
 * What a socket shows both here and to the adapters (its handshake, the ack of an event, a socket anywhere in the
 * cluster) is in {@link io.socketee.socketio.core}; rooms and broadcasting go through the adapter SPI,
 * {@link io.socketee.socketio.adapter}.
 *
 * <p>Threading: a socket's listeners are never called concurrently, and run in the order its packets arrived. An
 * {@link io.socketee.socketio.HandlerMode#INLINE} listener (the default) runs on the thread that read the packet from
 * the connection and must not block it; a {@link io.socketee.socketio.HandlerMode#BLOCKING} one runs on the server's
 * blocking executor, through the socket's bounded queue ({@code SerialQueue}: a task runs under no lock; the queue's
 * monitor guards only its deque and its busy flag). Everything else may be called from any thread and never blocks.
 *
 * <p>Connection state recovery: the in-memory adapter lists a resuming socket's missed packets and counts it in its
 * rooms in one critical section, and names its id to the namespace there ({@code AdapterHost.restoring}); what is sent
 * to that id before the socket exists waits in the namespace, then in the socket until its CONNECT reply is out:
 * under the socket's own monitor, in the one queue that also holds what any socket is emitted before admission,
 * bounded by twice {@code maxPackets} (at least 100). Then the thread that admitted it writes the missed packets and
 * what waited, with no lock held, before later packets go straight out. So every packet for its rooms reaches it
 * once and in order, where Node loses those sent while its middlewares run.
 */
package io.socketee.socketio;
