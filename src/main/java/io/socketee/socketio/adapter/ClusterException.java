package io.socketee.socketio.adapter;

/**
 * A cluster operation failed: the backend could not publish, a node did not answer in time, or the adapter closed.
 * Backends may throw a subclass of their own.
 */
public class ClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
