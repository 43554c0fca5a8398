package io.socketee.socketio.redis.internal;

import io.socketee.socketio.protocol.Binary;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON text of the messages the Node Redis adapter sends with {@code JSON.stringify} (most requests and
 * responses): compact, keys in insertion order, a {@link Binary} written as Node writes a {@code Buffer}
 * ({@code {"type":"Buffer","data":[…]}}). Parsing goes through JSON-P only. Thread-safe (stateless).
 */
public final class WireJson {
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private WireJson() {
    }

    /** The UTF-8 bytes of the compact JSON text of {@code value}. */
    public static byte[] encode(JsonValue value) {
        StringBuilder out = new StringBuilder(128);
        write(value, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses one JSON value filling {@code bytes}; depth is bounded by JSON-P's own limit. */
    public static JsonValue decode(byte[] bytes) throws WireFormatException {
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            throw new WireFormatException("JSON: " + e.getMessage(), e);
        } catch (JsonException | IllegalStateException e) {
            throw new WireFormatException("JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new WireFormatException("JSON: " + e, e);
        }
    }

    /** A message in either form, as the Node adapter tells them apart: JSON text when it starts with '{'. */
    public static JsonValue decodeAny(byte[] bytes, int maxDepth) throws WireFormatException {
        if (bytes.length > 0 && bytes[0] == '{') {
            return decode(bytes);
        }
        return MsgPack.decode(bytes, maxDepth);
    }

    private static void write(JsonValue value, StringBuilder out) {
        if (value instanceof Binary binary) {
            out.append("{\"type\":\"Buffer\",\"data\":[");
            byte[] bytes = binary.bytes();
            for (int i = 0; i < bytes.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(bytes[i] & 0xff);
            }
            out.append("]}");
            return;
        }
        switch (value.getValueType()) {
            case NULL -> out.append("null");
            case TRUE -> out.append("true");
            case FALSE -> out.append("false");
            case STRING -> writeString(((JsonString) value).getString(), out);
            case NUMBER -> writeNumber((JsonNumber) value, out);
            case ARRAY -> {
                out.append('[');
                boolean first = true;
                for (JsonValue element : (JsonArray) value) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(element, out);
                }
                out.append(']');
            }
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> entry : ((JsonObject) value).entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeString(entry.getKey(), out);
                    out.append(':');
                    write(entry.getValue(), out);
                }
                out.append('}');
            }
            default -> throw new IllegalArgumentException("unexpected JSON value " + value.getValueType());
        }
    }

    private static void writeNumber(JsonNumber number, StringBuilder out) {
        BigDecimal decimal = number.bigDecimalValue();
        try {
            out.append(decimal.longValueExact());
        } catch (ArithmeticException e) {
            out.append(number);
        }
    }

    /** As {@code JSON.stringify}: short escapes, other controls and lone surrogates as {@code \\uXXXX}. */
    static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        unicode(c, out);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            unicode(c, out);
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        unicode(c, out);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicode(char c, StringBuilder out) {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
