/**
 * Clustering through Redis, wire-compatible with Node's {@code @socket.io/redis-adapter} and
 * {@code @socket.io/redis-emitter}: {@link io.socketee.socketio.redis.RedisAdapter} (plug it in with
 * {@code SocketIoConfig.builder().adapter(RedisAdapter.factory(driver, config))}), a backend of the cluster template
 * {@link io.socketee.socketio.adapter.ClusterAdapter} that keeps only the Redis wire (channels, JSON text and msgpack
 * encodings, node count by {@code PUBSUB NUMSUB});
 * {@link io.socketee.socketio.redis.RedisEmitter} (emit from a process without sockets), and the
 * {@link io.socketee.socketio.redis.RedisDriver} they use, implemented on Lettuce by
 * {@link io.socketee.socketio.redis.LettuceRedisDriver}. Needs {@code io.lettuce:lettuce-core} on the class path
 * (an optional dependency of the library) for the Lettuce driver only. The Redis Streams adapter, wire-compatible with
 * {@code @socket.io/redis-streams-adapter}, is in {@link io.socketee.socketio.redis.streams}.
 */
package io.socketee.socketio.redis;
