package io.socketee.socketio.redis.streams;

import io.socketee.socketio.redis.LettuceRedisDriver;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Redis Streams adapter, with the option names and defaults of Node's
 * {@code @socket.io/redis-streams-adapter} 0.3.1 (its {@code streamCount} and {@code useShardedPubSub} are not
 * supported: one stream, plain pub/sub). Immutable; build with {@link #builder()}.
 *
 * @param streamName        the stream every node appends to and reads; {@code "socket.io"}. Nodes (Java or Node.js)
 *                          with the same stream and channel prefix form one cluster.
 * @param channelPrefix     prefix of the pub/sub channels of the messages not kept in the stream:
 *                          {@code <prefix>#<nsp>#} and each node's {@code <prefix>#<nsp>#<uid>#}; {@code "socket.io"}
 * @param maxLen            the stream is trimmed to about this many entries ({@code MAXLEN ~}); 10000. It bounds
 *                          how far back a session can be recovered.
 * @param readCount         entries fetched per {@code XREAD} (and per {@code XRANGE} page of a recovery); 100
 * @param blockTime         how long one {@code XREAD} waits for new entries; 5 s, at most
 *                          {@link LettuceRedisDriver#MAX_BLOCK}
 * @param sessionKeyPrefix  prefix of the keys of the disconnected sessions; {@code "sio:session:"}
 * @param onlyPlaintext     skip the search for binary arguments (the data field is always JSON); false
 * @param requestsTimeout   how long fetchSockets and serverSideEmit with acks wait for the other nodes; 5 s
 *                          (Node's fixed value)
 * @param maxRecoveryReads  most {@code XRANGE} pages a recovery reads to reach the end of the stream (Node's 100);
 *                          a session behind by more recovers not (rather than with a gap)
 * @param maxMessageSize    largest message or entry from Redis decoded, and largest published, in bytes; larger
 *                          ones are dropped with a warning; 16 MiB
 * @param maxDepth          deepest nesting of arrays and maps accepted in a message; 64
 * @param maxQueuedMessages pub/sub messages and local deliveries waiting to be handled at most; beyond, new ones are
 *                          dropped with a warning (the stream is read no faster than it is handled); 10000
 */
public record RedisStreamsAdapterConfig(String streamName, String channelPrefix, long maxLen, int readCount,
                                        Duration blockTime, String sessionKeyPrefix, boolean onlyPlaintext,
                                        Duration requestsTimeout, int maxRecoveryReads, int maxMessageSize,
                                        int maxDepth, int maxQueuedMessages) {
    public RedisStreamsAdapterConfig {
        Objects.requireNonNull(streamName, "streamName");
        Objects.requireNonNull(channelPrefix, "channelPrefix");
        Objects.requireNonNull(sessionKeyPrefix, "sessionKeyPrefix");
        if (streamName.isEmpty() || channelPrefix.isEmpty()) {
            throw new IllegalArgumentException("streamName and channelPrefix must not be empty");
        }
        if (blockTime == null || blockTime.isNegative() || blockTime.isZero()
                || blockTime.compareTo(LettuceRedisDriver.MAX_BLOCK) > 0) {
            throw new IllegalArgumentException("blockTime must be positive and at most "
                    + LettuceRedisDriver.MAX_BLOCK.toSeconds() + " s");
        }
        if (requestsTimeout == null || requestsTimeout.isNegative() || requestsTimeout.isZero()) {
            throw new IllegalArgumentException("requestsTimeout must be positive");
        }
        if (maxLen < 1 || readCount < 1 || maxRecoveryReads < 1 || maxMessageSize < 1 || maxDepth < 1
                || maxQueuedMessages < 1) {
            throw new IllegalArgumentException("maxLen, readCount, maxRecoveryReads, maxMessageSize, maxDepth and"
                    + " maxQueuedMessages must be positive");
        }
    }

    /** The defaults. */
    public static RedisStreamsAdapterConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RedisStreamsAdapterConfig}; every setter is optional. Not thread-safe. */
    public static final class Builder {
        private String streamName = "socket.io";
        private String channelPrefix = "socket.io";
        private long maxLen = 10_000;
        private int readCount = 100;
        private Duration blockTime = Duration.ofSeconds(5);
        private String sessionKeyPrefix = "sio:session:";
        private boolean onlyPlaintext;
        private Duration requestsTimeout = Duration.ofSeconds(5);
        private int maxRecoveryReads = 100;
        private int maxMessageSize = 16 * 1024 * 1024;
        private int maxDepth = 64;
        private int maxQueuedMessages = 10_000;

        private Builder() {
        }

        public Builder streamName(String value) {
            this.streamName = value;
            return this;
        }

        public Builder channelPrefix(String value) {
            this.channelPrefix = value;
            return this;
        }

        public Builder maxLen(long value) {
            this.maxLen = value;
            return this;
        }

        public Builder readCount(int value) {
            this.readCount = value;
            return this;
        }

        public Builder blockTime(Duration value) {
            this.blockTime = value;
            return this;
        }

        public Builder sessionKeyPrefix(String value) {
            this.sessionKeyPrefix = value;
            return this;
        }

        public Builder onlyPlaintext(boolean value) {
            this.onlyPlaintext = value;
            return this;
        }

        public Builder requestsTimeout(Duration value) {
            this.requestsTimeout = value;
            return this;
        }

        public Builder maxRecoveryReads(int value) {
            this.maxRecoveryReads = value;
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

        public RedisStreamsAdapterConfig build() {
            return new RedisStreamsAdapterConfig(streamName, channelPrefix, maxLen, readCount, blockTime,
                    sessionKeyPrefix, onlyPlaintext, requestsTimeout, maxRecoveryReads, maxMessageSize, maxDepth,
                    maxQueuedMessages);
        }
    }
}
