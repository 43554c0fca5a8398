package io.socketee.socketio.adapter;

import io.socketee.engineio.protocol.Packet;
import io.socketee.socketio.protocol.SocketIoParser;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The in-memory adapter's side of connection state recovery (Node's {@code SessionAwareAdapter}): the packets kept
 * for replay, each with its offset, and the sessions of sockets that left for a recoverable reason, both within the
 * bounds of {@link ConnectionStateRecovery}.
 *
 * <p>An offset is this store's random prefix and a sequence number, so that an offset from another namespace or
 * another server instance is never taken for one of ours. A client's offset names the last packet it processed;
 * it can be recovered when every packet after it is still kept: its sequence number is at least the one just before
 * the oldest packet kept (the client has that one), so a quiet namespace whose packets all aged out still recovers.
 *
 * <p>Not thread-safe: the adapter calls it under its monitor, in the same critical section as the room lookup of a
 * broadcast, so a socket restored from a session either finds a packet kept or is in the packet's recipients.
 */
final class SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private final ConnectionStateRecovery config;
    private final Clock clock;
    private final String prefix;
    private final ArrayDeque<Kept> packets = new ArrayDeque<>();
    /** Disconnected sessions by pid, oldest first. */
    private final LinkedHashMap<String, Disconnected> sessions = new LinkedHashMap<>();
    private long nextSeq;
    private long bytes;

    private record Kept(long seq, Set<String> rooms, Set<String> except, OutgoingPacket packet, long at, long size) {
    }

    private record Disconnected(SessionToPersist session, long at) {
    }

    SessionStore(ConnectionStateRecovery config, Clock clock) {
        this.config = config;
        this.clock = clock;
        char[] p = new char[8];
        for (int i = 0; i < p.length; i++) {
            p[i] = DIGITS[RANDOM.nextInt(DIGITS.length)];
        }
        this.prefix = new String(p);
    }

    /** Gives the event its offset, keeps it for the sockets the options select, and returns it encoded once. */
    OutgoingPacket keep(io.socketee.socketio.protocol.Packet.Event event, BroadcastOptions options) {
        long seq = nextSeq++;
        OutgoingPacket outgoing = OutgoingPacket.of(ConnectionStateRecovery.withOffset(event, prefix + seq));
        long size = 0;
        for (Packet message : outgoing.messages(SocketIoParser.json())) {   // as JSON: the size, not the wire
            size += message.sizeEstimate();
        }
        long now = clock.millis();
        packets.addLast(new Kept(seq, options.rooms(), options.except(), outgoing, now, size));
        bytes += size;
        prune(now);
        return outgoing;
    }

    void persist(SessionToPersist session) {
        long now = clock.millis();
        sessions.remove(session.pid());
        sessions.put(session.pid(), new Disconnected(session, now));
        prune(now);
    }

    /** The session of {@code pid} with the packets after {@code offset}, taken out of the store; empty if none. */
    Optional<RestoredSession> restore(String pid, String offset) {
        long now = clock.millis();
        prune(now);
        Disconnected found = sessions.remove(pid);
        if (found == null) {
            return Optional.empty();
        }
        long after = seqOf(offset);
        long oldestKept = packets.isEmpty() ? nextSeq : packets.peekFirst().seq();
        if (after < 0 || after >= nextSeq || after < oldestKept - 1) {
            return Optional.empty();   // not ours, or packets after it are gone
        }
        List<OutgoingPacket> missed = new ArrayList<>();
        Set<String> rooms = found.session().rooms();
        for (Iterator<Kept> it = packets.descendingIterator(); it.hasNext(); ) {
            Kept kept = it.next();
            if (kept.seq() <= after) {
                break;
            }
            if (reaches(kept, rooms)) {
                missed.add(kept.packet());
            }
        }
        Collections.reverse(missed);
        return Optional.of(new RestoredSession(found.session(), missed));
    }

    private static boolean reaches(Kept kept, Set<String> rooms) {
        boolean included = kept.rooms().isEmpty();
        for (String room : rooms) {
            if (kept.except().contains(room)) {
                return false;
            }
            included |= kept.rooms().contains(room);
        }
        return included;
    }

    private long seqOf(String offset) {
        if (offset == null || offset.length() <= prefix.length() || offset.length() > prefix.length() + 19
                || !offset.startsWith(prefix)) {
            return -1;
        }
        long seq = 0;
        for (int i = prefix.length(); i < offset.length(); i++) {
            char c = offset.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            seq = seq * 10 + (c - '0');
            if (seq < 0) {
                return -1;
            }
        }
        return seq;
    }

    /** Drops what aged out, then the oldest packets and sessions beyond the caps. */
    private void prune(long now) {
        long threshold = now - config.maxDisconnectionDuration().toMillis();
        while (!packets.isEmpty() && (packets.peekFirst().at() < threshold || packets.size() > config.maxPackets()
                || bytes > config.maxBytes())) {
            bytes -= packets.removeFirst().size();
        }
        for (Iterator<Map.Entry<String, Disconnected>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
            Disconnected session = it.next().getValue();
            if (session.at() >= threshold && sessions.size() <= config.maxSessions()) {
                break;
            }
            it.remove();
        }
    }

    /** How many packets and sessions are kept now; for tests. */
    int[] sizes() {
        return new int[] {packets.size(), sessions.size()};
    }

    void clear() {
        packets.clear();
        sessions.clear();
        bytes = 0;
    }
}
