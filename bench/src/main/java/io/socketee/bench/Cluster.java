package io.socketee.bench;

import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.InMemoryAdapter;
import io.socketee.socketio.redis.LettuceRedisDriver;
import io.socketee.socketio.redis.RedisAdapter;
import io.socketee.socketio.redis.streams.RedisStreamsAdapter;

/**
 * The cluster a bench server joins: the Redis named by {@code SOCKETIO_REDIS_URL} (e.g.
 * {@code redis://127.0.0.1:6390}) through the Redis adapter, or by {@code SOCKETIO_REDIS_STREAMS_URL} through the
 * Redis Streams adapter (stream {@code socket.io}), or none (the in-memory adapter) when neither is set.
 */
final class Cluster implements AutoCloseable {
    static final String VARIABLE = "SOCKETIO_REDIS_URL";
    static final String STREAMS_VARIABLE = "SOCKETIO_REDIS_STREAMS_URL";

    private final String url;
    private final boolean streams;
    private final LettuceRedisDriver driver;

    private Cluster(String url, boolean streams, LettuceRedisDriver driver) {
        this.url = url;
        this.streams = streams;
        this.driver = driver;
    }

    static Cluster fromEnvironment() {
        String pubSub = System.getenv(VARIABLE);
        String streams = System.getenv(STREAMS_VARIABLE);
        boolean hasPubSub = pubSub != null && !pubSub.isBlank();
        boolean hasStreams = streams != null && !streams.isBlank();
        if (hasPubSub && hasStreams) {
            throw new IllegalArgumentException(VARIABLE + " and " + STREAMS_VARIABLE + " are both set: one cluster");
        }
        if (!hasPubSub && !hasStreams) {
            return new Cluster(null, false, null);
        }
        String url = (hasStreams ? streams : pubSub).trim();
        return new Cluster(url, hasStreams, LettuceRedisDriver.create(url));
    }

    Adapter.Factory adapter() {
        if (driver == null) {
            return InMemoryAdapter::new;
        }
        return streams ? RedisStreamsAdapter.factory(driver) : RedisAdapter.factory(driver);
    }

    /** Appended to an app's description. */
    String describe() {
        return url == null ? "" : ", in the Redis " + (streams ? "Streams " : "") + "cluster at " + url;
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.close();
        }
    }
}
