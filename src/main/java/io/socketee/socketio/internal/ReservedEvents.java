package io.socketee.socketio.internal;

import java.util.Set;

/**
 * The event names Socket.IO keeps for itself (Node's {@code RESERVED_EVENTS}): an application may neither emit them nor
 * handle them as events. Immutable, safe from any thread.
 */
public final class ReservedEvents {
    private static final Set<String> NAMES = Set.of("connect", "connect_error", "disconnect", "disconnecting",
            "newListener", "removeListener");

    private ReservedEvents() {
    }

    /** Whether the name is reserved. */
    public static boolean isReserved(String event) {
        return NAMES.contains(event);
    }

    /**
     * Refuses a reserved name for an outgoing event.
     *
     * @throws IllegalArgumentException {@code "<event>" is a reserved event name}
     */
    public static void checkEmittable(String event) {
        if (isReserved(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
    }
}
