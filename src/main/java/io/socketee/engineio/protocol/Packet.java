package io.socketee.engineio.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * An Engine.IO packet. Immutable; one instance may be sent to many sessions (a broadcast builds it once).
 */
public sealed interface Packet permits Packet.Text, Packet.Binary {

    Packet PING = new Text(PacketType.PING, "");
    Packet PONG = new Text(PacketType.PONG, "");
    Packet PING_PROBE = new Text(PacketType.PING, "probe");
    Packet PONG_PROBE = new Text(PacketType.PONG, "probe");
    Packet CLOSE = new Text(PacketType.CLOSE, "");
    Packet UPGRADE = new Text(PacketType.UPGRADE, "");
    Packet NOOP = new Text(PacketType.NOOP, "");

    PacketType type();

    /** A rough size in bytes, used to bound buffers. */
    int sizeEstimate();

    static Packet message(String text) {
        return new Text(PacketType.MESSAGE, text);
    }

    static Packet message(byte[] data) {
        return new Binary(data);
    }

    /**
     * A packet whose data, if any, is text. {@code data} is empty for packets without data.
     *
     * @param frame the text form, type character then data (the same in both protocol generations): a WebSocket text
     *              frame, or one packet of a polling payload. Built once with the packet, so that a broadcast that
     *              gives the same packet to many sessions encodes it once.
     */
    record Text(PacketType type, String data, String frame) implements Packet {
        public Text {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(frame, "frame");
            // checked in constant time: a decoder passes the frame it read and the data cut from it
            if (frame.length() != data.length() + 1 || frame.charAt(0) != type.code()) {
                throw new IllegalArgumentException("frame is not the text form of the packet");
            }
        }

        public Text(PacketType type, String data) {
            this(type, data, data.isEmpty() ? String.valueOf(type.code()) : type.code() + data);
        }

        @Override
        public int sizeEstimate() {
            return 1 + data.length();
        }
    }

    /**
     * A message packet carrying bytes. The array is owned by the packet: callers must not change it after creation.
     */
    record Binary(byte[] data) implements Packet {
        public Binary {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public PacketType type() {
            return PacketType.MESSAGE;
        }

        @Override
        public int sizeEstimate() {
            return 1 + data.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && Arrays.equals(data, b.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Binary[" + data.length + " bytes]";
        }
    }
}
