/**
 * The adapter SPI (rooms and broadcasting for a namespace, where a cluster plugs in), the default in-memory adapter,
 * and the cluster adapter template. It sits below the server: it speaks of sockets through
 * {@link io.socketee.socketio.core}, of packets through {@link io.socketee.socketio.protocol} and
 * {@link io.socketee.socketio.adapter.OutgoingPacket} (encoded once per broadcast), never of
 * {@code io.socketee.socketio} itself, whose namespaces implement {@link io.socketee.socketio.adapter.AdapterHost}.
 *
 * <p>The cluster template, as Node's {@code socket.io-adapter/lib/cluster-adapter.ts}:
 * {@link io.socketee.socketio.adapter.ClusterAdapter} owns the fan-out, the request/response correlation and its
 * timeouts, the acks of broadcasts across nodes, the proxies of remote sockets and the handling of the other nodes'
 * requests; {@link io.socketee.socketio.adapter.ClusterAdapterWithHeartbeat} adds node liveness by heartbeat. The
 * messages between nodes are the records of {@link io.socketee.socketio.adapter.ClusterMessage} and
 * {@link io.socketee.socketio.adapter.ClusterResponse}, free of any wire: a backend (the Redis pub/sub adapter, the
 * Redis Streams adapter) only encodes them, publishes, receives and decodes, and says how many nodes there are. A
 * backend with a log of its own (a stream) also numbers the broadcasts: their offsets come from it
 * ({@code offsetsFromBackend}), and it keeps the disconnected sessions where every node finds them.
 *
 * <p>Connection state recovery ({@link io.socketee.socketio.adapter.ConnectionStateRecovery}) lives here too: an
 * adapter gives each kept broadcast its offset, keeps the sessions of sockets that left for a recoverable reason
 * ({@code persistSession}) and hands them back with the packets they missed ({@code restoreSession}). The in-memory
 * adapter keeps both under its own monitor, the one that guards its rooms, and never writes to a socket under it.
 *
 * <p>Concurrency: room bookkeeping of {@code InMemoryAdapter} is guarded by the adapter's monitor, and packets are
 * written to sockets outside it. A cluster adapter's pending requests are each guarded by their own monitor; messages
 * from other nodes are handed to it one at a time by its backend; no container I/O happens under either.
 */
package io.socketee.socketio.adapter;
