package io.socketee.bench.upgrade;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * RFC 6455 frames as the server writes them: final, unmasked (section 5.1: a server never masks), one array holding
 * header and payload so that each frame is one container write. Stateless; any thread.
 */
final class Frames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** Close codes of section 7.4.1. */
    static final int NORMAL_CLOSURE = 1000;
    static final int GOING_AWAY = 1001;
    static final int PROTOCOL_ERROR = 1002;
    /** Never on the wire: a close frame without a code (section 7.1.5). */
    static final int NO_STATUS = 1005;
    static final int INVALID_PAYLOAD = 1007;
    static final int MESSAGE_TOO_BIG = 1009;
    static final int INTERNAL_ERROR = 1011;

    static final int MAX_CONTROL_PAYLOAD = 125;

    private Frames() {
    }

    static byte[] text(String text) {
        return frame(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] binary(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        int length = view.remaining();
        int header = headerLength(length);
        byte[] frame = new byte[header + length];
        writeHeader(frame, BINARY, length);
        view.get(frame, header, length);
        return frame;
    }

    /** A close frame; {@link #NO_STATUS} gives the empty payload. The reason is cut to fit 123 bytes. */
    static byte[] close(int code, String reason) {
        if (code == NO_STATUS) {
            return frame(CLOSE, new byte[0]);
        }
        byte[] why = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int whyLength = Math.min(why.length, MAX_CONTROL_PAYLOAD - 2);
        while (whyLength > 0 && whyLength < why.length && (why[whyLength] & 0xC0) == 0x80) {
            whyLength--;    // never cut inside a character
        }
        byte[] payload = new byte[2 + whyLength];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(why, 0, payload, 2, whyLength);
        return frame(CLOSE, payload);
    }

    static byte[] pong(byte[] payload) {
        return frame(PONG, payload);
    }

    static byte[] frame(int opcode, byte[] payload) {
        int header = headerLength(payload.length);
        byte[] frame = new byte[header + payload.length];
        writeHeader(frame, opcode, payload.length);
        System.arraycopy(payload, 0, frame, header, payload.length);
        return frame;
    }

    /** 2 bytes, then a 16-bit length from 126 bytes on, a 64-bit one from 65,536 on (section 5.2). */
    static int headerLength(int payloadLength) {
        return payloadLength < 126 ? 2 : payloadLength < 65_536 ? 4 : 10;
    }

    private static void writeHeader(byte[] frame, int opcode, int length) {
        frame[0] = (byte) (0x80 | opcode);  // FIN, no RSV bits: no extension is negotiated
        if (length < 126) {
            frame[1] = (byte) length;
        } else if (length < 65_536) {
            frame[1] = 126;
            frame[2] = (byte) (length >> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            long l = length;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) (l >> (56 - 8 * i));
            }
        }
    }

    /** Whether a peer may send {@code code} in a close frame (section 7.4; 1012–1014 registered with IANA since). */
    static boolean validReceivedCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
