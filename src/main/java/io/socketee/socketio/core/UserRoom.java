package io.socketee.socketio.core;

import java.util.Objects;

/**
 * The room of an authenticated user: every socket whose connection was opened by a request with a container login
 * (a {@link java.security.Principal}) joins, in its namespace, the room {@code socketee:user:<name>} of its user, so
 * that one broadcast reaches all of that user's tabs and devices ({@code io.toUser("alice")}). It is a room like any
 * other: a cluster adapter broadcasts it to the sockets of every node, and emitters (Java's {@code RedisEmitter},
 * Node's {@code @socket.io/redis-emitter}) reach it under this name. Stateless.
 */
public final class UserRoom {
    /** What every user room's name starts with. */
    public static final String PREFIX = "socketee:user:";

    private UserRoom() {
    }

    /** The room of the user with this name ({@code Principal.getName()}). */
    public static String of(String user) {
        Objects.requireNonNull(user, "user");
        if (user.isEmpty()) {
            throw new IllegalArgumentException("a user name is not empty");
        }
        return PREFIX + user;
    }
}
