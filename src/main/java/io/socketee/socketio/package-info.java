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
 */
package io.socketee.socketio;
