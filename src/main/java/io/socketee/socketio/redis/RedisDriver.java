package io.socketee.socketio.redis;

import java.util.concurrent.CompletableFuture;

/**
 * What the Redis adapter and emitter need from a Redis client: publish, subscribe to channels and patterns, count a
 * channel's subscribers. {@link LettuceRedisDriver} implements it with Lettuce; another client fits behind the same
 * interface.
 *
 * <p>Contract: implementations are thread-safe; no method blocks. Futures fail at once (not after a long timeout) while
 * Redis cannot be reached. Subscriptions survive reconnections: after Redis comes back the driver subscribes again by
 * itself. Handlers are called on the driver's I/O threads, in the order Redis delivered the messages, and must not
 * block.
 */
public interface RedisDriver extends AutoCloseable {

    /** Receives the messages of a subscription. */
    @FunctionalInterface
    interface MessageHandler {
        /**
         * One message.
         *
         * @param channel the channel it was published on (for pattern subscriptions, the matching channel)
         * @param message the payload, as published
         */
        void onMessage(String channel, byte[] message);
    }

    /** A subscription; {@link #close()} ends it (Redis is told when the last handler of a channel goes). */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Publishes a message; completes with the number of receivers Redis reports. */
    CompletableFuture<Long> publish(String channel, byte[] message);

    /**
     * Subscribes {@code handler} to one channel (exact name). The returned subscription is active at once; the future
     * completes when Redis confirmed it. Several handlers may subscribe to one channel.
     */
    Subscription subscribe(String channel, MessageHandler handler, CompletableFuture<Void> confirmed);

    /** Subscribes {@code handler} to a glob pattern of channels ({@code PSUBSCRIBE}); as {@link #subscribe}. */
    Subscription psubscribe(String pattern, MessageHandler handler, CompletableFuture<Void> confirmed);

    /** The number of subscribers of a channel across the Redis deployment ({@code PUBSUB NUMSUB}). */
    CompletableFuture<Long> numSub(String channel);

    /** Whether the driver is connected to Redis now. */
    boolean isConnected();

    /** Closes the connections; subscriptions end. */
    @Override
    void close();
}
