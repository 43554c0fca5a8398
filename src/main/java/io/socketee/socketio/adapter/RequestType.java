package io.socketee.socketio.adapter;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of requests between the nodes of a cluster, numbered as Node's {@code @socket.io/redis-adapter} numbers
 * them on its pub/sub wire (a backend with another wire maps them to its own numbers). The lower-case name is the
 * {@code type} that {@link AdapterHost#clusterRequestEnded} reports to the metrics. Immutable.
 */
public enum RequestType {
    SOCKETS(0),
    ALL_ROOMS(1),
    REMOTE_JOIN(2),
    REMOTE_LEAVE(3),
    REMOTE_DISCONNECT(4),
    REMOTE_FETCH(5),
    SERVER_SIDE_EMIT(6),
    BROADCAST(7),
    BROADCAST_CLIENT_COUNT(8),
    BROADCAST_ACK(9);

    private static final RequestType[] BY_CODE = values();

    private final int code;
    private final String metricName;

    RequestType(int code) {
        this.code = code;
        this.metricName = name().toLowerCase(Locale.ROOT);
    }

    /** The number on the pub/sub wire. */
    public int code() {
        return code;
    }

    /** The name the metrics use: the constant's name in lower case ({@code all_rooms}). */
    public String metricName() {
        return metricName;
    }

    /** The type with this number, if there is one. */
    public static Optional<RequestType> of(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.of(BY_CODE[code]) : Optional.empty();
    }
}
