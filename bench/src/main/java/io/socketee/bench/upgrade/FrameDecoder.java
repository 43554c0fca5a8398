package io.socketee.bench.upgrade;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes the client's side of an RFC 6455 connection, fed with bytes as they arrive, in pieces of any size: frames
 * unmasked, fragmented messages reassembled up to a limit in bytes, text checked to be UTF-8 (over the whole message,
 * so a character split across frames is fine), control frames checked and handed over as they come, between the
 * fragments of a message too.
 *
 * <p>A violation ends decoding with {@link Sink#onProtocolError} and the close code to send: 1002 for an unmasked
 * frame, reserved bits or opcodes, a bad fragment sequence or control frame, 1009 for a message over the limit (said
 * as soon as a frame header announces it, before its payload is read), 1007 for text that is not UTF-8. A close
 * frame ends decoding too ({@link Sink#onClose}). After either, input is ignored.
 *
 * <p>Memory: a message that arrives whole in one {@link #feed} call is unmasked in place and delivered without a
 * copy of its own; only a message split across frames or reads is gathered, in a buffer sized to what the headers
 * announce (never past the limit) and dropped once delivered.
 *
 * <p>Not thread-safe: one connection's reads, one at a time (the container never runs two {@code onDataAvailable} of
 * one stream at once).
 */
final class FrameDecoder {

    /** What the decoder finds, called on the thread that feeds it. */
    interface Sink {
        void onText(String text);

        /** A buffer of its own: the receiver may keep it. */
        void onBinary(ByteBuffer data);

        void onPing(byte[] payload);

        void onPong(byte[] payload);

        /** The peer's close frame; {@code code} is {@link Frames#NO_STATUS} when it had none. */
        void onClose(int code, String reason);

        /** Decoding failed; close the connection with {@code closeCode}. */
        void onProtocolError(int closeCode, String reason);
    }

    private static final int MAX_HEADER = 14;

    private final int maxMessageBytes;

    private final byte[] header = new byte[MAX_HEADER];
    private int headerHave;
    /** The current frame, once its header is complete. */
    private boolean inPayload;
    private boolean fin;
    private int opcode;
    private int payloadLength;
    private int payloadHave;
    private final byte[] mask = new byte[4];

    /** The message being gathered: its opcode (TEXT or BINARY), 0 when none is. */
    private int messageOpcode;
    private byte[] message;
    private int messageLength;
    private byte[] control;

    private boolean done;

    FrameDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Whether decoding has ended (a close frame or an error): further input is ignored. */
    boolean done() {
        return done;
    }

    /**
     * Decodes {@code length} bytes of {@code bytes} from {@code offset}, calling {@code sink} for what they complete.
     * Unmasks in place: the caller's array is changed.
     *
     * @return false when decoding has ended
     */
    boolean feed(byte[] bytes, int offset, int length, Sink sink) {
        int pos = offset;
        int end = offset + length;
        while (!done) {
            if (!inPayload) {
                pos = readHeader(bytes, pos, end, sink);
                if (!inPayload) {
                    break;      // the header is incomplete (or failed)
                }
            }
            if (opcode >= Frames.CLOSE) {
                pos = readControl(bytes, pos, end, sink);
            } else {
                pos = readData(bytes, pos, end, sink);
            }
            if (inPayload) {
                break;          // the payload goes on in the next read
            }
            if (pos == end && !done) {
                break;
            }
        }
        return !done;
    }

    /** Reads header bytes; sets {@link #inPayload} once the header is complete and checked. */
    private int readHeader(byte[] bytes, int pos, int end, Sink sink) {
        while (pos < end) {
            header[headerHave++] = bytes[pos++];
            if (headerHave == 2 && !checkFirstTwo(sink)) {
                return pos;
            }
            if (headerHave >= 2 && headerHave == headerLength()) {
                startPayload(sink);
                return pos;
            }
        }
        return pos;
    }

    /** 2, 4 or 10 bytes, and the mask key (every client frame is masked: checked before this is used). */
    private int headerLength() {
        int code = header[1] & 0x7F;
        return (code < 126 ? 2 : code == 126 ? 4 : 10) + 4;
    }

    private boolean checkFirstTwo(Sink sink) {
        int b0 = header[0] & 0xFF;
        int b1 = header[1] & 0xFF;
        fin = (b0 & 0x80) != 0;
        opcode = b0 & 0x0F;
        if ((b0 & 0x70) != 0) {
            return fail(sink, Frames.PROTOCOL_ERROR, "reserved bits set (no extension was negotiated)");
        }
        if ((b1 & 0x80) == 0) {
            return fail(sink, Frames.PROTOCOL_ERROR, "unmasked client frame");
        }
        switch (opcode) {
            case Frames.CONTINUATION -> {
                if (messageOpcode == 0) {
                    return fail(sink, Frames.PROTOCOL_ERROR, "continuation frame without a message to continue");
                }
            }
            case Frames.TEXT, Frames.BINARY -> {
                if (messageOpcode != 0) {
                    return fail(sink, Frames.PROTOCOL_ERROR, "new message inside a fragmented one");
                }
            }
            case Frames.CLOSE, Frames.PING, Frames.PONG -> {
                if (!fin || (b1 & 0x7F) > Frames.MAX_CONTROL_PAYLOAD) {
                    return fail(sink, Frames.PROTOCOL_ERROR, "fragmented or oversized control frame");
                }
            }
            default -> {
                return fail(sink, Frames.PROTOCOL_ERROR, "reserved opcode " + opcode);
            }
        }
        return true;
    }

    private void startPayload(Sink sink) {
        int code = header[1] & 0x7F;
        long length;
        int maskAt;
        if (code < 126) {
            length = code;
            maskAt = 2;
        } else if (code == 126) {
            length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            maskAt = 4;
        } else {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xFF);
            }
            if (length < 0) {
                fail(sink, Frames.PROTOCOL_ERROR, "64-bit length with its most significant bit set");
                return;
            }
            maskAt = 10;
        }
        System.arraycopy(header, maskAt, mask, 0, 4);
        headerHave = 0;
        if (opcode < Frames.CLOSE && length > (long) maxMessageBytes - messageLength) {
            fail(sink, Frames.MESSAGE_TOO_BIG, "message over " + maxMessageBytes + " bytes");
            return;
        }
        payloadLength = (int) length;
        payloadHave = 0;
        inPayload = true;
        if (opcode != Frames.CONTINUATION && opcode < Frames.CLOSE && !fin) {
            messageOpcode = opcode;
        }
    }

    private int readData(byte[] bytes, int pos, int end, Sink sink) {
        int available = end - pos;
        boolean wholeMessageHere = fin && opcode != Frames.CONTINUATION && payloadHave == 0
                && available >= payloadLength;
        if (wholeMessageHere) {
            // the usual case: one frame, one read; unmask in place and deliver from the caller's array
            unmask(bytes, pos, payloadLength, 0);
            inPayload = false;
            deliver(opcode, bytes, pos, payloadLength, sink);
            return pos + payloadLength;
        }
        int messageType = opcode == Frames.CONTINUATION ? messageOpcode : opcode;
        if (payloadHave == 0) {
            reserve(payloadLength);
        }
        int take = Math.min(available, payloadLength - payloadHave);
        System.arraycopy(bytes, pos, message, messageLength, take);
        unmask(message, messageLength, take, payloadHave);
        messageLength += take;
        payloadHave += take;
        pos += take;
        if (payloadHave < payloadLength) {
            return pos;
        }
        inPayload = false;
        if (fin) {
            byte[] whole = message;
            int wholeLength = messageLength;
            message = null;
            messageLength = 0;
            messageOpcode = 0;
            deliver(messageType, whole, 0, wholeLength, sink);
        } else if (opcode != Frames.CONTINUATION) {
            messageOpcode = opcode;
        }
        return pos;
    }

    /** Room for {@code more} bytes of the message: exactly, as the announced length is known; never past the limit. */
    private void reserve(int more) {
        int needed = messageLength + more;
        if (message == null) {
            message = new byte[fin ? needed : Math.min(maxMessageBytes, Math.max(needed, 1024))];
        } else if (message.length < needed) {
            int grown = fin ? needed : Math.min(maxMessageBytes, Math.max(needed, message.length * 2));
            message = Arrays.copyOf(message, grown);
        }
    }

    private void deliver(int type, byte[] bytes, int offset, int length, Sink sink) {
        if (type == Frames.TEXT) {
            if (!Utf8.isValid(bytes, offset, length)) {
                fail(sink, Frames.INVALID_PAYLOAD, "text message that is not UTF-8");
                return;
            }
            sink.onText(new String(bytes, offset, length, StandardCharsets.UTF_8));
        } else {
            sink.onBinary(ByteBuffer.wrap(Arrays.copyOfRange(bytes, offset, offset + length)));
        }
    }

    private int readControl(byte[] bytes, int pos, int end, Sink sink) {
        if (control == null) {
            control = new byte[Frames.MAX_CONTROL_PAYLOAD];
        }
        int take = Math.min(end - pos, payloadLength - payloadHave);
        System.arraycopy(bytes, pos, control, payloadHave, take);
        unmask(control, payloadHave, take, payloadHave);
        payloadHave += take;
        pos += take;
        if (payloadHave < payloadLength) {
            return pos;
        }
        inPayload = false;
        byte[] payload = Arrays.copyOf(control, payloadLength);
        switch (opcode) {
            case Frames.PING -> sink.onPing(payload);
            case Frames.PONG -> sink.onPong(payload);
            default -> closeFrame(payload, sink);
        }
        return pos;
    }

    private void closeFrame(byte[] payload, Sink sink) {
        if (payload.length == 0) {
            done = true;
            sink.onClose(Frames.NO_STATUS, "");
            return;
        }
        if (payload.length == 1) {
            fail(sink, Frames.PROTOCOL_ERROR, "close frame with a 1-byte payload");
            return;
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!Frames.validReceivedCode(code)) {
            fail(sink, Frames.PROTOCOL_ERROR, "close code " + code + " may not be sent");
            return;
        }
        if (!Utf8.isValid(payload, 2, payload.length - 2)) {
            fail(sink, Frames.INVALID_PAYLOAD, "close reason that is not UTF-8");
            return;
        }
        done = true;
        sink.onClose(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }

    /** XORs with the mask key; {@code maskOffset} is the position of {@code bytes[offset]} in the frame's payload. */
    private void unmask(byte[] bytes, int offset, int length, int maskOffset) {
        for (int i = 0; i < length; i++) {
            bytes[offset + i] ^= mask[(maskOffset + i) & 3];
        }
    }

    private boolean fail(Sink sink, int closeCode, String reason) {
        done = true;
        inPayload = false;
        message = null;
        sink.onProtocolError(closeCode, reason);
        return false;
    }
}
