/**
 * The Socket.IO server as a plain Java API: {@link io.socketee.socketio.SocketIoServer}, namespaces, sockets, rooms,
 * broadcasts, acknowledgements, middleware. It runs on an {@link io.socketee.engineio.EngineIoServer} and knows
 * nothing of servlets, WebSocket containers or CDI; payloads are JSON-P trees, bound to application types with JSON-B.
 * What a socket shows both here and to the adapters (its handshake, the ack of an event, a socket anywhere in the
 * cluster) is in {@link io.socketee.socketio.core}; rooms and broadcasting go through the adapter SPI,
 * {@link io.socketee.socketio.adapter}.
 *
 * <p>Threading: a socket's listeners are never called concurrently; they run on the thread that read the packet from
 * the connection and must not block it. Everything else may be called from any thread and never blocks.
 *
 * <p>Connection state recovery: a socket resuming a session rejoins its rooms when its CONNECT is read and holds what
 * it is sent (under its own monitor, a list bounded by twice {@code maxPackets}) until its CONNECT reply is out; then
 * the thread that admitted it writes the missed packets and what was held, with no lock held, before later packets go
 * straight out. Between the adapter's restore and that rejoining (no I/O, no lock released to application code) a
 * broadcast to the socket's rooms would find it in neither place: the window Node has as well, much wider there
 * (its recovering socket gets no broadcast until its middlewares ran).
 */
package io.socketee.socketio;
