package io.socketee.socketio.adapter;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.socketio.protocol.Packet;
import jakarta.json.JsonArrayBuilder;
import java.time.Duration;

/**
 * Connection state recovery (Node's {@code connectionStateRecovery} option, socket.io 4.6+): a client that lost its
 * connection for less than {@link #maxDisconnectionDuration} resumes its session on its next CONNECT, with the same
 * socket id, rooms and {@code data()}, and gets every packet sent to its rooms meanwhile. Off unless set in
 * {@code SocketIoConfig}. Immutable; build with {@link #builder()}.
 *
 * <p>With it on, the CONNECT reply carries a private session id ({@code {"sid":…,"pid":…}}), and every EVENT without
 * an ack id and not volatile that reaches a socket carries its offset as one extra last argument (a string); the
 * client sends {@code pid} and its last {@code offset} with its next CONNECT. A session is kept when its socket
 * leaves for a reason that is not the client's or the server's own doing: "transport close", "transport error",
 * "ping timeout", "server shutting down" (a DISCONNECT from either side, {@code socket.disconnect(true)} and a parse
 * error are not recoverable).
 *
 * <p>Bounds, per namespace (Node keeps both without a cap but time): the packets kept for replay are dropped oldest
 * first when older than {@link #maxDisconnectionDuration}, or beyond {@link #maxPackets} or {@link #maxBytes};
 * disconnected sessions beyond {@link #maxSessions} are dropped oldest first. A client whose session was dropped, or
 * whose offset is older than the oldest packet kept, connects as a new socket ({@code recovered} false), as on Node
 * when the offset is too old: recovery fails, the connection does not.
 *
 * @param maxDisconnectionDuration how long a session and the packets for it are kept; 120 000 ms (Node's default)
 * @param skipMiddlewares          whether a recovered socket skips the connect middlewares; true (Node's default)
 * @param maxSessions              most disconnected sessions kept per namespace; 10 000
 * @param maxPackets               most packets kept for replay per namespace; 10 000
 * @param maxBytes                 most bytes kept for replay per namespace, counted as the default (JSON) parser
 *                                 writes the packets; 8 MiB
 */
public record ConnectionStateRecovery(Duration maxDisconnectionDuration, boolean skipMiddlewares, int maxSessions,
                                      int maxPackets, long maxBytes) {
    public ConnectionStateRecovery {
        if (maxDisconnectionDuration == null || maxDisconnectionDuration.isNegative()
                || maxDisconnectionDuration.isZero()) {
            throw new IllegalArgumentException("maxDisconnectionDuration must be positive");
        }
        if (maxSessions < 1 || maxPackets < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("maxSessions, maxPackets and maxBytes must be positive");
        }
    }

    /** Recovery with Node's defaults (120 s, middlewares skipped) and this library's caps. */
    public static ConnectionStateRecovery defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether a broadcast of this packet is kept for replay and carries an offset: an EVENT without an ack id (an ack
     * callback cannot be restored), not volatile. Cluster adapters decide with it as the in-memory one does.
     */
    public static boolean isKept(Packet packet, boolean isVolatile) {
        return !isVolatile && packet instanceof Packet.Event event && event.ackId().isEmpty();
    }

    /** The event with {@code offset} appended as its last argument, as clients expect it. */
    public static Packet.Event withOffset(Packet.Event event, String offset) {
        JsonArrayBuilder data = PROVIDER.createArrayBuilder(event.data()).add(offset);
        return Packet.event(event.namespace(), data.build());
    }

    /** Builds a {@link ConnectionStateRecovery}; every setter is optional. Not thread-safe. */
    public static final class Builder {
        private Duration maxDisconnectionDuration = Duration.ofMinutes(2);
        private boolean skipMiddlewares = true;
        private int maxSessions = 10_000;
        private int maxPackets = 10_000;
        private long maxBytes = 8L << 20;

        private Builder() {
        }

        public Builder maxDisconnectionDuration(Duration value) {
            this.maxDisconnectionDuration = value;
            return this;
        }

        public Builder skipMiddlewares(boolean value) {
            this.skipMiddlewares = value;
            return this;
        }

        public Builder maxSessions(int value) {
            this.maxSessions = value;
            return this;
        }

        public Builder maxPackets(int value) {
            this.maxPackets = value;
            return this;
        }

        public Builder maxBytes(long value) {
            this.maxBytes = value;
            return this;
        }

        public ConnectionStateRecovery build() {
            return new ConnectionStateRecovery(maxDisconnectionDuration, skipMiddlewares, maxSessions, maxPackets,
                    maxBytes);
        }
    }
}
