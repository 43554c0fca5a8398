package io.socketee.socketio.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decodes the Socket.IO packets of one connection, reassembling binary packets from their text and attachments.
 *
 * <p>Feed it every Engine.IO message of the connection in order: text messages to {@link #decodeText(String)}, binary
 * messages to {@link #decodeBinary(byte[])}. A BINARY_EVENT or BINARY_ACK announcing {@code n} attachments yields
 * nothing until the next {@code n} binary messages have arrived; then the placeholders are replaced by {@link Binary}
 * values and the packet comes out as an {@link Packet.Event} or {@link Packet.Ack}.
 *
 * <p>Validation follows the Node parser ({@code socket.io-parser}): the type must be known; a namespace starts with
 * {@code /} and ends at the first {@code ,} or at the end of the text (so {@code 41/custom} is accepted); the ack id is
 * decimal digits; the rest must be exactly one JSON value, allowed for the type: CONNECT an object or nothing,
 * DISCONNECT nothing, EVENT a non-empty array starting with a string or a number, ACK an array (and, here, an ack id),
 * CONNECT_ERROR an object or a string (v5) or any value (v4). Stricter than Node on purpose: an empty text, an ack id on
 * CONNECT, DISCONNECT or CONNECT_ERROR, and a placeholder in a packet announcing no attachments are errors too.
 * Reserved event names ({@code connect}, {@code disconnect}…) are left to the layer above. Attachments are limited to
 * {@link #maxAttachments()} per packet (Node's {@code maxAttachments}, default {@value #DEFAULT_MAX_ATTACHMENTS}).
 *
 * <p>Any violation throws {@link SocketIoDecodeException}, after which the decoder is {@linkplain #reset() reset}; the
 * caller is expected to close the connection.
 *
 * <p>Not thread-safe: one decoder per connection, called by one thread at a time in message order (as an Engine.IO
 * session delivers messages). It holds at most one partial packet and at most {@link #maxAttachments()} attachments,
 * whose arrays it keeps without copying.
 */
public final class PacketDecoder implements SocketIoParser.Decoder {
    /** The default limit of attachments per packet, as in the Node parser. */
    public static final int DEFAULT_MAX_ATTACHMENTS = 10;

    private final SocketIoVersion version;
    private final int maxAttachments;

    // the binary packet being reassembled, if any
    private Header pending;
    private JsonArray pendingData;
    private List<byte[]> received;

    private PacketDecoder(SocketIoVersion version, int maxAttachments) {
        this.version = Objects.requireNonNull(version, "version");
        if (maxAttachments < 0) {
            throw new IllegalArgumentException("maxAttachments must not be negative");
        }
        this.maxAttachments = maxAttachments;
    }

    /** A decoder for {@code version} allowing {@value #DEFAULT_MAX_ATTACHMENTS} attachments per packet. */
    public static PacketDecoder create(SocketIoVersion version) {
        return new PacketDecoder(version, DEFAULT_MAX_ATTACHMENTS);
    }

    /** A decoder for {@code version} allowing at most {@code maxAttachments} attachments per packet. */
    public static PacketDecoder create(SocketIoVersion version, int maxAttachments) {
        return new PacketDecoder(version, maxAttachments);
    }

    /** The protocol version this decoder reads. */
    public SocketIoVersion version() {
        return version;
    }

    /** The largest number of attachments a packet may announce. */
    public int maxAttachments() {
        return maxAttachments;
    }

    /** Whether a binary packet has been announced and some of its attachments are still to come. */
    public boolean awaitingAttachments() {
        return pending != null;
    }

    /** Drops a partly received binary packet, if any (on error, and when the connection closes). */
    @Override
    public void reset() {
        pending = null;
        pendingData = null;
        received = null;
    }

    /**
     * Decodes a text message.
     *
     * @return the packet, or empty if it is a binary packet whose attachments are still to come
     * @throws SocketIoDecodeException if the text is malformed, or arrives while attachments are awaited
     */
    @Override
    public Optional<Packet> decodeText(String text) throws SocketIoDecodeException {
        Objects.requireNonNull(text, "text");
        if (pending != null) {
            reset();
            throw new SocketIoDecodeException("text packet while awaiting attachments");
        }
        try {
            return parse(text);
        } catch (SocketIoDecodeException e) {
            reset();
            throw e;
        }
    }

    /**
     * Decodes a binary message: the next attachment of the binary packet being reassembled. The array is kept, not
     * copied; the caller must not change it.
     *
     * @return the completed packet after its last attachment, else empty
     * @throws SocketIoDecodeException if no attachment is awaited, or a placeholder names no attachment
     */
    @Override
    public Optional<Packet> decodeBinary(byte[] attachment) throws SocketIoDecodeException {
        Objects.requireNonNull(attachment, "attachment");
        if (pending == null) {
            throw new SocketIoDecodeException("binary data while no attachment is awaited");
        }
        received.add(attachment);
        if (received.size() < pending.attachments) {
            return Optional.empty();
        }
        try {
            return Optional.of(complete(pending, pendingData, received));
        } finally {
            reset();
        }
    }

    private Optional<Packet> parse(String s) throws SocketIoDecodeException {
        if (s.isEmpty()) {
            throw new SocketIoDecodeException("empty packet");
        }
        int length = s.length();
        PacketType type = PacketType.fromCode(isDigit(s.charAt(0)) ? s.charAt(0) - '0' : -1);
        int i = 1;

        int attachments = 0;
        if (type.isBinary()) {
            int start = i;
            while (i < length && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start || i == length || s.charAt(i) != '-') {
                throw new SocketIoDecodeException("invalid attachment count");
            }
            attachments = parseCount(s, start, i);
            i++;
        }

        String namespace = Packet.MAIN_NAMESPACE;
        if (i < length && s.charAt(i) == '/') {
            int comma = s.indexOf(',', i);
            int end = comma < 0 ? length : comma;
            namespace = s.substring(i, end);
            i = comma < 0 ? length : comma + 1;
        }

        OptionalLong ackId = OptionalLong.empty();
        int idStart = i;
        while (i < length && isDigit(s.charAt(i))) {
            i++;
        }
        if (i > idStart) {
            ackId = OptionalLong.of(parseAckId(s, idStart, i));
        }

        JsonValue data = i < length ? JsonText.parse(s.substring(i)) : null;
        Header header = new Header(type, namespace, ackId, attachments);
        if (type.isBinary()) {
            JsonArray array = (JsonArray) checkPayload(header, data);
            if (attachments == 0) {
                return Optional.of(complete(header, array, List.of()));
            }
            pending = header;
            pendingData = array;
            received = new ArrayList<>(attachments);
            return Optional.empty();
        }
        return Optional.of(build(header, checkPayload(header, data)));
    }

    /** Checks the payload against the packet type; returns it (null when absent). */
    private JsonValue checkPayload(Header header, JsonValue data) throws SocketIoDecodeException {
        switch (header.type) {
            case CONNECT:
                noAckId(header);
                if (data != null && data.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new SocketIoDecodeException("invalid CONNECT payload");
                }
                return data;
            case DISCONNECT:
                noAckId(header);
                if (data != null) {
                    throw new SocketIoDecodeException("invalid DISCONNECT payload");
                }
                return null;
            case EVENT:
            case BINARY_EVENT:
                if (!(data instanceof JsonArray array) || !Packet.isEventData(array)) {
                    throw new SocketIoDecodeException("invalid EVENT payload");
                }
                return data;
            case ACK:
            case BINARY_ACK:
                if (header.ackId.isEmpty()) {
                    throw new SocketIoDecodeException("ACK without ack id");
                }
                if (!(data instanceof JsonArray)) {
                    throw new SocketIoDecodeException("invalid ACK payload");
                }
                return data;
            case CONNECT_ERROR:
                noAckId(header);
                if (data == null || version == SocketIoVersion.V5
                        && data.getValueType() != JsonValue.ValueType.OBJECT
                        && data.getValueType() != JsonValue.ValueType.STRING) {
                    throw new SocketIoDecodeException("invalid CONNECT_ERROR payload");
                }
                return data;
            default:
                throw new SocketIoDecodeException("unknown packet type");
        }
    }

    private Packet build(Header header, JsonValue data) {
        switch (header.type) {
            case CONNECT: {
                String namespace = header.namespace;
                Optional<String> query = Optional.empty();
                int mark = namespace.indexOf('?');
                if (version == SocketIoVersion.V4 && mark >= 0) {
                    query = Optional.of(namespace.substring(mark + 1));
                    namespace = namespace.substring(0, mark);
                }
                return new Packet.Connect(namespace, Optional.ofNullable((JsonObject) data), query);
            }
            case DISCONNECT:
                return new Packet.Disconnect(header.namespace);
            case EVENT:
            case BINARY_EVENT:
                return new Packet.Event(header.namespace, header.ackId, (JsonArray) data);
            case ACK:
            case BINARY_ACK:
                return new Packet.Ack(header.namespace, header.ackId.getAsLong(), (JsonArray) data);
            default:
                return new Packet.ConnectError(header.namespace, data);
        }
    }

    private Packet complete(Header header, JsonArray data, List<byte[]> attachments) throws SocketIoDecodeException {
        return build(header, JsonText.reconstruct(data, attachments));
    }

    private static void noAckId(Header header) throws SocketIoDecodeException {
        if (header.ackId.isPresent()) {
            throw new SocketIoDecodeException("unexpected ack id");
        }
    }

    private int parseCount(String s, int start, int end) throws SocketIoDecodeException {
        long count = 0;
        for (int i = start; i < end; i++) {
            count = count * 10 + (s.charAt(i) - '0');
            if (count > maxAttachments) {
                throw new SocketIoDecodeException("too many attachments");
            }
        }
        return (int) count;
    }

    private static long parseAckId(String s, int start, int end) throws SocketIoDecodeException {
        try {
            return Long.parseLong(s, start, end, 10);
        } catch (NumberFormatException e) {
            throw new SocketIoDecodeException("invalid ack id");
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** What the text before the payload says. */
    private record Header(PacketType type, String namespace, OptionalLong ackId, int attachments) {
    }
}
