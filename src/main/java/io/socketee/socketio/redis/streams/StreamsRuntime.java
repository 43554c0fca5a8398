package io.socketee.socketio.redis.streams;

import io.socketee.socketio.redis.RedisDriver;
import io.socketee.socketio.redis.RedisDriver.StreamEntry;
import io.socketee.socketio.redis.internal.AdapterThreads;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one {@link RedisStreamsAdapter#factory} shares between its adapters: the threads, the adapters by namespace,
 * and the tail of the stream, started with the first adapter after the stream's newest entry and ended with the last
 * one. Each batch the tail reads is handled on the inbox thread, entry by entry, by the adapter of the entry's
 * namespace; the next read waits for it. Thread-safe: the fields say what guards them.
 */
final class StreamsRuntime {
    /** The tail while its start is under way. */
    private static final RedisDriver.Subscription STARTING = () -> { };
    final AdapterThreads threads;
    final CompletableFuture<Void> reading = new CompletableFuture<>();
    private final RedisDriver driver;
    private final RedisStreamsAdapterConfig config;
    private final Map<String, RedisStreamsAdapter> adapters = new ConcurrentHashMap<>();
    /** The tail; guarded by this object's monitor. */
    private RedisDriver.Subscription tail;
    /** The id of the newest entry handled; null before the first read. Inbox thread only. */
    String lastReadId;

    StreamsRuntime(RedisDriver driver, RedisStreamsAdapterConfig config) {
        this.driver = driver;
        this.config = config;
        this.threads = new AdapterThreads("socketee-redis-streams", "Redis Streams adapter",
                config.maxQueuedMessages());
    }

    void acquire(RedisStreamsAdapter adapter) {
        synchronized (this) {
            threads.acquire();
            adapters.put(adapter.namespace(), adapter);
            if (tail != null) {
                return;
            }
            tail = STARTING;   // being started
        }
        // after the newest entry, so that the last read id is known before anything is read ("$" otherwise)
        driver.lastStreamId(config.streamName()).whenComplete((last, error) -> {
            String after = error != null ? "$" : last.orElse("0-0");
            synchronized (this) {
                if (tail != STARTING) {
                    return;   // the last adapter closed meanwhile
                }
                threads.execute(() -> lastReadId = after.equals("$") ? null : after);
                tail = driver.readStream(config.streamName(), after, config.readCount(), config.blockTime(),
                        this::onEntries);
            }
            reading.complete(null);
        });
    }

    void release(RedisStreamsAdapter adapter) {
        RedisDriver.Subscription ended = null;
        synchronized (this) {
            adapters.remove(adapter.namespace(), adapter);
            if (adapters.isEmpty()) {
                ended = tail;
                tail = null;
            }
        }
        if (ended != null) {
            ended.close();
        }
        threads.release();
    }

    /** A batch of the stream, handed to the inbox; the next read waits until it is handled. */
    private CompletableFuture<Void> onEntries(List<StreamEntry> entries) {
        CompletableFuture<Void> handled = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                for (StreamEntry entry : entries) {
                    RedisStreamsAdapter adapter = adapters.get(entry.fields().getOrDefault("nsp", ""));
                    if (adapter != null) {
                        adapter.onStreamEntry(entry);
                    }
                    lastReadId = entry.id();
                }
            } finally {
                handled.complete(null);
            }
        };
        submit(task, handled);
        return handled;
    }

    /** Runs a batch on the inbox; while the inbox is full, tries again shortly (the stream keeps the entries). */
    private void submit(Runnable task, CompletableFuture<Void> handled) {
        if (!threads.execute(task)) {
            try {
                threads.schedule(() -> submit(task, handled), 50);
            } catch (RuntimeException e) {
                handled.complete(null);   // stopped
            }
        }
    }
}
