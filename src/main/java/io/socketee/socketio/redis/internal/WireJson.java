package io.socketee.socketio.redis.internal;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.socketio.protocol.Binary;
import io.socketee.socketio.protocol.JsonText;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
        try (JsonReader reader = PROVIDER.createReader(new ByteArrayInputStream(bytes))) {
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
            case STRING -> JsonText.writeString(((JsonString) value).getString(), out);
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
                    JsonText.writeString(entry.getKey(), out);
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
}
