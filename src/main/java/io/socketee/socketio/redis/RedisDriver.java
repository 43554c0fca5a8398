package io.socketee.socketio.redis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the Redis adapters and emitter need from a Redis client: publish, subscribe to channels and patterns, count a
 * channel's subscribers; for the Redis Streams adapter also append to, read and tail a stream, and set, take and
 * delete a key. {@link LettuceRedisDriver} implements it with Lettuce; another client fits behind the same
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

    /**
     * One entry of a stream.
     *
     * @param id     its id, {@code <milliseconds>-<sequence>}
     * @param fields its fields and values, in the order they were added (text, UTF-8)
     */
    record StreamEntry(String id, Map<String, String> fields) {
        public StreamEntry {
            Objects.requireNonNull(id, "id");
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** Receives what a {@link #readStream} tail reads. */
    @FunctionalInterface
    interface StreamHandler {
        /**
         * The entries one read returned, in stream order. Called on the driver's I/O threads; must not block.
         *
         * @return completes when the entries are handled: the next read waits for it (so that a slow reader holds at
         *         most one batch, and the stream keeps the rest)
         */
        CompletionStage<?> onEntries(List<StreamEntry> entries);
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

    /**
     * Appends an entry to a stream, trimming it to about {@code maxLen} entries
     * ({@code XADD <stream> MAXLEN ~ <maxLen> * <field> <value>…}); completes with the entry's id.
     */
    default CompletableFuture<String> xadd(String stream, long maxLen, Map<String, String> fields) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("XADD"));
    }

    /**
     * At most {@code count} entries of a stream after {@code afterId} (exclusive) up to {@code toId} (inclusive;
     * {@code "+"} for the end), oldest first ({@code XRANGE <stream> (<afterId> <toId> COUNT <count>}; Redis 6.2+).
     */
    default CompletableFuture<List<StreamEntry>> xrange(String stream, String afterId, String toId, int count) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("XRANGE"));
    }

    /** Whether a stream has an entry with exactly this id ({@code XRANGE <stream> <id> <id>}). */
    default CompletableFuture<Boolean> xexists(String stream, String id) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("XRANGE"));
    }

    /** The id of the newest entry of a stream, empty when it has none ({@code XREVRANGE <stream> + - COUNT 1}). */
    default CompletableFuture<Optional<String>> lastStreamId(String stream) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("XREVRANGE"));
    }

    /**
     * Tails a stream from after {@code afterId}: {@code XREAD BLOCK <block> COUNT <count> STREAMS <stream> <lastId>}
     * in a loop, on a connection of its own (a blocked read never holds up commands), each batch handed to
     * {@code handler}. Faults: a failed read (Redis down) is tried again a second later from the last id handed over,
     * so nothing is skipped across a reconnection (what the stream trimmed meanwhile is gone).
     * {@link Subscription#close} ends the loop and closes its connection.
     */
    default Subscription readStream(String stream, String afterId, int count, java.time.Duration block,
                                    StreamHandler handler) {
        throw new UnsupportedOperationException("XREAD");
    }

    /** Sets a key that expires after {@code ttlMillis} ({@code SET <key> <value> PX <ttlMillis>}). */
    default CompletableFuture<Void> setPx(String key, byte[] value, long ttlMillis) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("SET"));
    }

    /** Takes a key's value and deletes the key ({@code GETDEL <key>}; Redis 6.2+); empty when there was none. */
    default CompletableFuture<Optional<byte[]>> getdel(String key) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("GETDEL"));
    }

    /** Whether the driver is connected to Redis now. */
    boolean isConnected();

    /** Closes the connections; subscriptions end. */
    @Override
    void close();
}
