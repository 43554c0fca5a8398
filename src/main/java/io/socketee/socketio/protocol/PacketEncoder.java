package io.socketee.socketio.protocol;

import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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
        OptionalLong ackId = OptionalLong.empty();
        Optional<? extends JsonValue> data;
        boolean binaryAllowed = false;
        if (packet instanceof Packet.Connect connect) {
            if (connect.query().isPresent()) {
                if (version != SocketIoVersion.V4) {
                    throw new IllegalArgumentException("a CONNECT query string is a v4 feature");
                }
                namespace = namespace + '?' + connect.query().get();
            }
            data = connect.data();
        } else if (packet instanceof Packet.Disconnect) {
            data = Optional.empty();
        } else if (packet instanceof Packet.Event event) {
            ackId = event.ackId();
            data = Optional.of(event.data());
            binaryAllowed = true;
        } else if (packet instanceof Packet.Ack ack) {
            ackId = OptionalLong.of(ack.ackId());
            data = Optional.of(ack.data());
            binaryAllowed = true;
        } else {
            Packet.ConnectError error = (Packet.ConnectError) packet;
            JsonValue.ValueType kind = error.data().getValueType();
            if (version == SocketIoVersion.V5 && kind != JsonValue.ValueType.OBJECT
                    && kind != JsonValue.ValueType.STRING) {
                throw new IllegalArgumentException("a v5 CONNECT_ERROR payload must be an object or a string");
            }
            data = Optional.of(error.data());
        }

        List<byte[]> attachments = binaryAllowed ? new ArrayList<>(0) : null;
        StringBuilder payload = new StringBuilder();
        if (data.isPresent()) {
            JsonText.write(data.get(), payload, attachments);
        }

        StringBuilder text = new StringBuilder(payload.length() + namespace.length() + 24);
        PacketType type = packet.type();
        boolean binary = attachments != null && !attachments.isEmpty();
        if (binaryAllowed) {
            // the type follows what was found while writing, not a second walk of the tree
            type = packet instanceof Packet.Event
                    ? (binary ? PacketType.BINARY_EVENT : PacketType.EVENT)
                    : (binary ? PacketType.BINARY_ACK : PacketType.ACK);
        }
        text.append(type.code());
        if (binary) {
            text.append(attachments.size()).append('-');
        }
        if (!Packet.MAIN_NAMESPACE.equals(namespace)) {
            text.append(namespace).append(',');
        }
        ackId.ifPresent(text::append);
        text.append(payload);
        return new EncodedPacket(text.toString(), binary ? attachments : List.of());
    }
}
