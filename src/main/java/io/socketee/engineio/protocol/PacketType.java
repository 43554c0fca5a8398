package io.socketee.engineio.protocol;

/**
 * Engine.IO packet types with their wire characters (the same in protocol v3 and v4).
 */
public enum PacketType {
    OPEN('0'),
    CLOSE('1'),
    PING('2'),
    PONG('3'),
    MESSAGE('4'),
    UPGRADE('5'),
    NOOP('6');

    private static final PacketType[] BY_DIGIT = values();

    private final char code;

    PacketType(char code) {
        this.code = code;
    }

    /** The character that starts a packet of this type on the wire. */
    public char code() {
        return code;
    }

    /** The type whose wire character is {@code c}. */
    public static PacketType fromCode(char c) throws DecodeException {
        int digit = c - '0';
        if (digit < 0 || digit >= BY_DIGIT.length) {
            throw new DecodeException("unknown packet type '" + printable(c) + "'");
        }
        return BY_DIGIT[digit];
    }

    /** The type whose wire byte is {@code b} (raw binary type bytes in EIO=3 are 0..6, not digits). */
    static PacketType fromByte(int b) throws DecodeException {
        if (b < 0 || b >= BY_DIGIT.length) {
            throw new DecodeException("unknown binary packet type " + b);
        }
        return BY_DIGIT[b];
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
