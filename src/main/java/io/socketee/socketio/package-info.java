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
 * <p>Connection state recovery: the in-memory adapter lists a resuming socket's missed packets and counts it in its
 * rooms in one critical section, and names its id to the namespace there ({@code AdapterHost.restoring}); what is sent
 * to that id before the socket exists waits in the namespace, then in the socket (under its own monitor, bounded by
 * twice {@code maxPackets}) until its CONNECT reply is out; then the thread that admitted it writes the missed
 * packets and what waited, with no lock held, before later packets go straight out. So every packet for its rooms
 * reaches it once and in order, where Node loses those sent while its middlewares run.
 */
package io.socketee.socketio;
