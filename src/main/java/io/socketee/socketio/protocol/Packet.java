package io.socketee.socketio.protocol;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Socket.IO packet, one variant per kind: {@link Connect}, {@link Disconnect}, {@link Event}, {@link Ack},
 * {@link ConnectError}. BINARY_EVENT and BINARY_ACK are not separate variants: an {@link Event} or {@link Ack} whose
 * data holds a {@link Binary} is sent as one ({@link #type()} tells which).
 *
 * <p>Immutable (JSON-P values are immutable; {@link Binary} shares its array, see there) and safe to share between
 * threads: one packet may be encoded once and sent to many clients. Constructors check the invariants the decoder checks
 * on the wire, and throw {@link IllegalArgumentException} or {@link NullPointerException} when they do not hold.
 *
 * <p>Namespaces start with {@code /} and contain no {@code ,} (the separator on the wire); {@value #MAIN_NAMESPACE} is
 * the main namespace, which the text form leaves out.
 */
public sealed interface Packet permits Packet.Connect, Packet.Disconnect, Packet.Event, Packet.Ack, Packet.ConnectError {

    /** The main namespace. */
    String MAIN_NAMESPACE = "/";

    /** The wire type of this packet. */
    PacketType type();

    /** The namespace the packet belongs to. */
    String namespace();

    /** A CONNECT without payload. */
    static Connect connect(String namespace) {
        return new Connect(namespace, Optional.empty(), Optional.empty());
    }

    /** A CONNECT with a payload: the client's {@code auth} (v5), or the server's reply {@code {"sid":…}}. */
    static Connect connect(String namespace, JsonObject data) {
        return new Connect(namespace, Optional.of(data), Optional.empty());
    }

    /** The v5 server's answer to a successful CONNECT: {@code {"sid":"…"}}. */
    static Connect connectReply(String namespace, String sid) {
        return connect(namespace, JsonText.BUILDERS.createObjectBuilder().add("sid", sid).build());
    }

    /** A DISCONNECT. */
    static Disconnect disconnect(String namespace) {
        return new Disconnect(namespace);
    }

    /** An EVENT without ack id; {@code data} is {@code ["name", args…]}. */
    static Event event(String namespace, JsonArray data) {
        return new Event(namespace, OptionalLong.empty(), data);
    }

    /** An EVENT asking for an acknowledgement with id {@code ackId}. */
    static Event event(String namespace, long ackId, JsonArray data) {
        return new Event(namespace, OptionalLong.of(ackId), data);
    }

    /** An EVENT without ack id named {@code name}, with arguments {@code args} ({@link Binary} allowed). */
    static Event event(String namespace, String name, JsonValue... args) {
        JsonArrayBuilder builder = JsonText.BUILDERS.createArrayBuilder().add(name);
        for (JsonValue arg : args) {
            builder.add(arg);
        }
        return event(namespace, builder.build());
    }

    /** An ACK answering the event with id {@code ackId}; {@code data} is the list of answer arguments. */
    static Ack ack(String namespace, long ackId, JsonArray data) {
        return new Ack(namespace, ackId, data);
    }

    /** A CONNECT_ERROR (v4: ERROR) with the payload as given. */
    static ConnectError connectError(String namespace, JsonValue data) {
        return new ConnectError(namespace, data);
    }

    /**
     * The refusal of a CONNECT with a message, in the form each version uses: {@code {"message":"…"}} in v5, the plain
     * string {@code "…"} in v4.
     */
    static ConnectError connectError(String namespace, String message, SocketIoVersion version) {
        JsonValue data = version == SocketIoVersion.V5
                ? JsonText.BUILDERS.createObjectBuilder().add("message", message).build()
                : PROVIDER.createValue(message);
        return new ConnectError(namespace, data);
    }

    /**
     * CONNECT (0): a client joins a namespace, or the server accepts the join.
     *
     * @param namespace the namespace, without any query string
     * @param data the payload: the client's auth object, the v5 server's {@code {"sid":…}}; empty when absent
     * @param query v4 only: the query string a socket.io 2.x client appends to the namespace
     *     ({@code 0/admin?token=1,} gives {@code token=1}), without the {@code ?}; empty when absent
     */
    record Connect(String namespace, Optional<JsonObject> data, Optional<String> query) implements Packet {
        public Connect {
            checkNamespace(namespace);
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(query, "query");
            if (query.isPresent() && (namespace.indexOf('?') >= 0 || query.get().indexOf(',') >= 0)) {
                throw new IllegalArgumentException("a namespace with a query may not contain '?', nor the query ','");
            }
        }

        @Override
        public PacketType type() {
            return PacketType.CONNECT;
        }

        /** The {@code sid} string of the payload, as in the v5 server's reply; empty when there is none. */
        public Optional<String> sid() {
            return data.map(d -> d.get("sid")).filter(JsonString.class::isInstance)
                    .map(s -> ((JsonString) s).getString());
        }
    }

    /** DISCONNECT (1): one side leaves a namespace. No payload. */
    record Disconnect(String namespace) implements Packet {
        public Disconnect {
            checkNamespace(namespace);
        }

        @Override
        public PacketType type() {
            return PacketType.DISCONNECT;
        }
    }

    /**
     * EVENT (2), or BINARY_EVENT (5) when {@code data} holds a {@link Binary}.
     *
     * @param ackId the id the receiver must answer with an {@link Ack}; empty when no answer is wanted
     * @param data {@code ["name", args…]}: non-empty, the first element a string (not a {@link Binary}) or a number,
     *     as the Node parser accepts
     */
    record Event(String namespace, OptionalLong ackId, JsonArray data) implements Packet {
        public Event {
            checkNamespace(namespace);
            Objects.requireNonNull(ackId, "ackId");
            ackId.ifPresent(Packet::checkAckId);
            Objects.requireNonNull(data, "data");
            if (!isEventData(data)) {
                throw new IllegalArgumentException("event data must be a non-empty array starting with the name");
            }
        }

        /** {@link PacketType#BINARY_EVENT} if the data holds a {@link Binary}, else {@link PacketType#EVENT}. */
        @Override
        public PacketType type() {
            return hasBinary() ? PacketType.BINARY_EVENT : PacketType.EVENT;
        }

        /** The event name: the first element of the data, or the text of a number there. */
        public String name() {
            JsonValue first = data.get(0);
            return first instanceof JsonString s ? s.getString() : ((JsonNumber) first).toString();
        }

        /** The arguments after the name (a view of the data). */
        public List<JsonValue> arguments() {
            return data.subList(1, data.size());
        }

        /** Whether a {@link Binary} occurs anywhere in the data (a walk of the tree). */
        public boolean hasBinary() {
            return JsonText.containsBinary(data);
        }
    }

    /**
     * ACK (3), or BINARY_ACK (6) when {@code data} holds a {@link Binary}.
     *
     * @param ackId the id of the event being answered
     * @param data the answer's arguments, possibly empty
     */
    record Ack(String namespace, long ackId, JsonArray data) implements Packet {
        public Ack {
            checkNamespace(namespace);
            checkAckId(ackId);
            Objects.requireNonNull(data, "data");
        }

        /** {@link PacketType#BINARY_ACK} if the data holds a {@link Binary}, else {@link PacketType#ACK}. */
        @Override
        public PacketType type() {
            return hasBinary() ? PacketType.BINARY_ACK : PacketType.ACK;
        }

        /** Whether a {@link Binary} occurs anywhere in the data (a walk of the tree). */
        public boolean hasBinary() {
            return JsonText.containsBinary(data);
        }
    }

    /**
     * CONNECT_ERROR (4; ERROR in v4): the server refuses a CONNECT.
     *
     * @param data v5: an object, usually {@code {"message":"…","data":…}}, or a string; v4: any JSON value, usually a
     *     string. {@link PacketEncoder} checks the v5 rule.
     */
    record ConnectError(String namespace, JsonValue data) implements Packet {
        public ConnectError {
            checkNamespace(namespace);
            Objects.requireNonNull(data, "data");
        }

        @Override
        public PacketType type() {
            return PacketType.CONNECT_ERROR;
        }

        /** The message: the payload if it is a string, else its {@code message} member if that is a string. */
        public Optional<String> message() {
            JsonValue message = data instanceof JsonObject object ? object.get("message") : data;
            return message instanceof JsonString s && !(message instanceof Binary)
                    ? Optional.of(s.getString()) : Optional.empty();
        }
    }

    private static void checkNamespace(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        if (!namespace.startsWith("/") || namespace.indexOf(',') >= 0) {
            throw new IllegalArgumentException("namespace must start with '/' and contain no ','");
        }
    }

    private static void checkAckId(long ackId) {
        if (ackId < 0) {
            throw new IllegalArgumentException("ack id must not be negative");
        }
    }

    /** Non-empty, first element a string or a number (what Node's parser accepts as an event name). */
    static boolean isEventData(JsonArray data) {
        if (data.isEmpty()) {
            return false;
        }
        JsonValue first = data.get(0);
        return (first instanceof JsonString && !(first instanceof Binary)) || first instanceof JsonNumber;
    }
}
