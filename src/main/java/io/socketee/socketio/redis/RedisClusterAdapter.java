package io.socketee.socketio.redis;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.socketio.Json;
import io.socketee.socketio.adapter.AdapterHost;
import io.socketee.socketio.adapter.BroadcastOptions;
import io.socketee.socketio.adapter.ClusterAdapter;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the Redis pub/sub and Redis Streams adapters share on top of the {@link ClusterAdapter} template: Redis as the
 * backend's name and {@link RedisAdapterException} as its failure, the node count by {@code PUBSUB NUMSUB}, the
 * logging of publication outages (one warning per outage), the options object of Node's adapters, and closing the
 * subscriptions first. The base of this library's two Redis adapters, public for the Streams one's package; not meant
 * for other subclasses. Thread-safe, as the template.
 */
public abstract class RedisClusterAdapter extends ClusterAdapter {
    private static final System.Logger LOG = System.getLogger(RedisClusterAdapter.class.getName());

    protected final RedisDriver driver;
    /** The subscriptions, ended by {@link #close()}. */
    protected final List<RedisDriver.Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final String what;
    private final AtomicBoolean publishFailing = new AtomicBoolean();
    private volatile boolean closing;

    /** @param what the adapter in log lines ("Redis adapter") */
    protected RedisClusterAdapter(AdapterHost host, String uid, Duration requestsTimeout, Timers timers,
                                  boolean offsetsFromBackend, RedisDriver driver, String what) {
        super(host, uid, requestsTimeout, timers, offsetsFromBackend);
        this.driver = driver;
        this.what = what;
    }

    @Override
    protected final String backendName() {
        return "Redis";
    }

    @Override
    protected final RuntimeException failure(String message, Throwable cause) {
        return new RedisAdapterException(message, cause);
    }

    @Override
    protected final JsonValue toJson(Object value) {
        return Json.toJson(value);
    }

    /** Whether {@link #close()} began: what comes from Redis then is dropped. */
    protected final boolean closing() {
        return closing;
    }

    /** The subscribers of {@code channel}: one per node. */
    protected final CompletableFuture<Integer> countNodes(String channel) {
        return driver.numSub(channel).handle((n, error) -> {
            if (error != null) {
                throw new RedisAdapterException("Redis is unreachable: cannot count the nodes of the cluster ("
                        + unwrap(error).getMessage() + ")", unwrap(error));
            }
            return n.intValue();
        });
    }

    /** A failed publication of a message larger than {@code max} bytes, with a warning. */
    protected final <T> CompletableFuture<T> tooLarge(int size, int max) {
        LOG.log(Level.WARNING, what + " " + host.namespace() + ": not publishing a message of " + size
                + " bytes (maxMessageSize " + max + ")");
        return CompletableFuture.failedFuture(new RedisAdapterException("message of " + size
                + " bytes exceeds maxMessageSize " + max));
    }

    /** Logs the first failure of an outage, and the recovery; returns {@code sent}. */
    protected final <T> CompletableFuture<T> watched(CompletableFuture<T> sent) {
        sent.whenComplete((n, error) -> {
            if (error != null) {
                if (publishFailing.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, what + " " + host.namespace() + ": cannot publish to Redis ("
                            + unwrap(error) + "); the other nodes are out of reach, local delivery goes on");
                }
            } else if (publishFailing.compareAndSet(true, false)) {
                LOG.log(Level.INFO, what + " " + host.namespace() + ": publishing to Redis works again");
            }
        });
        return sent;
    }

    /** The options of Node's adapters: {@code {rooms, except, flags}}, flags {@code volatile} and {@code timeout}. */
    protected static JsonObject optionsJson(BroadcastOptions options, Duration ackTimeout) {
        JsonObjectBuilder flags = PROVIDER.createObjectBuilder();
        if (options.isVolatile()) {
            flags.add("volatile", true);
        }
        if (ackTimeout != null) {
            flags.add("timeout", ackTimeout.toMillis());
        }
        return PROVIDER.createObjectBuilder()
                .add("rooms", strings(options.rooms()))
                .add("except", strings(options.except()))
                .add("flags", flags)
                .build();
    }

    /** Unsubscribes, then closes as the template (pending requests fail), then {@link #released()}. */
    @Override
    public final void close() {
        if (closing) {
            return;
        }
        closing = true;
        for (RedisDriver.Subscription subscription : subscriptions) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "unsubscribing failed", e);
            }
        }
        subscriptions.clear();
        super.close();
        released();
    }

    /** After {@link #close()}: gives back what the adapter shares with the others of its factory. */
    protected abstract void released();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + host.namespace() + ", uid " + uid() + "]";
    }
}
