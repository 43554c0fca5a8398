package io.socketee.socketio.adapter;

import java.util.List;
import java.util.Objects;

/**
 * A session {@link Adapter#restoreSession} found (Node's {@code Session}): what the socket had, and the packets
 * sent to its rooms after the client's offset, in order, each already carrying its own offset. Immutable.
 *
 * @param session       the persisted socket
 * @param missedPackets the EVENTs it missed, oldest first
 */
public record RestoredSession(SessionToPersist session, List<OutgoingPacket> missedPackets) {
    public RestoredSession {
        Objects.requireNonNull(session, "session");
        missedPackets = List.copyOf(missedPackets);
    }
}
