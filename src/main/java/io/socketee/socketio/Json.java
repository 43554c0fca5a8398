package io.socketee.socketio;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.socketio.protocol.Binary;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Converts between application values and the JSON-P trees packets carry.
 *
 * <p>Outgoing: {@link JsonValue}s as they are; strings, numbers, booleans and {@code null}; {@code byte[]} and
 * {@link ByteBuffer} as binary attachments; collections, arrays and maps element by element; anything else (records,
 * POJOs) through JSON-B. Incoming: a target type of {@link JsonValue} (or a subtype), {@code String}, {@code byte[]},
 * {@code ByteBuffer} is served directly; other types through JSON-B. Thread-safe.
 */
public final class Json {
    private static final Jsonb JSONB = JsonbBuilder.create();

    private Json() {
    }

    /** The JSON value of an application value. */
    public static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof String s) {
            return PROVIDER.createValue(s);
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return PROVIDER.createValue(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return PROVIDER.createValue((long) d);
            }
            return PROVIDER.createValue(d);
        }
        if (value instanceof BigDecimal d) {
            return PROVIDER.createValue(d);
        }
        if (value instanceof BigInteger i) {
            return PROVIDER.createValue(i);
        }
        if (value instanceof byte[] bytes) {
            return Binary.of(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            return Binary.copyOf(buffer);
        }
        if (value instanceof Collection<?> collection) {
            JsonArrayBuilder array = PROVIDER.createArrayBuilder();
            for (Object element : collection) {
                array.add(toJson(element));
            }
            return array.build();
        }
        if (value instanceof Object[] elements) {
            return toJson(List.of(elements));
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = PROVIDER.createObjectBuilder();
            map.forEach((k, v) -> object.add(String.valueOf(k), toJson(v)));
            return object.build();
        }
        return PROVIDER.createReader(new StringReader(JSONB.toJson(value))).readValue();
    }

    /** The JSON values of application values, in order. */
    public static List<JsonValue> toJson(Object... values) {
        List<JsonValue> out = new ArrayList<>(values.length);
        for (Object value : values) {
            out.add(toJson(value));
        }
        return out;
    }

    /**
     * Binds a JSON value to a type.
     *
     * @throws IllegalArgumentException when the value does not fit the type
     */
    @SuppressWarnings("unchecked")
    public static <T> T fromJson(JsonValue value, Type type) {
        if (type instanceof Class<?> cls) {
            if (JsonValue.class.isAssignableFrom(cls) && cls.isInstance(value)) {
                return (T) value;
            }
            if (cls == String.class && value instanceof JsonString s && !(value instanceof Binary)) {
                return (T) s.getString();
            }
            if (cls == byte[].class && value instanceof Binary b) {
                return (T) b.bytes();
            }
            if (cls == ByteBuffer.class && value instanceof Binary b) {
                return (T) b.asByteBuffer();
            }
        }
        try {
            return JSONB.fromJson(value.toString(), type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot bind " + value.getValueType() + " to " + type.getTypeName(), e);
        }
    }
}
