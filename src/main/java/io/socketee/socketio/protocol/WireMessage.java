package io.socketee.socketio.protocol;

import java.util.Objects;

/**
 * One Engine.IO message of an encoded Socket.IO packet: a text message or a binary one. A {@link SocketIoParser} turns
 * a packet into a list of these (the default parser: the text, then one binary message per attachment; the msgpack
 * parser: one binary message).
 *
 * <p>Immutable under the rule of {@link Binary}: a binary message shares its array, and nobody may change it. Safe to
 * share between threads.
 */
public sealed interface WireMessage permits WireMessage.Text, WireMessage.Bytes {

    /** A text message. */
    static WireMessage text(String text) {
        return new Text(text);
    }

    /** A binary message holding {@code bytes}, not copied. */
    static WireMessage bytes(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** A text message (an Engine.IO message of type 4 with a string). */
    record Text(String text) implements WireMessage {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A binary message; the array is shared, not copied. Equality is that of the array (identity). */
    record Bytes(byte[] bytes) implements WireMessage {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public String toString() {
            return "Bytes[" + bytes.length + " bytes]";
        }
    }
}
