package io.socketee.engineio.protocol;

import java.util.Optional;

/**
 * Engine.IO protocol generations: v3 (socket.io 2.x clients) and v4 (socket.io 3.x and 4.x clients).
 */
public enum ProtocolVersion {
    V3(3),
    V4(4);

    private final int number;

    ProtocolVersion(int number) {
        this.number = number;
    }

    /** The value of the {@code EIO} query parameter. */
    public int number() {
        return number;
    }

    /** The version named by an {@code EIO} query value; empty when missing or unknown. */
    public static Optional<ProtocolVersion> fromQuery(String eio) {
        if ("4".equals(eio)) {
            return Optional.of(V4);
        }
        if ("3".equals(eio)) {
            return Optional.of(V3);
        }
        return Optional.empty();
    }
}
