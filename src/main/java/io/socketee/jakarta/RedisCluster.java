package io.socketee.jakarta;

import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.redis.LettuceRedisDriver;
import io.socketee.socketio.redis.RedisAdapter;

/**
 * The Redis cluster a web application joins with {@code socketio.redis.url}: a Lettuce connection and the server
 * options with the Redis adapter in place of the in-memory one. Kept apart from {@link SocketIoInitializer} so that
 * Lettuce, optional in the library, is only loaded when a cluster is asked for.
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
        LettuceRedisDriver driver;
        try {
            driver = LettuceRedisDriver.create(redis.url());
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(ContextOptions.PREFIX + "redis.url needs the Redis client Lettuce "
                    + "(io.lettuce:lettuce-core) in WEB-INF/lib", e);
        }
        return new RedisCluster(driver, base.toBuilder().adapter(RedisAdapter.factory(driver, redis.config())).build());
    }
}
