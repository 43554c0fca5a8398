package io.socketee.socketio.protocol;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * JSON text to and from the JSON-P tree, with the two Socket.IO twists: binary values become numbered placeholders on
 * the way out and come back on the way in. Stateless, safe from any thread.
 *
 * <p>Writing is done here rather than by the JSON-P writer so that the output is exactly what {@code JSON.stringify}
 * gives for the same tree: compact, keys in insertion order, the same escapes (the short ones, backslash-u and four
 * lower-case hex digits for other control characters and lone surrogates, nothing else escaped). Numbers are written as
 * the tree holds them ({@link JsonNumber#toString()}), so integers and plain decimals come out as they were read.
 *
 * <p>Public only for {@link #writeString}, which the Redis adapter's JSON messages share.
 */
public final class JsonText {
    private static final String PLACEHOLDER_KEY = "_placeholder";
    private static final String NUM_KEY = "num";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());
    static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());

    private JsonText() {
    }

    /** Parses one complete JSON value; anything after it but whitespace is an error. */
    static JsonValue parse(String text) throws SocketIoDecodeException {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new SocketIoDecodeException("invalid JSON payload");
            }
            return value;
        } catch (RuntimeException e) { // JsonParsingException and whatever else the parser throws on bad input
            throw new SocketIoDecodeException("invalid JSON payload");
        }
    }

    /**
     * Appends the JSON text of {@code value}. Each {@link Binary} is written as a placeholder numbered by its position
     * in {@code attachments}, and its bytes are added there; with {@code attachments == null} a {@link Binary} is an
     * {@link IllegalArgumentException}.
     */
    static void write(JsonValue value, StringBuilder out, List<byte[]> attachments) {
        if (value instanceof Binary binary) {
            if (attachments == null) {
                throw new IllegalArgumentException("binary data is only allowed in EVENT and ACK packets");
            }
            out.append("{\"" + PLACEHOLDER_KEY + "\":true,\"" + NUM_KEY + "\":").append(attachments.size()).append('}');
            attachments.add(binary.bytes());
            return;
        }
        switch (value.getValueType()) {
            case ARRAY: {
                out.append('[');
                boolean first = true;
                for (JsonValue element : value.asJsonArray()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(element, out, attachments);
                }
                out.append(']');
                break;
            }
            case OBJECT: {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> entry : value.asJsonObject().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeString(entry.getKey(), out);
                    out.append(':');
                    write(entry.getValue(), out, attachments);
                }
                out.append('}');
                break;
            }
            case STRING:
                writeString(((JsonString) value).getString(), out);
                break;
            case NUMBER:
                out.append(((JsonNumber) value).toString());
                break;
            case TRUE:
                out.append("true");
                break;
            case FALSE:
                out.append("false");
                break;
            case NULL:
                out.append("null");
                break;
            default:
                throw new IllegalArgumentException("unknown JSON value type " + value.getValueType());
        }
    }

    /** A JSON string literal, escaped as {@code JSON.stringify} does. */
    public static void writeString(String s, StringBuilder out) {
        out.append('"');
        int length = s.length();
        int run = 0; // start of the current run of characters that need no escape: appended in bulk
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a well-formed pair stays as it is
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> unicodeEscape(c, out); // other controls, and lone surrogates as JSON.stringify writes them
            }
        }
        out.append(s, run, length);
        out.append('"');
    }

    private static void unicodeEscape(char c, StringBuilder out) {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
    }

    /** Whether a {@link Binary} occurs anywhere in {@code value}. */
    static boolean containsBinary(JsonValue value) {
        if (value instanceof Binary) {
            return true;
        }
        if (value instanceof JsonArray array) {
            for (JsonValue element : array) {
                if (containsBinary(element)) {
                    return true;
                }
            }
        } else if (value instanceof JsonObject object) {
            for (JsonValue member : object.values()) {
                if (containsBinary(member)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Replaces every placeholder ({@code {"_placeholder":true,…}}) in {@code value} by the {@link Binary} of the
     * attachment it names. Containers without placeholders are returned as they are.
     */
    static JsonValue reconstruct(JsonValue value, List<byte[]> attachments) throws SocketIoDecodeException {
        if (value instanceof JsonArray array) {
            JsonArrayBuilder builder = null;
            for (int i = 0; i < array.size(); i++) {
                JsonValue element = array.get(i);
                JsonValue replaced = reconstruct(element, attachments);
                if (builder == null && replaced != element) {
                    builder = BUILDERS.createArrayBuilder();
                    for (int j = 0; j < i; j++) {
                        builder.add(array.get(j));
                    }
                }
                if (builder != null) {
                    builder.add(replaced);
                }
            }
            return builder == null ? array : builder.build();
        }
        if (value instanceof JsonObject object) {
            if (JsonValue.TRUE.equals(object.get(PLACEHOLDER_KEY))) {
                return Binary.of(attachments.get(placeholderIndex(object.get(NUM_KEY), attachments.size())));
            }
            JsonObjectBuilder builder = null;
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                JsonValue member = entry.getValue();
                JsonValue replaced = reconstruct(member, attachments);
                if (builder == null && replaced != member) {
                    builder = BUILDERS.createObjectBuilder();
                    for (Map.Entry<String, JsonValue> before : object.entrySet()) {
                        if (before.getKey().equals(entry.getKey())) {
                            break;
                        }
                        builder.add(before.getKey(), before.getValue());
                    }
                }
                if (builder != null) {
                    builder.add(entry.getKey(), replaced);
                }
            }
            return builder == null ? object : builder.build();
        }
        return value;
    }

    private static int placeholderIndex(JsonValue num, int count) throws SocketIoDecodeException {
        if (num instanceof JsonNumber number && number.isIntegral()) {
            BigDecimal index = number.bigDecimalValue();
            if (index.signum() >= 0 && index.compareTo(BigDecimal.valueOf(count)) < 0) {
                return index.intValueExact();
            }
        }
        throw new SocketIoDecodeException("invalid attachment placeholder");
    }
}
