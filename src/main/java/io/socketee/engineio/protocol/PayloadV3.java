package io.socketee.engineio.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Engine.IO v3 polling payloads, in their two framings.
 *
 * <ul>
 *   <li>String framing: {@code <length>:<packet>} repeated, the length counting UTF-16 code units (JavaScript's
 *       {@code string.length}); binary packets in their {@code b4<base64>} form. An empty payload is {@code 0:}.</li>
 *   <li>XHR2 binary framing: per packet a marker byte ({@code 0} string, {@code 1} binary), the length as one byte per
 *       decimal digit, {@code 0xFF}, then the packet. String lengths count UTF-8 bytes; a binary packet starts with
 *       the raw type byte {@code 0x04}, which its length includes.</li>
 * </ul>
 */
public final class PayloadV3 {
    private static final int STRING_MARKER = 0;
    private static final int BINARY_MARKER = 1;
    private static final int LENGTH_END = 0xFF;
    /** More digits than any body we accept could need; stops absurd length fields early. */
    private static final int MAX_LENGTH_DIGITS = 10;

    private PayloadV3() {
    }

    /** Whether a batch needs the binary framing for a client that supports it. */
    public static boolean hasBinary(List<Packet> packets) {
        for (Packet p : packets) {
            if (p instanceof Packet.Binary) {
                return true;
            }
        }
        return false;
    }

    public static String encodeString(List<Packet> packets) {
        if (packets.isEmpty()) {
            return "0:";
        }
        StringBuilder out = new StringBuilder();
        for (Packet packet : packets) {
            String text = PacketCodec.encodeText(packet, ProtocolVersion.V3);
            out.append(text.length()).append(':').append(text);
        }
        return out.toString();
    }

    public static byte[] encodeBinary(List<Packet> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Packet packet : packets) {
            if (packet instanceof Packet.Binary binary) {
                byte[] data = binary.data();
                writeHeader(out, BINARY_MARKER, data.length + 1);
                out.write(PacketType.MESSAGE.ordinal());
                out.write(data, 0, data.length);
            } else {
                byte[] utf8 = PacketCodec.encodeText(packet, ProtocolVersion.V3).getBytes(StandardCharsets.UTF_8);
                writeHeader(out, STRING_MARKER, utf8.length);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toByteArray();
    }

    private static void writeHeader(ByteArrayOutputStream out, int marker, int length) {
        out.write(marker);
        String digits = Integer.toString(length);
        for (int i = 0; i < digits.length(); i++) {
            out.write(digits.charAt(i) - '0');
        }
        out.write(LENGTH_END);
    }

    public static List<Packet> decodeString(String payload) throws DecodeException {
        List<Packet> packets = new ArrayList<>();
        int i = 0;
        int n = payload.length();
        if (n == 0) {
            throw new DecodeException("empty payload");
        }
        while (i < n) {
            int colon = payload.indexOf(':', i);
            if (colon < 0) {
                throw new DecodeException("payload length without ':'");
            }
            int length = parseLength(payload, i, colon);
            int start = colon + 1;
            if (length > n - start) {
                throw new DecodeException("payload length beyond the end of the payload");
            }
            if (length > 0) {
                packets.add(PacketCodec.decodeText(payload.subSequence(start, start + length), ProtocolVersion.V3));
            }
            i = start + length;
        }
        return packets;
    }

    private static int parseLength(String payload, int from, int to) throws DecodeException {
        if (from == to || to - from > MAX_LENGTH_DIGITS) {
            throw new DecodeException("invalid payload length");
        }
        long value = 0;
        for (int j = from; j < to; j++) {
            char c = payload.charAt(j);
            if (c < '0' || c > '9') {
                throw new DecodeException("invalid payload length");
            }
            value = value * 10 + (c - '0');
        }
        if (value > Integer.MAX_VALUE) {
            throw new DecodeException("invalid payload length");
        }
        return (int) value;
    }

    public static List<Packet> decodeBinary(byte[] payload) throws DecodeException {
        List<Packet> packets = new ArrayList<>();
        int i = 0;
        if (payload.length == 0) {
            throw new DecodeException("empty payload");
        }
        while (i < payload.length) {
            int marker = payload[i++] & 0xFF;
            if (marker != STRING_MARKER && marker != BINARY_MARKER) {
                throw new DecodeException("invalid binary payload marker");
            }
            long length = 0;
            int digits = 0;
            while (true) {
                if (i >= payload.length) {
                    throw new DecodeException("binary payload length without end");
                }
                int b = payload[i++] & 0xFF;
                if (b == LENGTH_END) {
                    break;
                }
                if (b > 9 || ++digits > MAX_LENGTH_DIGITS) {
                    throw new DecodeException("invalid binary payload length");
                }
                length = length * 10 + b;
            }
            if (digits == 0 || length > payload.length - i) {
                throw new DecodeException("invalid binary payload length");
            }
            int len = (int) length;
            if (marker == STRING_MARKER) {
                packets.add(PacketCodec.decodeText(utf8(payload, i, len), ProtocolVersion.V3));
            } else {
                packets.add(PacketCodec.decodeBinaryFrame(ByteBuffer.wrap(payload, i, len), ProtocolVersion.V3));
            }
            i += len;
        }
        return packets;
    }

    /** Strict UTF-8: malformed bytes are a {@link DecodeException}, never replaced. */
    static String utf8(byte[] bytes, int offset, int length) throws DecodeException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException("invalid UTF-8 in payload");
        }
    }
}
