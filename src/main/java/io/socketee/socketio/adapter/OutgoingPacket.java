package io.socketee.socketio.adapter;

import io.socketee.engineio.protocol.Packet;
import io.socketee.socketio.protocol.SocketIoParser;
import io.socketee.socketio.protocol.SocketIoVersion;
import io.socketee.socketio.protocol.WireMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Socket.IO packet on its way to clients, encoded once into the Engine.IO messages that carry it. The same instance
 * is written to every recipient of a broadcast: an adapter makes one and hands it to {@link AdapterHost#deliver} for
 * each socket. The encoding is made by the first {@link #messages(SocketIoParser)} and kept for the parser it was made
 * with (every client of a server shares one parser, so a broadcast is encoded once).
 *
 * <p>Immutable as far as callers can tell, and safe to share between threads: the kept encoding is published through a
 * volatile field, and two threads asking at once for the first time may both encode (the results are equal).
 */
public final class OutgoingPacket {
    private final io.socketee.socketio.protocol.Packet packet;
    private final SocketIoVersion version;
    /** The encoding made last, with the parser it was made by. */
    private volatile Encoding encoding;

    private OutgoingPacket(io.socketee.socketio.protocol.Packet packet, SocketIoVersion version) {
        this.packet = Objects.requireNonNull(packet, "packet");
        this.version = Objects.requireNonNull(version, "version");
    }

    /**
     * A packet for any client. Events, acks and disconnects read the same in protocol v4 and v5, so one encoding serves
     * every client; only CONNECT replies and errors differ, and those are never broadcast.
     */
    public static OutgoingPacket of(io.socketee.socketio.protocol.Packet packet) {
        return new OutgoingPacket(packet, SocketIoVersion.V5);
    }

    /** A packet for clients of one protocol version: CONNECT replies and errors, which v4 and v5 write apart. */
    public static OutgoingPacket of(io.socketee.socketio.protocol.Packet packet, SocketIoVersion version) {
        return new OutgoingPacket(packet, version);
    }

    /** The packet. */
    public io.socketee.socketio.protocol.Packet packet() {
        return packet;
    }

    /**
     * The Engine.IO messages, in order, as {@code parser} writes the packet; encoded on the first call for a parser and
     * kept.
     *
     * @throws IllegalArgumentException if the parser cannot write the packet (see {@link SocketIoParser#encode})
     */
    public List<Packet> messages(SocketIoParser parser) {
        Encoding kept = encoding;
        if (kept != null && kept.parser == parser) {
            return kept.messages;
        }
        List<WireMessage> wire = parser.encode(packet, version);
        List<Packet> messages = new ArrayList<>(wire.size());
        for (WireMessage message : wire) {
            messages.add(message instanceof WireMessage.Text text ? Packet.message(text.text())
                    : Packet.message(((WireMessage.Bytes) message).bytes()));
        }
        Encoding made = new Encoding(parser, List.copyOf(messages));
        encoding = made;
        return made.messages;
    }

    private record Encoding(SocketIoParser parser, List<Packet> messages) {
    }
}
