package io.socketee.socketio.protocol;

import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes {@link Packet}s into their wire form,
 * {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON payload>]} plus the binary attachments.
 *
 * <p>The namespace appears only when it is not {@code /}, always followed by {@code ,}. Every {@link Binary} in the data
 * of an {@link Packet.Event} or {@link Packet.Ack} is replaced, depth first and in document order, by
 * {@code {"_placeholder":true,"num":i}} and its bytes become attachment {@code i}; the packet then goes out as
 * BINARY_EVENT or BINARY_ACK with the attachment count. JSON is compact and keeps key order, so a decoded packet
 * re-encodes to the text it came from ({@code 42["message",1,"2",{"3":[true]}]} round-trips byte for byte).
 *
 * <p>Stateless; safe from any thread.
 */
public final class PacketEncoder {
    private PacketEncoder() {
    }

    /**
     * The wire form of {@code packet} for clients speaking {@code version}.
     *
     * @throws IllegalArgumentException if the packet cannot be sent in that version: a v4 query on a v5 CONNECT, a v5
     *     CONNECT_ERROR whose payload is neither an object nor a string, or a {@link Binary} outside EVENT and ACK data
     */
    public static EncodedPacket encode(Packet packet, SocketIoVersion version) {
        String namespace = packet.namespace();
        long ackId = -1; // none
        JsonValue data = null; // none
        boolean binaryAllowed = false;
        if (packet instanceof Packet.Connect connect) {
            if (connect.query().isPresent()) {
                if (version != SocketIoVersion.V4) {
                    throw new IllegalArgumentException("a CONNECT query string is a v4 feature");
                }
                namespace = namespace + '?' + connect.query().get();
            }
            data = connect.data().orElse(null);
        } else if (packet instanceof Packet.Disconnect) {
            data = null;
        } else if (packet instanceof Packet.Event event) {
            ackId = event.ackId().orElse(-1);
            data = event.data();
            binaryAllowed = true;
        } else if (packet instanceof Packet.Ack ack) {
            ackId = ack.ackId();
            data = ack.data();
            binaryAllowed = true;
        } else {
            Packet.ConnectError error = (Packet.ConnectError) packet;
            JsonValue.ValueType kind = error.data().getValueType();
            if (version == SocketIoVersion.V5 && kind != JsonValue.ValueType.OBJECT
                    && kind != JsonValue.ValueType.STRING) {
                throw new IllegalArgumentException("a v5 CONNECT_ERROR payload must be an object or a string");
            }
            data = error.data();
        }

        // One buffer and one copy: the payload is written after a gap that holds any header, since only the payload
        // tells whether there are attachments; the header then goes at the end of the gap.
        List<byte[]> attachments = binaryAllowed ? new ArrayList<>(0) : null;
        int gap = namespace.length() + MAX_HEADER_WITHOUT_NAMESPACE;
        StringBuilder text = new StringBuilder(gap + INITIAL_PAYLOAD_CAPACITY);
        text.setLength(gap);
        if (data != null) {
            JsonText.write(data, text, attachments);
        }
        PacketType type = packet.type();
        boolean binary = attachments != null && !attachments.isEmpty();
        if (binaryAllowed) {
            // the type follows what was found while writing, not a second walk of the tree
            type = packet instanceof Packet.Event
                    ? (binary ? PacketType.BINARY_EVENT : PacketType.EVENT)
                    : (binary ? PacketType.BINARY_ACK : PacketType.ACK);
        }
        String header = String.valueOf(type.code());
        if (binary) {
            header += attachments.size() + "-";
        }
        if (!Packet.MAIN_NAMESPACE.equals(namespace)) {
            header += namespace + ",";
        }
        if (ackId >= 0) {
            header += ackId;
        }
        int start = gap - header.length();
        text.replace(start, gap, header);
        return new EncodedPacket(text.substring(start), binary ? attachments : List.of());
    }

    /** The type, an attachment count and its dash, the comma after the namespace, an ack id. */
    private static final int MAX_HEADER_WITHOUT_NAMESPACE = 1 + 11 + 1 + 20;
    /** Room for a small event's payload without growing the buffer. */
    private static final int INITIAL_PAYLOAD_CAPACITY = 128;
}
