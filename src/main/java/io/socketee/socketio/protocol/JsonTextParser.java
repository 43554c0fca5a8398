package io.socketee.socketio.protocol;

import java.util.ArrayList;
import java.util.List;

/** {@link SocketIoParser#json()}: the text form of {@code socket.io-parser}. Stateless, one instance. */
final class JsonTextParser implements SocketIoParser {
    static final JsonTextParser INSTANCE = new JsonTextParser();

    private JsonTextParser() {
    }

    @Override
    public String name() {
        return "default";
    }

    @Override
    public List<WireMessage> encode(Packet packet, SocketIoVersion version) {
        EncodedPacket encoded = PacketEncoder.encode(packet, version);
        if (!encoded.hasAttachments()) {
            return List.of(WireMessage.text(encoded.text()));
        }
        List<WireMessage> messages = new ArrayList<>(1 + encoded.attachments().size());
        messages.add(WireMessage.text(encoded.text()));
        for (byte[] attachment : encoded.attachments()) {
            messages.add(WireMessage.bytes(attachment));
        }
        return List.copyOf(messages);
    }

    @Override
    public Decoder newDecoder(SocketIoVersion version, int maxAttachments) {
        return PacketDecoder.create(version, maxAttachments);
    }

    @Override
    public String toString() {
        return "SocketIoParser[default]";
    }
}
