package io.socketee.engineio;

import java.util.Objects;
import java.util.Optional;

/**
 * The session cookie set on the handshake response (Node's {@code cookie} option): its value is the session id, which
 * lets a load balancer keep every request of a session on one node.
 *
 * @param name     cookie name, {@code io} by default
 * @param path     cookie path, {@code /} by default; empty for none
 * @param httpOnly whether scripts are kept from reading it, {@code true} by default
 * @param sameSite {@code Lax} by default; empty for none
 */
public record CookieConfig(String name, Optional<String> path, boolean httpOnly, Optional<String> sameSite) {
    public CookieConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sameSite, "sameSite");
    }

    /** The defaults of the Node server: {@code io; Path=/; HttpOnly; SameSite=Lax}. */
    public static CookieConfig defaults() {
        return new CookieConfig("io", Optional.of("/"), true, Optional.of("Lax"));
    }

    /** The {@code Set-Cookie} header value for a session. */
    public String headerValue(String sid) {
        StringBuilder sb = new StringBuilder(name).append('=').append(sid);
        path.ifPresent(p -> sb.append("; Path=").append(p));
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        sameSite.ifPresent(s -> sb.append("; SameSite=").append(s));
        return sb.toString();
    }
}
