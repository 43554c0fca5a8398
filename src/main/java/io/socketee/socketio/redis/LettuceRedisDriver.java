package io.socketee.socketio.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.socketee.engineio.internal.DaemonThreads;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RedisDriver} on Lettuce (the optional dependency {@code io.lettuce:lettuce-core}): one connection for
 * commands and publishing, one for subscriptions (opened on the first subscription, so that an emitter needs one
 * connection only), and one per {@link #readStream} tail, whose blocking {@code XREAD} never holds up the others.
 *
 * <p>Fault behaviour: while Redis is unreachable, commands are rejected at once (Lettuce's
 * {@code REJECT_COMMANDS}) instead of queued; Lettuce reconnects by itself with an exponential delay from 100 ms up
 * to {@code maxReconnectDelay}, and subscribes again to every channel and pattern. A subscription that could not be
 * made is retried every second until it succeeds or ends. Thread-safe; create one per process and share it, close it
 * after the servers that use it.
 */
public final class LettuceRedisDriver implements RedisDriver {
    private static final System.Logger LOG = System.getLogger(LettuceRedisDriver.class.getName());
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** Longest {@code BLOCK} of a {@link #readStream} read: an {@code XREAD} may take this much more than others. */
    public static final Duration MAX_BLOCK = Duration.ofSeconds(30);

    /**
     * Lettuce's threads, made as Lettuce makes them and remembered: its shutdown future completes a moment before
     * they die, and Tomcat, checking right after an undeploy, would report them as "started but failed to stop".
     */
    private final DaemonThreads threads = new DaemonThreads();
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI redisUri;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    /** The stream tails, closed with the driver. */
    private final List<StreamTail> tails = new CopyOnWriteArrayList<>();
    private final Map<String, List<MessageHandler>> channels = new ConcurrentHashMap<>();
    private final Map<String, List<MessageHandler>> patterns = new ConcurrentHashMap<>();
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> pubSub;
    private volatile boolean closed;

    private LettuceRedisDriver(String uri, Duration maxReconnectDelay, Duration commandTimeout) {
        resources = ClientResources.builder()
                .threadFactoryProvider(pool -> threads.madeBy(new DefaultThreadFactory(pool, true)))
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), maxReconnectDelay, 2, TimeUnit.MILLISECONDS))
                .build();
        redisUri = RedisURI.create(uri);
        redisUri.setTimeout(commandTimeout);
        client = RedisClient.create(resources, redisUri);
        long commandMillis = commandTimeout.toMillis();
        long blockingMillis = commandMillis + MAX_BLOCK.toMillis();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.builder().timeoutSource(new TimeoutOptions.TimeoutSource() {
                    @Override
                    public long getTimeout(RedisCommand<?, ?, ?> command) {
                        // a blocking read waits up to its BLOCK before Redis answers
                        return command.getType() == CommandType.XREAD ? blockingMillis : commandMillis;
                    }
                }).build())
                .build());
        try {
            connection = client.connect(ByteArrayCodec.INSTANCE);
        } catch (RuntimeException e) {
            client.shutdown(0, 1, TimeUnit.SECONDS);
            resources.shutdown(0, 1, TimeUnit.SECONDS);
            throw new RedisAdapterException("cannot connect to Redis at " + redisUri, e);
        } finally {
            forgetNettyThreadLocals();
        }
    }

    /**
     * Connects to Redis at a URI such as {@code redis://127.0.0.1:6379} (Lettuce's URI syntax: {@code rediss://} for
     * TLS, {@code redis://user:password@host:port/db}); reconnect delays up to 5 s, command timeout 5 s.
     *
     * @throws RedisAdapterException when Redis cannot be reached now
     */
    public static LettuceRedisDriver create(String uri) {
        return create(uri, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** As {@link #create(String)}, with the longest delay between reconnection attempts and the command timeout. */
    public static LettuceRedisDriver create(String uri, Duration maxReconnectDelay, Duration commandTimeout) {
        Objects.requireNonNull(uri, "uri");
        return new LettuceRedisDriver(uri, maxReconnectDelay, commandTimeout);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public CompletableFuture<Long> publish(String channel, byte[] message) {
        try {
            return connection.async().publish(bytes(channel), message).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            forgetNettyThreadLocals();
        }
    }

    @Override
    public CompletableFuture<Long> numSub(String channel) {
        try {
            return connection.async().pubsubNumsub(bytes(channel)).toCompletableFuture()
                    .thenApply(counts -> counts.values().stream().findFirst().orElse(0L));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            forgetNettyThreadLocals();
        }
    }

    @Override
    public CompletableFuture<String> xadd(String stream, long maxLen, Map<String, String> fields) {
        Map<byte[], byte[]> body = new LinkedHashMap<>();
        fields.forEach((field, value) -> body.put(bytes(field), bytes(value)));
        try {
            return connection.async().xadd(bytes(stream), XAddArgs.Builder.maxlen(maxLen).approximateTrimming(), body)
                    .toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            forgetNettyThreadLocals();
        }
    }

    @Override
    public CompletableFuture<List<StreamEntry>> xrange(String stream, String afterId, String toId, int count) {
        Range<String> range = Range.from(Range.Boundary.excluding(afterId),
                toId.equals("+") ? Range.Boundary.unbounded() : Range.Boundary.including(toId));
        try {
            return connection.async().xrange(bytes(stream), range, Limit.from(count)).toCompletableFuture()
                    .thenApply(LettuceRedisDriver::entries);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            forgetNettyThreadLocals();
        }
    }

    @Override
    public CompletableFuture<Boolean> xexists(String stream, String id) {
        try {
            return connection.async().xrange(bytes(stream), Range.create(id, id)).toCompletableFuture()
                    .thenApply(found -> !found.isEmpty());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            forgetNettyThreadLocals();
        }
    }

    @Override
    public CompletableFuture<Optional<String>> lastStreamId(String stream) {
        try {
            return connection.async().xrevrange(bytes(stream), Range.unbounded(), Limit.from(1)).toCompletableFuture()
                    .thenApply(found -> found.isEmpty() ? Optional.<String>empty() : Optional.of(found.get(0).getId()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            forgetNettyThreadLocals();
        }
    }

    private static List<StreamEntry> entries(List<StreamMessage<byte[], byte[]>> messages) {
        List<StreamEntry> out = new ArrayList<>(messages.size());
        for (StreamMessage<byte[], byte[]> message : messages) {
            Map<String, String> fields = new LinkedHashMap<>();
            message.getBody().forEach((field, value) -> fields.put(text(field), text(value)));
            out.add(new StreamEntry(message.getId(), fields));
        }
        return out;
    }

    @Override
    public Subscription readStream(String stream, String afterId, int count, Duration block, StreamHandler handler) {
        if (closed) {
            throw new IllegalStateException("driver closed");
        }
        if (block.compareTo(MAX_BLOCK) > 0 || block.isNegative() || block.isZero()) {
            throw new IllegalArgumentException("block must be positive and at most " + MAX_BLOCK);
        }
        StreamTail tail = new StreamTail(stream, afterId, count, block, handler);
        tails.add(tail);
        tail.connect();
        return tail;
    }

    @Override
    public CompletableFuture<Void> setPx(String key, byte[] value, long ttlMillis) {
        try {
            return connection.async().set(bytes(key), value, SetArgs.Builder.px(ttlMillis)).toCompletableFuture()
                    .thenApply(ok -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            forgetNettyThreadLocals();
        }
    }

    @Override
    public CompletableFuture<Optional<byte[]>> getdel(String key) {
        try {
            return connection.async().getdel(bytes(key)).toCompletableFuture().thenApply(Optional::ofNullable);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            forgetNettyThreadLocals();
        }
    }

    /**
     * One {@link #readStream} loop: connect, then {@code XREAD} after the last id handed over, hand the batch over,
     * wait until it is handled, read again. A failure (Redis down, a timeout) is retried a second later on one of
     * Lettuce's threads, from the same id. {@code lastId} is written only by the thread that completed the previous
     * step (one step at a time), read by the next.
     */
    private final class StreamTail implements Subscription {
        private final byte[] stream;
        private final int count;
        private final Duration block;
        private final StreamHandler handler;
        private volatile String lastId;
        private volatile StatefulRedisConnection<byte[], byte[]> reader;
        private volatile boolean ended;

        StreamTail(String stream, String afterId, int count, Duration block, StreamHandler handler) {
            this.stream = bytes(stream);
            this.lastId = afterId;
            this.count = count;
            this.block = block;
            this.handler = handler;
        }

        private boolean stopped() {
            return ended || closed;
        }

        void connect() {
            if (stopped()) {
                return;
            }
            try {
                client.connectAsync(ByteArrayCodec.INSTANCE, redisUri).whenComplete((made, error) -> {
                    if (error != null) {
                        LOG.log(Level.DEBUG, () -> "opening the stream connection failed (" + error + "); retrying");
                        later(this::connect);
                    } else if (stopped()) {
                        made.closeAsync();
                    } else {
                        reader = made;
                        read();
                    }
                });
            } catch (RuntimeException e) {
                later(this::connect);
            } finally {
                forgetNettyThreadLocals();
            }
        }

        private void read() {
            if (stopped()) {
                return;
            }
            CompletableFuture<List<StreamMessage<byte[], byte[]>>> read;
            try {
                read = reader.async().xread(XReadArgs.Builder.block(block).count(count),
                        XReadArgs.StreamOffset.from(stream, lastId)).toCompletableFuture();
            } catch (RuntimeException e) {
                read = CompletableFuture.failedFuture(e);
            } finally {
                forgetNettyThreadLocals();
            }
            read.whenComplete((messages, error) -> {
                if (stopped()) {
                    return;
                }
                if (error != null) {
                    LOG.log(Level.DEBUG, () -> "reading the stream failed (" + error + "); retrying from " + lastId);
                    later(this::read);
                    return;
                }
                if (messages == null || messages.isEmpty()) {
                    read();   // BLOCK ran out: nothing new
                    return;
                }
                List<StreamEntry> batch = entries(messages);
                lastId = batch.get(batch.size() - 1).id();
                CompletionStage<?> handled;
                try {
                    handled = handler.onEntries(batch);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "handler of a Redis stream failed", e);
                    handled = CompletableFuture.completedFuture(null);
                }
                handled.whenComplete((v, e) -> read());
            });
        }

        private void later(Runnable step) {
            if (stopped()) {
                return;
            }
            try {
                resources.eventExecutorGroup().schedule(step, RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                // the driver is closing: its executors take no more tasks
            } finally {
                forgetNettyThreadLocals();
            }
        }

        @Override
        public void close() {
            ended = true;
            tails.remove(this);
            StatefulRedisConnection<byte[], byte[]> made = reader;
            if (made != null) {
                try {
                    made.close();
                } finally {
                    forgetNettyThreadLocals();
                }
            }
        }
    }

    @Override
    public boolean isConnected() {
        return connection.isOpen();
    }

    @Override
    public Subscription subscribe(String channel, MessageHandler handler, CompletableFuture<Void> confirmed) {
        return add(channels, channel, handler, confirmed, false);
    }

    @Override
    public Subscription psubscribe(String pattern, MessageHandler handler, CompletableFuture<Void> confirmed) {
        return add(patterns, pattern, handler, confirmed, true);
    }

    private Subscription add(Map<String, List<MessageHandler>> table, String name, MessageHandler handler,
                             CompletableFuture<Void> confirmed, boolean pattern) {
        if (closed) {
            throw new IllegalStateException("driver closed");
        }
        StatefulRedisPubSubConnection<byte[], byte[]> sub = pubSub();
        boolean[] first = new boolean[1];
        table.compute(name, (k, list) -> {
            if (list == null) {
                list = new CopyOnWriteArrayList<>();
                first[0] = true;
            }
            list.add(handler);
            return list;
        });
        if (first[0]) {
            redisSubscribe(sub, table, name, pattern, confirmed);
        } else {
            confirmed.complete(null);
        }
        return () -> {
            boolean[] last = new boolean[1];
            table.computeIfPresent(name, (k, list) -> {
                list.remove(handler);
                last[0] = list.isEmpty();
                return list.isEmpty() ? null : list;
            });
            if (last[0] && !closed) {
                try {
                    if (pattern) {
                        sub.async().punsubscribe(bytes(name));
                    } else {
                        sub.async().unsubscribe(bytes(name));
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, "unsubscribing " + name + " failed", e);
                } finally {
                    forgetNettyThreadLocals();
                }
            }
        };
    }

    private void redisSubscribe(StatefulRedisPubSubConnection<byte[], byte[]> sub,
                                Map<String, List<MessageHandler>> table, String name, boolean pattern,
                                CompletableFuture<Void> confirmed) {
        CompletableFuture<Void> done;
        try {
            done = (pattern ? sub.async().psubscribe(bytes(name)) : sub.async().subscribe(bytes(name)))
                    .toCompletableFuture().thenApply(v -> null);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        } finally {
            forgetNettyThreadLocals();
        }
        done.whenComplete((v, error) -> {
            if (error == null) {
                confirmed.complete(null);
            } else if (!closed && table.containsKey(name)) {
                LOG.log(Level.DEBUG, () -> "subscribing to " + name + " failed (" + error + "); retrying");
                CompletableFuture.delayedExecutor(RETRY.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> {
                            if (!closed && table.containsKey(name)) {
                                redisSubscribe(sub, table, name, pattern, confirmed);
                            }
                        });
            }
        });
    }

    private StatefulRedisPubSubConnection<byte[], byte[]> pubSub() {
        StatefulRedisPubSubConnection<byte[], byte[]> sub = pubSub;
        if (sub != null) {
            return sub;
        }
        synchronized (this) {
            if (pubSub == null) {
                try {
                    StatefulRedisPubSubConnection<byte[], byte[]> created = client.connectPubSub(ByteArrayCodec.INSTANCE);
                    created.addListener(new RedisPubSubAdapter<>() {
                        @Override
                        public void message(byte[] channel, byte[] message) {
                            dispatch(channels.get(text(channel)), text(channel), message);
                        }

                        @Override
                        public void message(byte[] pattern, byte[] channel, byte[] message) {
                            dispatch(patterns.get(text(pattern)), text(channel), message);
                        }
                    });
                    pubSub = created;
                } catch (RuntimeException e) {
                    throw new RedisAdapterException("cannot open the Redis subscription connection", e);
                } finally {
                    forgetNettyThreadLocals();
                }
            }
            return pubSub;
        }
    }

    /**
     * Netty (under Lettuce) leaves a thread-local map on every thread that sends a command; on a servlet container's
     * pooled request threads it would outlive an undeployed application (Tomcat reports it as a leak). Threads that
     * are not Netty's own drop it again after each command.
     */
    private static void forgetNettyThreadLocals() {
        if (!(Thread.currentThread() instanceof FastThreadLocalThread)) {
            FastThreadLocal.removeAll();
        }
    }

    private static void dispatch(List<MessageHandler> handlers, String channel, byte[] message) {
        if (handlers == null) {
            return;
        }
        for (MessageHandler handler : handlers) {
            try {
                handler.onMessage(channel, message);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "handler of Redis channel " + channel + " failed", e);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        channels.clear();
        patterns.clear();
        try {
            for (StreamTail tail : tails) {
                tail.close();
            }
            if (pubSub != null) {
                pubSub.close();
            }
            connection.close();
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            // waited for, so that an undeployed web application leaves none of Lettuce's threads running
            boolean stopped = resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
            try {
                threads.join(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DaemonThreads.STOP_WAIT_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!stopped || threads.alive() > 0) {
                LOG.log(Level.WARNING, "Lettuce's threads did not stop within 5 s");
            }
        }
    }
}
