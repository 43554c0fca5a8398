package io.socketee.socketio.protocol;

import java.util.List;
import java.util.Optional;

/**
 * How a server writes and reads Socket.IO packets: the seam of Node's {@code parser} server option. The Socket.IO layer
 * sees packets only; a parser turns each into the Engine.IO messages that carry it, and gives every connection a
 * {@link Decoder} that turns the messages it receives back into packets. Client and server must use the same parser.
 *
 * <p>Two parsers exist: {@link #json()}, the default ({@code socket.io-parser}: JSON text plus binary attachments,
 * {@link PacketEncoder} and {@link PacketDecoder}), and {@code MsgPackParser} in
 * {@link io.socketee.socketio.protocol.msgpack} (wire-compatible with {@code socket.io-msgpack-parser}). One is chosen
 * per server ({@code SocketIoConfig.parser}).
 *
 * <p><b>Threading.</b> A parser is immutable and used from any thread: {@link #encode} may be called concurrently,
 * and its result is shared by every recipient of a broadcast (encoded once per parser). A {@link Decoder} belongs to
 * one connection and is called by one thread at a time, in message order.
 */
public interface SocketIoParser {

    /** The default parser, that of {@code socket.io-parser}: {@link PacketEncoder} and {@link PacketDecoder}. */
    static SocketIoParser json() {
        return JsonTextParser.INSTANCE;
    }

    /** A short name for logs and configuration: {@code default} for {@link #json()}, {@code msgpack}. */
    String name();

    /**
     * The Engine.IO messages that carry {@code packet} to a client speaking {@code version}, in order. The returned list
     * is immutable and may be sent to any number of clients of that version.
     *
     * @throws IllegalArgumentException if the packet cannot be written by this parser in that version
     */
    List<WireMessage> encode(Packet packet, SocketIoVersion version);

    /**
     * A decoder for one connection speaking {@code version}.
     *
     * @param maxAttachments the most binary attachments one packet may announce, for a parser that has attachments
     */
    Decoder newDecoder(SocketIoVersion version, int maxAttachments);

    /**
     * Reads the packets of one connection from its Engine.IO messages. Not thread-safe: called by one thread at a time,
     * in message order. Malformed input raises {@link SocketIoDecodeException} and nothing else; the caller then closes
     * the connection.
     */
    interface Decoder {
        /**
         * Decodes a text message.
         *
         * @return the packet, or empty if the message began a packet that is not complete yet
         */
        Optional<Packet> decodeText(String text) throws SocketIoDecodeException;

        /**
         * Decodes a binary message. The array is kept, not copied; the caller must not change it.
         *
         * @return the packet, or empty if the packet is not complete yet
         */
        Optional<Packet> decodeBinary(byte[] data) throws SocketIoDecodeException;

        /** Drops a partly received packet, if any (on error, and when the connection closes). */
        void reset();
    }
}
