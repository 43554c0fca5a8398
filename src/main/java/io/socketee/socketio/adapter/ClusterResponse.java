package io.socketee.socketio.adapter;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A node's answer to a {@link ClusterMessage} that asked for one, whatever the wire (Node's {@code ClusterResponse}).
 * {@code uid} is the answering node, empty when the backend's wire does not say (then answers are counted, not
 * matched to nodes). Immutable.
 */
public sealed interface ClusterResponse {

    /** The answering node, or empty. */
    String uid();

    /** The request answered. */
    String requestId();

    /**
     * The sockets a node selected, in Node's form {@code {id, handshake, rooms, data}}
     * ({@link ClusterAdapter#socketJson}).
     */
    record FetchSockets(String uid, String requestId, List<JsonObject> sockets) implements ClusterResponse {
        public FetchSockets {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(requestId, "requestId");
            sockets = List.copyOf(sockets);
        }
    }

    /** The rooms with sockets on a node. */
    record AllRooms(String uid, String requestId, Set<String> rooms) implements ClusterResponse {
        public AllRooms {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(requestId, "requestId");
            rooms = Set.copyOf(rooms);
        }
    }

    /** A node's answer to a server-side emit with acks: its first argument, empty when it answered without one. */
    record ServerSideEmit(String uid, String requestId, Optional<JsonValue> data) implements ClusterResponse {
        public ServerSideEmit {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(data, "data");
        }
    }

    /** How many of a node's clients a broadcast with acks reached. */
    record BroadcastClientCount(String uid, String requestId, int clientCount) implements ClusterResponse {
        public BroadcastClientCount {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(requestId, "requestId");
        }
    }

    /** One client's answer to a broadcast with acks (its first argument). */
    record BroadcastAck(String uid, String requestId, JsonValue answer) implements ClusterResponse {
        public BroadcastAck {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(answer, "answer");
        }
    }
}
