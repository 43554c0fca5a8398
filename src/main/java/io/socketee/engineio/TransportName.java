package io.socketee.engineio;

import java.util.Optional;

/**
 * The Engine.IO transports, by their query-parameter names.
 */
public enum TransportName {
    POLLING("polling"),
    WEBSOCKET("websocket");

    /** Looked up on every request: one array and one {@code Optional} per transport, made once. */
    private static final TransportName[] ALL = values();

    private final String wireName;
    private final Optional<TransportName> found;

    TransportName(String wireName) {
        this.wireName = wireName;
        this.found = Optional.of(this);
    }

    /** The value of the {@code transport} query parameter. */
    public String wireName() {
        return wireName;
    }

    public static Optional<TransportName> fromWire(String name) {
        for (TransportName t : ALL) {
            if (t.wireName.equals(name)) {
                return t.found;
            }
        }
        return Optional.empty();
    }
}
