package io.socketee.engineio.protocol;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Encodes and decodes single Engine.IO packets: WebSocket frames, and the packets inside polling payloads.
 *
 * <p>The two generations differ only for binary data: over a WebSocket, v4 sends the raw bytes while v3 puts a
 * {@code 0x04} type byte in front; in text form (polling, or a client without binary support), v4 writes
 * {@code b<base64>} and v3 writes {@code b4<base64>}.
 */
public final class PacketCodec {
    private static final byte MESSAGE_BYTE = 4;

    private PacketCodec() {
    }

    /** The text form of a packet: type character and data, or the base64 form of binary data. */
    public static String encodeText(Packet packet, ProtocolVersion version) {
        if (packet instanceof Packet.Text text) {
            return text.frame();
        }
        return base64Prefix(version) + Base64.getEncoder().encodeToString(((Packet.Binary) packet).data());
    }

    /** A WebSocket binary frame for binary data. */
    public static ByteBuffer encodeBinaryFrame(Packet.Binary packet, ProtocolVersion version) {
        byte[] data = packet.data();
        if (version == ProtocolVersion.V4) {
            return ByteBuffer.wrap(data).asReadOnlyBuffer();
        }
        ByteBuffer frame = ByteBuffer.allocate(data.length + 1);
        frame.put(MESSAGE_BYTE).put(data).flip();
        return frame;
    }

    /** Decodes the text form of one packet (a text WebSocket frame, or one packet of a payload). */
    public static Packet decodeText(CharSequence encoded, ProtocolVersion version) throws DecodeException {
        if (encoded.isEmpty()) {
            throw new DecodeException("empty packet");
        }
        char first = encoded.charAt(0);
        if (first == 'b') {
            int start = 1;
            if (version == ProtocolVersion.V3) {
                if (encoded.length() < 2 || encoded.charAt(1) != PacketType.MESSAGE.code()) {
                    throw new DecodeException("base64 packet must be a message");
                }
                start = 2;
            }
            return new Packet.Binary(decodeBase64(encoded.subSequence(start, encoded.length())));
        }
        PacketType type = PacketType.fromCode(first);
        String frame = encoded.toString();
        return new Packet.Text(type, frame.substring(1), frame);
    }

    /** Decodes a binary WebSocket frame. */
    public static Packet decodeBinaryFrame(ByteBuffer frame, ProtocolVersion version) throws DecodeException {
        ByteBuffer data = frame.duplicate();
        if (version == ProtocolVersion.V3) {
            if (!data.hasRemaining()) {
                throw new DecodeException("empty binary frame");
            }
            PacketType type = PacketType.fromByte(data.get());
            if (type != PacketType.MESSAGE) {
                throw new DecodeException("binary frame must be a message");
            }
        }
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return new Packet.Binary(bytes);
    }

    /**
     * Decodes standard base64. Line breaks are skipped, as Node's decoder skips them: the Java client
     * ({@code io.socket:engine.io-client} 2.x) wraps its base64 in lines of 76 characters, each ending with {@code \n}.
     */
    static byte[] decodeBase64(CharSequence base64) throws DecodeException {
        String text = base64.toString();
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            text = text.replace("\r", "").replace("\n", "");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("invalid base64 data");
        }
    }

    private static String base64Prefix(ProtocolVersion version) {
        return version == ProtocolVersion.V3 ? "b4" : "b";
    }
}
