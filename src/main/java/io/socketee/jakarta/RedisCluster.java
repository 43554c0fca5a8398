package io.socketee.jakarta;

import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.redis.LettuceRedisDriver;
import io.socketee.socketio.redis.RedisAdapter;
import io.socketee.socketio.redis.streams.RedisStreamsAdapter;

/**
 * The Redis cluster a web application joins with {@code socketio.redis.url} (or {@code socketio.redisStreams.url}):
 * a Lettuce connection and the server options with the Redis (or Redis Streams) adapter in place of the in-memory
 * one. Kept apart from {@link SocketIoInitializer} so that Lettuce, optional in the library, is only loaded when a
 * cluster is asked for.
 *
 * @param driver the connection, closed when the application stops
 * @param config the Socket.IO options with the Redis adapter
 */
record RedisCluster(LettuceRedisDriver driver, SocketIoConfig config) {

    /**
     * Connects to Redis. Once connected, the connection survives Redis restarts (local delivery goes on, cluster
     * requests fail until Redis is back); an unreachable Redis at start fails the deployment.
     *
     * @throws IllegalStateException when Lettuce is not in the application
     * @throws io.socketee.socketio.redis.RedisAdapterException when Redis cannot be reached now
     */
    static RedisCluster connect(ContextOptions.Redis redis, SocketIoConfig base) {
        LettuceRedisDriver driver = driver(redis.url(), "redis.url");
        return new RedisCluster(driver, base.toBuilder().adapter(RedisAdapter.factory(driver, redis.config())).build());
    }

    /** As {@link #connect(ContextOptions.Redis, SocketIoConfig)}, with the Redis Streams adapter. */
    static RedisCluster connect(ContextOptions.RedisStreams redis, SocketIoConfig base) {
        LettuceRedisDriver driver = driver(redis.url(), "redisStreams.url");
        return new RedisCluster(driver, base.toBuilder()
                .adapter(RedisStreamsAdapter.factory(driver, redis.config())).build());
    }

    private static LettuceRedisDriver driver(String url, String option) {
        try {
            return LettuceRedisDriver.create(url);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(ContextOptions.PREFIX + option + " needs the Redis client Lettuce "
                    + "(io.lettuce:lettuce-core) in WEB-INF/lib", e);
        }
    }
}
