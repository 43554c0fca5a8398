package io.socketee.socketio.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Redis adapter, with the option names and defaults of Node's {@code @socket.io/redis-adapter}.
 * Immutable; build with {@link #builder()}.
 *
 * @param key                              prefix of every channel: {@code <key>#<nsp>#} for broadcasts,
 *                                         {@code <key>-request#<nsp>#} and {@code <key>-response#<nsp>#} for the rest;
 *                                         {@code "socket.io"}. Nodes (Java or Node.js) with the same key form one
 *                                         cluster.
 * @param requestsTimeout                  how long fetchSockets, allRooms and serverSideEmit with acks wait for the
 *                                         other nodes; 5 s
 * @param publishOnSpecificResponseChannel answer requests on the requesting node's own channel
 *                                         {@code <key>-response#<nsp>#<uid>#} instead of the shared one; false (as
 *                                         Node's default; every node must understand it, Node's adapter 8.x does)
 * @param maxMessageSize                   largest message from Redis decoded, and largest published, in bytes;
 *                                         larger ones are dropped with a warning; 16 MiB
 * @param maxDepth                         deepest nesting of arrays and maps accepted in a message; 64
 * @param maxQueuedMessages                messages from Redis waiting to be handled at most; beyond, new ones are
 *                                         dropped with a warning; 10000
 */
public record RedisAdapterConfig(String key, Duration requestsTimeout, boolean publishOnSpecificResponseChannel,
                                 int maxMessageSize, int maxDepth, int maxQueuedMessages) {
    public RedisAdapterConfig {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (requestsTimeout == null || requestsTimeout.isNegative() || requestsTimeout.isZero()) {
            throw new IllegalArgumentException("requestsTimeout must be positive");
        }
        if (maxMessageSize < 1 || maxDepth < 1 || maxQueuedMessages < 1) {
            throw new IllegalArgumentException("maxMessageSize, maxDepth and maxQueuedMessages must be positive");
        }
    }

    /** The defaults. */
    public static RedisAdapterConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RedisAdapterConfig}; every setter is optional. Not thread-safe. */
    public static final class Builder {
        private String key = "socket.io";
        private Duration requestsTimeout = Duration.ofSeconds(5);
        private boolean publishOnSpecificResponseChannel;
        private int maxMessageSize = 16 * 1024 * 1024;
        private int maxDepth = 64;
        private int maxQueuedMessages = 10_000;

        private Builder() {
        }

        public Builder key(String value) {
            this.key = value;
            return this;
        }

        public Builder requestsTimeout(Duration value) {
            this.requestsTimeout = value;
            return this;
        }

        public Builder publishOnSpecificResponseChannel(boolean value) {
            this.publishOnSpecificResponseChannel = value;
            return this;
        }

        public Builder maxMessageSize(int value) {
            this.maxMessageSize = value;
            return this;
        }

        public Builder maxDepth(int value) {
            this.maxDepth = value;
            return this;
        }

        public Builder maxQueuedMessages(int value) {
            this.maxQueuedMessages = value;
            return this;
        }

        public RedisAdapterConfig build() {
            return new RedisAdapterConfig(key, requestsTimeout, publishOnSpecificResponseChannel, maxMessageSize,
                    maxDepth, maxQueuedMessages);
        }
    }
}
