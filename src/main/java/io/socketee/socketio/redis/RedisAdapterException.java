package io.socketee.socketio.redis;

import io.socketee.socketio.adapter.ClusterException;

/**
 * A cluster operation that could not be done through Redis: Redis unreachable (the operation fails at once, it is not
 * queued), or the other nodes did not answer within {@code requestsTimeout}. Local delivery is never affected.
 */
public class RedisAdapterException extends ClusterException {
    private static final long serialVersionUID = 1L;

    public RedisAdapterException(String message) {
        super(message);
    }

    public RedisAdapterException(String message, Throwable cause) {
        super(message, cause);
    }
}
