package io.socketee.engineio;

import java.util.Optional;

/**
 * The Engine.IO transports, by their query-parameter names.
 */
public enum TransportName {
    POLLING("polling"),
    WEBSOCKET("websocket");

    private final String wireName;

    TransportName(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code transport} query parameter. */
    public String wireName() {
        return wireName;
    }

    public static Optional<TransportName> fromWire(String name) {
        for (TransportName t : values()) {
            if (t.wireName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
