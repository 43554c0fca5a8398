package io.socketee.socketio.adapter;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who a broadcast or a bulk operation reaches, and how.
 *
 * @param rooms      sockets in any of these rooms; every socket of the namespace when empty
 * @param except     sockets in any of these rooms are left out
 * @param isVolatile the packet may be dropped for clients that cannot take it at once
 * @param local      only this node's sockets, even in a cluster
 * @param timeout    for broadcasts with acks: how long to wait for the answers
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, boolean isVolatile, boolean local,
                               Optional<Duration> timeout) {
    public BroadcastOptions {
        rooms = Set.copyOf(rooms);
        except = Set.copyOf(except);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Every socket of the namespace. */
    public static BroadcastOptions all() {
        return new BroadcastOptions(Set.of(), Set.of(), false, false, Optional.empty());
    }
}
