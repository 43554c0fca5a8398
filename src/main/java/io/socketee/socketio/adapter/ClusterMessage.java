package io.socketee.socketio.adapter;

import io.socketee.socketio.protocol.Packet;
import jakarta.json.JsonArray;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one node of a cluster tells the others, whatever the wire: the {@link ClusterAdapter} template creates and
 * handles these, a backend encodes them into its own wire and decodes them back (Node's {@code ClusterMessage}, with
 * the namespace left to the backend, which keeps one channel or filter per namespace). Immutable.
 *
 * <p>{@code uid} is the sending node's id; the options of a received message select this node's sockets only (a
 * backend decodes them with {@link BroadcastOptions#local()} true).
 */
public sealed interface ClusterMessage {

    /** The sending node. */
    String uid();

    /** An event for the selected sockets of every node. */
    record Broadcast(String uid, Packet.Event packet, BroadcastOptions options) implements ClusterMessage {
        public Broadcast {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(packet, "packet");
            Objects.requireNonNull(options, "options");
        }
    }

    /**
     * An event whose receivers answer: each node replies with {@link ClusterResponse.BroadcastClientCount}, then one
     * {@link ClusterResponse.BroadcastAck} per answer. The packet carries no ack id (each node assigns its own).
     *
     * @param timeout how long the sender waits for answers
     */
    record BroadcastWithAck(String uid, String requestId, Packet.Event packet, BroadcastOptions options,
                            Duration timeout) implements ClusterMessage {
        public BroadcastWithAck {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(packet, "packet");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** The selected sockets join rooms. */
    record SocketsJoin(String uid, BroadcastOptions options, Set<String> rooms) implements ClusterMessage {
        public SocketsJoin {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(options, "options");
            rooms = Set.copyOf(rooms);
        }
    }

    /** The selected sockets leave rooms. */
    record SocketsLeave(String uid, BroadcastOptions options, Set<String> rooms) implements ClusterMessage {
        public SocketsLeave {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(options, "options");
            rooms = Set.copyOf(rooms);
        }
    }

    /** The selected sockets are disconnected, their connections closed when {@code close}. */
    record DisconnectSockets(String uid, BroadcastOptions options, boolean close) implements ClusterMessage {
        public DisconnectSockets {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(options, "options");
        }
    }

    /** Asks for the selected sockets; answered with {@link ClusterResponse.FetchSockets}. */
    record FetchSockets(String uid, String requestId, BroadcastOptions options) implements ClusterMessage {
        public FetchSockets {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(options, "options");
        }
    }

    /** Asks for every room with sockets; answered with {@link ClusterResponse.AllRooms}. */
    record AllRooms(String uid, String requestId) implements ClusterMessage {
        public AllRooms {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(requestId, "requestId");
        }
    }

    /**
     * An event for the other nodes' namespaces ({@code ["name", args…]}); with a request id, each node answers once
     * with {@link ClusterResponse.ServerSideEmit}.
     */
    record ServerSideEmit(String uid, Optional<String> requestId, JsonArray data) implements ClusterMessage {
        public ServerSideEmit {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * A node is alive ({@link ClusterAdapterWithHeartbeat}); {@code initial} when it just started, which the others
     * answer with a heartbeat of their own.
     */
    record Heartbeat(String uid, boolean initial) implements ClusterMessage {
        public Heartbeat {
            Objects.requireNonNull(uid, "uid");
        }
    }

    /** A node's adapter closed: it will answer no more requests. */
    record AdapterClose(String uid) implements ClusterMessage {
        public AdapterClose {
            Objects.requireNonNull(uid, "uid");
        }
    }
}
