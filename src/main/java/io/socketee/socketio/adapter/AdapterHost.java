package io.socketee.socketio.adapter;

import io.socketee.socketio.core.Ack;
import io.socketee.socketio.core.RemoteSocket;
import jakarta.json.JsonArray;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What an adapter may do with the sockets of its namespace on this node; implemented by the namespace. Thread-safe.
 */
public interface AdapterHost {

    /** The namespace's name. */
    String namespace();

    /**
     * Writes a packet to a local socket; false when there is no such socket, or a volatile packet was dropped.
     *
     * @param onAck for a packet with an ack id: receives the socket's answer (never called if none comes)
     */
    boolean deliver(String socketId, OutgoingPacket packet, boolean isVolatile, Consumer<JsonArray> onAck);

    /** A local socket, for bulk operations and fetchSockets. */
    Optional<RemoteSocket> socket(String socketId);

    /** A fresh ack id for a broadcast with acks, unique in this namespace on this node. */
    long nextAckId();

    /**
     * Hands a server-side event from another node to the namespace's server-side listeners.
     *
     * @param eventAndArgs {@code ["name", args…]}
     * @param ack          answers the sending node ({@link Ack#NONE} when it asked for no answer)
     */
    void onServerSideEvent(JsonArray eventAndArgs, Ack ack);

    /**
     * Tells the namespace, from inside {@link Adapter#restoreSession}, which socket id the session of {@code pid}
     * resumes, so that what is broadcast to that id from then on is held for the socket being made (and not lost
     * before it exists). Called under the adapter's lock: it only records, never calls out. An adapter that counts the
     * restored socket in its rooms at once (the in-memory adapter does) calls it first; others need not.
     */
    default void restoring(String pid, String sid) {
    }

    /** The server's connection state recovery settings; empty when it is off (the default). */
    default Optional<ConnectionStateRecovery> connectionStateRecovery() {
        return Optional.empty();
    }

    /** The clock sessions and kept packets age by (the system's; a test's virtual one). */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /** For metrics: a broadcast was written to {@code receivers} local sockets. */
    default void broadcastWritten(int receivers) {
    }

    /**
     * For metrics: a request to the other nodes of a cluster ended.
     *
     * @param type     the request's kind, lower case
     * @param complete whether every node answered in time
     */
    default void clusterRequestEnded(String type, Duration elapsed, boolean complete) {
    }
}
