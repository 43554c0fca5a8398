package io.socketee.socketio.protocol;

import jakarta.json.JsonString;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Binary data inside Socket.IO arguments: a JSON-P value that the codec sends as a binary attachment.
 *
 * <p>JSON has no binary type, so a {@code Binary} is a {@link JsonString} whose text is the standard base64 (with
 * padding) of its bytes. Put one anywhere in the {@link jakarta.json.JsonArray} of an {@link Packet.Event} or
 * {@link Packet.Ack} (at any depth, inside arrays or objects): {@link PacketEncoder} replaces it with a placeholder
 * {@code {"_placeholder":true,"num":i}} and sends the bytes as attachment {@code i}; {@link PacketDecoder} puts a
 * {@code Binary} back where the placeholder was. Code that knows nothing of Socket.IO sees a base64 string: JSON-P
 * writers print it as one, JSON-B reads it as one.
 *
 * <p>Consequences of that choice, to keep in mind: test {@code instanceof Binary} <em>before</em>
 * {@code instanceof JsonString} or {@code getValueType()}; equality follows the {@link JsonString} contract (a
 * {@code Binary} equals any {@code JsonString} with the same text, so a plain base64 string and a {@code Binary} with
 * those bytes compare equal).
 *
 * <p>Immutable as long as the array is not changed: {@link #of(byte[])} and {@link #bytes()} share the array without
 * copying (an encoded packet is sent to many clients without copies), so neither the creator nor readers may modify
 * it. Safe to share between threads under that rule.
 */
public final class Binary implements JsonString {
    private final byte[] bytes;
    private String base64; // cached; racy single-check is fine for an immutable String

    private Binary(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    /** Wraps {@code bytes} without copying; the caller hands the array over and must not change it afterwards. */
    public static Binary of(byte[] bytes) {
        return new Binary(bytes);
    }

    /** A binary value holding a copy of {@code bytes}. */
    public static Binary copyOf(byte[] bytes) {
        return new Binary(bytes.clone());
    }

    /** A binary value holding a copy of the remaining bytes of {@code buffer}; the buffer's position is unchanged. */
    public static Binary copyOf(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return new Binary(copy);
    }

    /** The bytes themselves, not a copy: do not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** A read-only view of the bytes. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** The base64 text of the bytes (what JSON-only code sees). */
    @Override
    public String getString() {
        String text = base64;
        if (text == null) {
            text = Base64.getEncoder().encodeToString(bytes);
            base64 = text;
        }
        return text;
    }

    @Override
    public CharSequence getChars() {
        return getString();
    }

    @Override
    public ValueType getValueType() {
        return ValueType.STRING;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Binary other) {
            return Arrays.equals(bytes, other.bytes);
        }
        return o instanceof JsonString s && getString().equals(s.getString());
    }

    @Override
    public int hashCode() {
        return getString().hashCode();
    }

    /** The JSON text of the value as a string (its base64 in quotes), as {@link jakarta.json.JsonValue} requires. */
    @Override
    public String toString() {
        return '"' + getString() + '"';
    }
}
