package io.socketee.bench;

import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.InMemoryAdapter;
import io.socketee.socketio.redis.LettuceRedisDriver;
import io.socketee.socketio.redis.RedisAdapter;

/**
 * The cluster a bench server joins: the Redis named by {@code SOCKETIO_REDIS_URL} (e.g.
 * {@code redis://127.0.0.1:6390}) through the Redis adapter, or none (the in-memory adapter) when it is not set.
 */
final class Cluster implements AutoCloseable {
    static final String VARIABLE = "SOCKETIO_REDIS_URL";

    private final String url;
    private final LettuceRedisDriver driver;

    private Cluster(String url, LettuceRedisDriver driver) {
        this.url = url;
        this.driver = driver;
    }

    static Cluster fromEnvironment() {
        String url = System.getenv(VARIABLE);
        if (url == null || url.isBlank()) {
            return new Cluster(null, null);
        }
        return new Cluster(url.trim(), LettuceRedisDriver.create(url.trim()));
    }

    Adapter.Factory adapter() {
        return driver == null ? InMemoryAdapter::new : RedisAdapter.factory(driver);
    }

    /** Appended to an app's description. */
    String describe() {
        return url == null ? "" : ", in the Redis cluster at " + url;
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.close();
        }
    }
}
