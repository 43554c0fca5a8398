package io.socketee.socketio;

import io.socketee.socketio.redis.RedisDriver;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Redis driver with no Redis: subscriptions are counted by channel (and pattern), publications go nowhere. For
 * seeing what an adapter subscribes to and whether it lets go. Thread-safe.
 */
final class FakeRedisDriver implements RedisDriver {
    private final ConcurrentHashMap<String, AtomicInteger> subscribed = new ConcurrentHashMap<>();

    /** The channels and patterns with at least one subscription now. */
    Set<String> channels() {
        Set<String> out = new java.util.TreeSet<>();
        subscribed.forEach((name, count) -> {
            if (count.get() > 0) {
                out.add(name);
            }
        });
        return out;
    }

    @Override
    public CompletableFuture<Long> publish(String channel, byte[] message) {
        return CompletableFuture.completedFuture(0L);
    }

    @Override
    public Subscription subscribe(String channel, MessageHandler handler, CompletableFuture<Void> confirmed) {
        return add(channel, confirmed);
    }

    @Override
    public Subscription psubscribe(String pattern, MessageHandler handler, CompletableFuture<Void> confirmed) {
        return add(pattern, confirmed);
    }

    private Subscription add(String name, CompletableFuture<Void> confirmed) {
        AtomicInteger count = subscribed.computeIfAbsent(name, n -> new AtomicInteger());
        count.incrementAndGet();
        confirmed.complete(null);
        boolean[] closed = {false};
        return () -> {
            synchronized (closed) {
                if (!closed[0]) {
                    closed[0] = true;
                    count.decrementAndGet();
                }
            }
        };
    }

    @Override
    public CompletableFuture<Long> numSub(String channel) {
        return CompletableFuture.completedFuture(1L);
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public void close() {
    }
}
