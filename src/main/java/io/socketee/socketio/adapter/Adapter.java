package io.socketee.socketio.adapter;

import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.protocol.Packet;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Room membership and broadcasting for one namespace, the seam where a cluster plugs in (as Node's
 * {@code socket.io-adapter}). The in-memory adapter serves one node; a cluster adapter also forwards to other nodes.
 *
 * <p>Thread-safe: called from any thread. Room bookkeeping is about this node's sockets; the broadcast and bulk
 * operations honour {@link BroadcastOptions#local()} and otherwise reach the whole cluster.
 */
public interface Adapter extends AutoCloseable {

    /** Adds a local socket to rooms. */
    void addAll(String socketId, Set<String> rooms);

    /** Removes a local socket from a room. */
    void del(String socketId, String room);

    /** Removes a local socket from every room. */
    void delAll(String socketId);

    /** The rooms of a local socket. */
    Set<String> socketRooms(String socketId);

    /** Local socket ids in any of {@code rooms} (all local sockets when empty), minus those in {@code except}. */
    Set<String> sockets(Set<String> rooms, Set<String> except);

    /** Every room with at least one socket, across the cluster. */
    CompletableFuture<Set<String>> allRooms();

    /**
     * Writes an event (or any packet) to every socket the options select. With connection state recovery on
     * ({@link AdapterHost#connectionStateRecovery()}), a packet {@link ConnectionStateRecovery#isKept kept} for replay
     * gets an offset, a string unique in the namespace, as its last argument
     * ({@link ConnectionStateRecovery#withOffset}), and is kept for {@link #restoreSession}: the in-memory adapter
     * numbers them; a cluster adapter may use its backend's ids (a stream entry id).
     */
    void broadcast(Packet packet, BroadcastOptions options);

    /**
     * Writes an event with an ack id to every socket the options select and collects the answers.
     *
     * @param clientCount told how many clients the packet went to (once per node)
     * @param onResponse  each client's answer
     */
    void broadcastWithAck(Packet.Event packet, BroadcastOptions options, IntConsumer clientCount,
                          Consumer<JsonValue> onResponse);

    /** The sockets the options select, local ones as they are, remote ones as proxies. */
    CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options);

    /** Makes the selected sockets join rooms. */
    void addSockets(BroadcastOptions options, Set<String> rooms);

    /** Makes the selected sockets leave rooms. */
    void delSockets(BroadcastOptions options, Set<String> rooms);

    /** Disconnects the selected sockets, closing their connections when {@code close}. */
    void disconnectSockets(BroadcastOptions options, boolean close);

    /**
     * Sends an event to the other nodes' namespaces (not to clients). With acks, completes with one answer per node;
     * the in-memory adapter has no other node and completes at once with none.
     */
    CompletableFuture<List<JsonValue>> serverSideEmit(List<JsonValue> eventAndArgs, boolean withAck);

    /**
     * Keeps the session of a socket that left for a recoverable reason, for {@link #restoreSession} within
     * {@link ConnectionStateRecovery#maxDisconnectionDuration} (called only with recovery on). The default keeps
     * nothing, so that an adapter written before recovery existed never recovers a session.
     */
    default void persistSession(SessionToPersist session) {
    }

    /**
     * Takes out the session of {@code pid} with the packets sent to its rooms after {@code offset}; empty when there is
     * none, it expired, or packets after the offset are no longer kept (the client then connects as a new socket).
     * Called on the thread of the CONNECT, which waits for nothing: a cluster adapter completes the stage later, on any
     * thread. The default finds nothing.
     */
    default CompletableFuture<Optional<RestoredSession>> restoreSession(String pid, String offset) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** The number of nodes, this one included. */
    CompletableFuture<Integer> serverCount();

    /** How many rooms have sockets of this node (each socket's own room included); for metrics, so cheap. */
    default int localRoomCount() {
        return 0;
    }

    /**
     * Adds a listener told of this node's room membership changes ({@link RoomListener}). The in-memory adapter, and
     * the cluster adapters built on it, report them; an adapter that keeps no rooms of its own may ignore listeners
     * (this default does).
     */
    default void addRoomListener(RoomListener listener) {
    }

    /** Releases what the adapter holds. */
    @Override
    void close();

    /** Creates an adapter for a namespace. */
    @FunctionalInterface
    interface Factory {
        Adapter create(AdapterHost host);
    }
}
