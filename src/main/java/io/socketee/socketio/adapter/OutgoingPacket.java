package io.socketee.socketio.adapter;

import io.socketee.engineio.protocol.Packet;
import io.socketee.socketio.protocol.EncodedPacket;
import io.socketee.socketio.protocol.PacketEncoder;
import io.socketee.socketio.protocol.SocketIoVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * A Socket.IO packet encoded once into the Engine.IO messages that carry it (the text, then one binary message per
 * attachment). The same instance is written to every recipient of a broadcast: an adapter encodes a packet once and
 * hands it to {@link AdapterHost#deliver} for each socket. Immutable.
 */
public final class OutgoingPacket {
    private final io.socketee.socketio.protocol.Packet packet;
    private final List<Packet> messages;

    private OutgoingPacket(io.socketee.socketio.protocol.Packet packet, List<Packet> messages) {
        this.packet = packet;
        this.messages = messages;
    }

    /**
     * Encodes a packet. Events, acks and disconnects read the same in protocol v4 and v5, so one encoding serves
     * every client; only CONNECT replies and errors differ, and those are never broadcast.
     */
    public static OutgoingPacket of(io.socketee.socketio.protocol.Packet packet) {
        return of(packet, SocketIoVersion.V5);
    }

    /** Encodes a packet for clients of one protocol version: CONNECT replies and errors, which v4 and v5 write apart. */
    public static OutgoingPacket of(io.socketee.socketio.protocol.Packet packet, SocketIoVersion version) {
        EncodedPacket encoded = PacketEncoder.encode(packet, version);
        if (!encoded.hasAttachments()) {
            return new OutgoingPacket(packet, List.of(Packet.message(encoded.text())));
        }
        List<Packet> messages = new ArrayList<>(1 + encoded.attachments().size());
        messages.add(Packet.message(encoded.text()));
        for (byte[] attachment : encoded.attachments()) {
            messages.add(Packet.message(attachment));
        }
        return new OutgoingPacket(packet, List.copyOf(messages));
    }

    /** The packet. */
    public io.socketee.socketio.protocol.Packet packet() {
        return packet;
    }

    /** The Engine.IO messages, in order. */
    public List<Packet> messages() {
        return messages;
    }
}
