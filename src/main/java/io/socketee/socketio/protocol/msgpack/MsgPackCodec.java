package io.socketee.socketio.protocol.msgpack;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.socketio.protocol.Binary;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A small MessagePack codec between the bytes {@code notepack.io} writes and JSON-P trees: the Socket.IO msgpack
 * parser ({@code socket.io-msgpack-parser}, notepack 2.x) and the Redis adapter's messages (notepack 3.x) both use it.
 * Nothing is ever deserialised as a Java object: the decoder builds JSON-P values only.
 *
 * <p>Mapping: nil, booleans, integers, floats, strings, arrays and maps as their JSON counterparts; bin (a Node
 * {@code Buffer}, a browser {@code ArrayBuffer}) as {@link Binary}, both ways; a Node {@code Date} (notepack 2's
 * fixext 8 of type 0, or the timestamp extension of type -1) as its ISO-8601 string, as {@code JSON.stringify} would
 * give; notepack's {@code undefined} (fixext 1, type 0) as null and its {@code ArrayBuffer} extension (ext 8/16/32 of
 * type 0, what notepack in Node writes for an {@code ArrayBuffer} or a typed array) as {@link Binary}; other
 * extensions as {@code [type, <bytes>]}, as notepack decodes them. NaN and infinities decode as null. Integer map keys
 * become their decimal text; other non-string keys are an error.
 *
 * <p>Encoding follows notepack: integers in their shortest form, other numbers as float 64, strings as fixstr/str
 * 8/16/32 of their UTF-8 bytes, {@link Binary} as bin 8/16/32, arrays and maps in their shortest header, map entries in
 * the object's order.
 *
 * <p>Decoding is bounded: nesting deeper than {@code maxDepth} is an error, and every length (of a string, a bin, an
 * extension, and the element count of an array or a map) is checked against the bytes left before anything is
 * allocated for it, so a value never takes more than the bytes it came in (each element takes at least one byte). Bad
 * input is reported as {@link MsgPackException} only. Thread-safe (stateless).
 */
public final class MsgPackCodec {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    /** What {@code Date.prototype.toJSON} gives. */
    private static final DateTimeFormatter JS_DATE_JSON =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private MsgPackCodec() {
    }

    // ------------------------------------------------------------------ encoding

    /** The msgpack bytes of a JSON-P value ({@link Binary} as bin). */
    public static byte[] encode(JsonValue value) {
        Out out = new Out();
        write(value, out);
        return out.toByteArray();
    }

    private static void write(JsonValue value, Out out) {
        if (value instanceof Binary binary) {
            writeBin(binary.bytes(), out);
            return;
        }
        switch (value.getValueType()) {
            case NULL -> out.write(0xc0);
            case TRUE -> out.write(0xc3);
            case FALSE -> out.write(0xc2);
            case STRING -> writeString(((JsonString) value).getString(), out);
            case NUMBER -> writeNumber((JsonNumber) value, out);
            case ARRAY -> {
                JsonArray array = (JsonArray) value;
                writeHeader(array.size(), 0x90, 0x10, 0xdc, 0xdd, out);
                for (JsonValue element : array) {
                    write(element, out);
                }
            }
            case OBJECT -> {
                JsonObject object = (JsonObject) value;
                writeHeader(object.size(), 0x80, 0x10, 0xde, 0xdf, out);
                for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                    writeString(entry.getKey(), out);
                    write(entry.getValue(), out);
                }
            }
            default -> throw new IllegalArgumentException("unexpected JSON value " + value.getValueType());
        }
    }

    private static void writeHeader(int size, int fix, int fixLimit, int code16, int code32, Out out) {
        if (size < fixLimit) {
            out.write(fix | size);
        } else if (size < 0x10000) {
            out.write(code16);
            out.writeShort(size);
        } else {
            out.write(code32);
            out.writeInt(size);
        }
    }

    private static void writeString(String s, Out out) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int n = utf8.length;
        if (n < 0x20) {
            out.write(0xa0 | n);
        } else if (n < 0x100) {
            out.write(0xd9);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0xda);
            out.writeShort(n);
        } else {
            out.write(0xdb);
            out.writeInt(n);
        }
        out.write(utf8, 0, n);
    }

    private static void writeBin(byte[] bytes, Out out) {
        int n = bytes.length;
        if (n < 0x100) {
            out.write(0xc4);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0xc5);
            out.writeShort(n);
        } else {
            out.write(0xc6);
            out.writeInt(n);
        }
        out.write(bytes, 0, n);
    }

    private static void writeNumber(JsonNumber number, Out out) {
        BigDecimal decimal = number.bigDecimalValue();
        long integral;
        try {
            integral = decimal.longValueExact();
        } catch (ArithmeticException e) {
            writeDouble(decimal.doubleValue(), out);
            return;
        }
        writeLong(integral, out);
    }

    private static void writeLong(long v, Out out) {
        if (v >= 0) {
            if (v < 0x80) {
                out.write((int) v);
            } else if (v < 0x100) {
                out.write(0xcc);
                out.write((int) v);
            } else if (v < 0x10000) {
                out.write(0xcd);
                out.writeShort((int) v);
            } else if (v < 0x100000000L) {
                out.write(0xce);
                out.writeInt((int) v);
            } else {
                out.write(0xcf);
                out.writeLong(v);
            }
        } else if (v >= -0x20) {
            out.write((int) v & 0xff);
        } else if (v >= -0x80) {
            out.write(0xd0);
            out.write((int) v & 0xff);
        } else if (v >= -0x8000) {
            out.write(0xd1);
            out.writeShort((int) v);
        } else if (v >= -0x80000000L) {
            out.write(0xd2);
            out.writeInt((int) v);
        } else {
            out.write(0xd3);
            out.writeLong(v);
        }
    }

    private static void writeDouble(double d, Out out) {
        out.write(0xcb);
        out.writeLong(Double.doubleToLongBits(d));
    }

    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(256);
        }

        void writeShort(int v) {
            write(v >>> 8);
            write(v);
        }

        void writeInt(int v) {
            writeShort(v >>> 16);
            writeShort(v);
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes one msgpack value filling all of {@code bytes}.
     *
     * @param maxDepth deepest nesting of arrays and maps accepted
     * @throws MsgPackException on malformed input, trailing bytes, or a limit broken
     */
    public static JsonValue decode(byte[] bytes, int maxDepth) throws MsgPackException {
        In in = new In(bytes, maxDepth);
        JsonValue value;
        try {
            value = in.read(0);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new MsgPackException("msgpack: truncated input");
        } catch (NumberFormatException | ArithmeticException e) {
            throw new MsgPackException("msgpack: bad number", e);
        } catch (java.time.DateTimeException e) {
            throw new MsgPackException("msgpack: timestamp out of range", e);
        }
        if (in.pos != bytes.length) {
            throw new MsgPackException("msgpack: " + (bytes.length - in.pos) + " trailing bytes");
        }
        return value;
    }

    private static final class In {
        private final byte[] b;
        private final int maxDepth;
        private int pos;

        In(byte[] bytes, int maxDepth) {
            this.b = bytes;
            this.maxDepth = maxDepth;
        }

        private int u8() throws MsgPackException {
            need(1);
            return b[pos++] & 0xff;
        }

        private int u16() throws MsgPackException {
            return (u8() << 8) | u8();
        }

        private long u32() throws MsgPackException {
            return ((long) u16() << 16) | u16();
        }

        private long i64() throws MsgPackException {
            return (u32() << 32) | u32();
        }

        private void need(long n) throws MsgPackException {
            if (n < 0 || n > b.length - pos) {
                throw new MsgPackException("msgpack: length " + n + " beyond the " + (b.length - pos)
                        + " bytes left");
            }
        }

        private int length(long n) throws MsgPackException {
            need(n); // every length is bounded by the bytes left (each element takes at least one byte)
            return (int) n;
        }

        JsonValue read(int depth) throws MsgPackException {
            int prefix = u8();
            if (prefix <= 0x7f) {
                return PROVIDER.createValue(prefix);
            }
            if (prefix >= 0xe0) {
                return PROVIDER.createValue((byte) prefix);
            }
            if (prefix <= 0x8f) {
                return map(prefix & 0x0f, depth);
            }
            if (prefix <= 0x9f) {
                return array(prefix & 0x0f, depth);
            }
            if (prefix <= 0xbf) {
                return string(prefix & 0x1f);
            }
            switch (prefix) {
                case 0xc0: return JsonValue.NULL;
                case 0xc2: return JsonValue.FALSE;
                case 0xc3: return JsonValue.TRUE;
                case 0xc4: return bin(u8());
                case 0xc5: return bin(u16());
                case 0xc6: return bin(length(u32()));
                case 0xc7: return ext(u8(), depth);
                case 0xc8: return ext(u16(), depth);
                case 0xc9: return ext(length(u32()), depth);
                case 0xca: return number(Float.intBitsToFloat((int) u32()));
                case 0xcb: return number(Double.longBitsToDouble(i64()));
                case 0xcc: return PROVIDER.createValue(u8());
                case 0xcd: return PROVIDER.createValue(u16());
                case 0xce: return PROVIDER.createValue(u32());
                case 0xcf: {
                    long v = i64();
                    return v >= 0 ? PROVIDER.createValue(v) : PROVIDER.createValue(BigInteger.valueOf(v).add(TWO_64));
                }
                case 0xd0: return PROVIDER.createValue((byte) u8());
                case 0xd1: return PROVIDER.createValue((short) u16());
                case 0xd2: return PROVIDER.createValue((int) u32());
                case 0xd3: return PROVIDER.createValue(i64());
                case 0xd4: return fixext(1, depth);
                case 0xd5: return fixext(2, depth);
                case 0xd6: return fixext(4, depth);
                case 0xd7: return fixext(8, depth);
                case 0xd8: return fixext(16, depth);
                case 0xd9: return string(u8());
                case 0xda: return string(u16());
                case 0xdb: return string(length(u32()));
                case 0xdc: return array(u16(), depth);
                case 0xdd: return array(length(u32()), depth);
                case 0xde: return map(u16(), depth);
                case 0xdf: return map(length(u32()), depth);
                default: throw new MsgPackException("msgpack: unknown prefix 0x" + Integer.toHexString(prefix));
            }
        }

        private JsonValue number(double d) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return JsonValue.NULL; // as JSON.stringify writes them
            }
            if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
                return PROVIDER.createValue((long) d);
            }
            return PROVIDER.createValue(d);
        }

        private byte[] bytes(int n) throws MsgPackException {
            need(n);
            byte[] out = new byte[n];
            System.arraycopy(b, pos, out, 0, n);
            pos += n;
            return out;
        }

        private JsonValue bin(int n) throws MsgPackException {
            return Binary.of(bytes(n));
        }

        private JsonValue string(int n) throws MsgPackException {
            need(n);
            String s;
            try {
                s = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)
                        .decode(java.nio.ByteBuffer.wrap(b, pos, n)).toString();
            } catch (CharacterCodingException e) {
                throw new MsgPackException("msgpack: bad UTF-8", e);
            }
            pos += n;
            return PROVIDER.createValue(s);
        }

        private String key(int depth) throws MsgPackException {
            JsonValue key = read(depth);
            if (key instanceof JsonString s && !(key instanceof Binary)) {
                return s.getString();
            }
            if (key instanceof JsonNumber n && n.isIntegral()) {
                return n.toString();
            }
            throw new MsgPackException("msgpack: map key of type " + key.getValueType());
        }

        private JsonValue array(int n, int depth) throws MsgPackException {
            checkDepth(depth);
            need(n);
            JsonArrayBuilder array = PROVIDER.createArrayBuilder();
            for (int i = 0; i < n; i++) {
                array.add(read(depth + 1));
            }
            return array.build();
        }

        private JsonValue map(int n, int depth) throws MsgPackException {
            checkDepth(depth);
            need(2L * n);
            JsonObjectBuilder object = PROVIDER.createObjectBuilder();
            for (int i = 0; i < n; i++) {
                String key = key(depth + 1);
                object.add(key, read(depth + 1));
            }
            return object.build();
        }

        private void checkDepth(int depth) throws MsgPackException {
            if (depth >= maxDepth) {
                throw new MsgPackException("msgpack: nesting deeper than " + maxDepth);
            }
        }

        private JsonValue fixext(int n, int depth) throws MsgPackException {
            int type = (byte) u8();
            if (n == 1 && type == 0) {
                u8(); // notepack's undefined
                return JsonValue.NULL;
            }
            if (n == 8 && type == 0) { // notepack 2's Date: milliseconds since the epoch, as a signed 64-bit integer
                return PROVIDER.createValue(JS_DATE_JSON.format(Instant.ofEpochMilli(i64())));
            }
            return extBody(type, n, depth);
        }

        private JsonValue ext(int n, int depth) throws MsgPackException {
            int type = (byte) u8();
            if (type == 0) {
                return bin(n); // notepack's legacy ArrayBuffer encoding
            }
            return extBody(type, n, depth);
        }

        private JsonValue extBody(int type, int n, int depth) throws MsgPackException {
            if (type == -1 && (n == 4 || n == 8 || n == 12)) {
                return PROVIDER.createValue(JS_DATE_JSON.format(timestamp(n)));
            }
            checkDepth(depth); // the [type, data] array is one level of nesting too
            byte[] data = bytes(n);
            return PROVIDER.createArrayBuilder().add(type).add(Binary.of(data)).build();
        }

        private Instant timestamp(int n) throws MsgPackException {
            if (n == 4) {
                return Instant.ofEpochSecond(u32());
            }
            if (n == 8) {
                long v = i64();
                return Instant.ofEpochSecond(v & 0x3ffffffffL, v >>> 34);
            }
            long nanos = u32();
            return Instant.ofEpochSecond(i64(), nanos);
        }
    }
}
