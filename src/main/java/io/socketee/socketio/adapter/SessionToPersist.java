package io.socketee.socketio.adapter;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a socket that left for a recoverable reason leaves behind for {@link Adapter#persistSession} (Node's
 * {@code SessionToPersist}). Immutable, but {@code data} is the socket's own map of application values, as they were
 * when it left: an adapter that keeps the session elsewhere serializes it then.
 *
 * @param sid   the socket id, which the recovered socket takes again
 * @param pid   the private session id the client presents to recover
 * @param rooms the rooms it was in, its own included
 * @param data  its {@code data()}
 */
public record SessionToPersist(String sid, String pid, Set<String> rooms, Map<String, Object> data) {
    public SessionToPersist {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(pid, "pid");
        rooms = Set.copyOf(rooms);
        data = Map.copyOf(data);
    }
}
