/**
 * Clustering through one Redis stream, wire-compatible with Node's {@code @socket.io/redis-streams-adapter} 0.3.1:
 * {@link io.socketee.socketio.redis.streams.RedisStreamsAdapter} (plug it in with
 * {@code SocketIoConfig.builder().adapter(RedisStreamsAdapter.factory(driver, config))}), a backend of the cluster
 * template {@link io.socketee.socketio.adapter.ClusterAdapter} whose stream entry ids are the offsets of connection
 * state recovery, so that a client cut off from one node resumes on another with the packets it missed.
 *
 * <p>Concurrency: one factory's adapters share an inbox thread, which handles the stream's entries, the pub/sub
 * messages and this node's own published broadcasts in order, and the joining of restored sessions to their rooms;
 * the rest is the template's.
 */
package io.socketee.socketio.redis.streams;
