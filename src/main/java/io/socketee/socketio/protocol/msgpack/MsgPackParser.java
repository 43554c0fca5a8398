package io.socketee.socketio.protocol.msgpack;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.socketio.protocol.Binary;
import io.socketee.socketio.protocol.Packet;
import io.socketee.socketio.protocol.PacketType;
import io.socketee.socketio.protocol.SocketIoDecodeException;
import io.socketee.socketio.protocol.SocketIoParser;
import io.socketee.socketio.protocol.SocketIoVersion;
import io.socketee.socketio.protocol.WireMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The msgpack parser, wire-compatible with {@code socket.io-msgpack-parser} 3.x (the parser of the
 * {@code socket.io.msgpack.min.js} bundle): every packet is one MessagePack map {@code {type, data, id, nsp}} sent as
 * one binary Engine.IO message (one binary WebSocket frame, one binary packet of a polling payload).
 *
 * <p>The map holds {@code type} (0 CONNECT, 1 DISCONNECT, 2 EVENT, 3 ACK, 4 CONNECT_ERROR; BINARY_EVENT and BINARY_ACK
 * do not exist here), {@code nsp} (always, {@code /} included), {@code data} (absent for DISCONNECT and a CONNECT
 * without payload) and {@code id} (an event's or an ack's id, when there is one). Binary values travel in place, as
 * msgpack bin: there are no placeholders and no attachments, so {@link Binary} may stand anywhere. The server writes
 * the keys in the order the Node server's objects have them; it reads them in any order and ignores keys it does not
 * know (the client adds {@code options}). Values map to JSON-P as {@link MsgPackCodec} says.
 *
 * <p>Validation follows the Node parser's {@code checkPacket} and the default parser's rules: a known type, a
 * namespace string starting with {@code /} without {@code ,}, data allowed for the type (CONNECT: an object or
 * nothing; DISCONNECT: nothing; EVENT: a non-empty array starting with a string or a number; ACK: an array, with an
 * id; CONNECT_ERROR: an object or a string in v5, anything in v4), and an id only on EVENT and ACK, a non-negative
 * integer. notepack's {@code undefined} counts as absent. A text message is an error. Limits: nesting no deeper than
 * {@link #maxDepth()}; every length is checked against the bytes of the message before anything is allocated for it,
 * so what one message decodes to is bounded by its size, which Engine.IO bounds ({@code maxHttpBufferSize}).
 *
 * <p>Protocol v4 clients (socket.io 2.x) get the same layout; a v4 CONNECT's query string stays in its namespace
 * ({@code /admin?token=1}), as the 2.x text form has it.
 *
 * <p>Immutable and safe from any thread; each decoder is stateless (every message is a whole packet).
 */
public final class MsgPackParser implements SocketIoParser {
    /** The default limit of nesting of arrays and maps in a packet (the packet's own map included). */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private static final MsgPackParser DEFAULT = new MsgPackParser(DEFAULT_MAX_DEPTH);

    private final int maxDepth;

    private MsgPackParser(int maxDepth) {
        if (maxDepth < 2) {
            throw new IllegalArgumentException("maxDepth must be at least 2 (the packet and its data)");
        }
        this.maxDepth = maxDepth;
    }

    /** The parser with the default limits. */
    public static MsgPackParser create() {
        return DEFAULT;
    }

    /** A parser accepting nesting of arrays and maps up to {@code maxDepth} levels, the packet's map included. */
    public static MsgPackParser create(int maxDepth) {
        return new MsgPackParser(maxDepth);
    }

    /** The deepest nesting of arrays and maps a packet may have, its own map included. */
    public int maxDepth() {
        return maxDepth;
    }

    @Override
    public String name() {
        return "msgpack";
    }

    // ------------------------------------------------------------------ encoding

    /** One binary message: the msgpack map of the packet. */
    @Override
    public List<WireMessage> encode(Packet packet, SocketIoVersion version) {
        return List.of(WireMessage.bytes(MsgPackCodec.encode(toMap(packet, version))));
    }

    /** The packet as the map the Node server encodes, with its keys in the same order. */
    static JsonObject toMap(Packet packet, SocketIoVersion version) {
        Objects.requireNonNull(version, "version");
        JsonObjectBuilder map = PROVIDER.createObjectBuilder();
        String nsp = packet.namespace();
        if (packet instanceof Packet.Connect connect) {
            if (connect.query().isPresent()) {
                if (version != SocketIoVersion.V4) {
                    throw new IllegalArgumentException("a CONNECT query string is a v4 feature");
                }
                nsp = nsp + '?' + connect.query().get();
            }
            map.add("type", PacketType.CONNECT.code());
            connect.data().ifPresent(data -> map.add("data", data));
        } else if (packet instanceof Packet.Disconnect) {
            map.add("type", PacketType.DISCONNECT.code());
        } else if (packet instanceof Packet.Event event) {
            map.add("type", PacketType.EVENT.code()).add("data", event.data());
            event.ackId().ifPresent(id -> map.add("id", id));
        } else if (packet instanceof Packet.Ack ack) {
            map.add("id", ack.ackId()).add("type", PacketType.ACK.code()).add("data", ack.data());
        } else {
            Packet.ConnectError error = (Packet.ConnectError) packet;
            JsonValue.ValueType kind = error.data().getValueType();
            if (version == SocketIoVersion.V5 && (error.data() instanceof Binary
                    || kind != JsonValue.ValueType.OBJECT && kind != JsonValue.ValueType.STRING)) {
                throw new IllegalArgumentException("a v5 CONNECT_ERROR payload must be an object or a string");
            }
            map.add("type", PacketType.CONNECT_ERROR.code()).add("data", error.data());
        }
        return map.add("nsp", nsp).build();
    }

    // ------------------------------------------------------------------ decoding

    @Override
    public SocketIoParser.Decoder newDecoder(SocketIoVersion version, int maxAttachments) {
        return new Decoder(version, maxDepth);
    }

    /** Decodes one whole packet from each binary message. Stateless; not shared between connections all the same. */
    private static final class Decoder implements SocketIoParser.Decoder {
        private final SocketIoVersion version;
        private final int maxDepth;

        Decoder(SocketIoVersion version, int maxDepth) {
            this.version = Objects.requireNonNull(version, "version");
            this.maxDepth = maxDepth;
        }

        @Override
        public Optional<Packet> decodeText(String text) throws SocketIoDecodeException {
            throw new SocketIoDecodeException("text message to the msgpack parser");
        }

        @Override
        public Optional<Packet> decodeBinary(byte[] data) throws SocketIoDecodeException {
            JsonValue decoded;
            try {
                decoded = MsgPackCodec.decode(data, maxDepth);
            } catch (MsgPackException e) {
                throw new SocketIoDecodeException("invalid msgpack: " + e.getMessage());
            }
            try {
                return Optional.of(fromMap(decoded, version));
            } catch (IllegalArgumentException e) { // an invariant of a packet that the checks above let through
                throw new SocketIoDecodeException("invalid packet");
            }
        }

        @Override
        public void reset() {
            // nothing is kept between messages
        }
    }

    /** The packet a decoded msgpack value stands for. */
    static Packet fromMap(JsonValue decoded, SocketIoVersion version) throws SocketIoDecodeException {
        if (!(decoded instanceof JsonObject map)) {
            throw new SocketIoDecodeException("packet is not a map");
        }
        PacketType type = type(map.get("type"));
        if (!(map.get("nsp") instanceof JsonString nspValue) || nspValue instanceof Binary) {
            throw new SocketIoDecodeException("invalid namespace");
        }
        String nsp = nspValue.getString();
        if (!nsp.startsWith("/") || nsp.indexOf(',') >= 0) {
            throw new SocketIoDecodeException("invalid namespace");
        }
        JsonValue data = present(map.get("data"));
        OptionalLong id = id(present(map.get("id")));
        if (type != PacketType.EVENT && type != PacketType.ACK && id.isPresent()) {
            throw new SocketIoDecodeException("unexpected ack id");
        }
        switch (type) {
            case CONNECT: {
                if (data != null && (data.getValueType() != JsonValue.ValueType.OBJECT)) {
                    throw new SocketIoDecodeException("invalid CONNECT payload");
                }
                Optional<String> query = Optional.empty();
                int mark = nsp.indexOf('?');
                if (version == SocketIoVersion.V4 && mark >= 0) {
                    query = Optional.of(nsp.substring(mark + 1));
                    nsp = nsp.substring(0, mark);
                }
                return new Packet.Connect(nsp, Optional.ofNullable((JsonObject) data), query);
            }
            case DISCONNECT:
                if (data != null) {
                    throw new SocketIoDecodeException("invalid DISCONNECT payload");
                }
                return new Packet.Disconnect(nsp);
            case EVENT:
                if (!(data instanceof JsonArray array) || !isEventData(array)) {
                    throw new SocketIoDecodeException("invalid EVENT payload");
                }
                return new Packet.Event(nsp, id, array);
            case ACK:
                if (id.isEmpty()) {
                    throw new SocketIoDecodeException("ACK without ack id");
                }
                if (!(data instanceof JsonArray array)) {
                    throw new SocketIoDecodeException("invalid ACK payload");
                }
                return new Packet.Ack(nsp, id.getAsLong(), array);
            default: // CONNECT_ERROR
                if (data == null || version == SocketIoVersion.V5 && (data instanceof Binary
                        || data.getValueType() != JsonValue.ValueType.OBJECT
                        && data.getValueType() != JsonValue.ValueType.STRING)) {
                    throw new SocketIoDecodeException("invalid CONNECT_ERROR payload");
                }
                return new Packet.ConnectError(nsp, data);
        }
    }

    /** notepack's undefined decodes as null: both mean absent here. */
    private static JsonValue present(JsonValue value) {
        return value == null || value == JsonValue.NULL ? null : value;
    }

    private static PacketType type(JsonValue value) throws SocketIoDecodeException {
        if (value instanceof JsonNumber number && number.isIntegral()) {
            BigDecimal code = number.bigDecimalValue();
            if (code.signum() >= 0 && code.compareTo(BigDecimal.valueOf(PacketType.CONNECT_ERROR.code())) <= 0) {
                return PacketType.fromCode(code.intValueExact());
            }
        }
        throw new SocketIoDecodeException("invalid packet type");
    }

    private static OptionalLong id(JsonValue value) throws SocketIoDecodeException {
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            BigDecimal id = number.bigDecimalValue();
            if (id.signum() >= 0 && id.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                return OptionalLong.of(id.longValueExact());
            }
        }
        throw new SocketIoDecodeException("invalid ack id");
    }

    /** Non-empty, the first element a string or a number (as {@link Packet.Event} requires). */
    private static boolean isEventData(JsonArray data) {
        if (data.isEmpty()) {
            return false;
        }
        JsonValue first = data.get(0);
        return (first instanceof JsonString && !(first instanceof Binary)) || first instanceof JsonNumber;
    }

    @Override
    public String toString() {
        return "SocketIoParser[msgpack, maxDepth " + maxDepth + "]";
    }
}
