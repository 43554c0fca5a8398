package io.socketee.socketio.core;

import jakarta.json.JsonObject;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a socket's client showed when it connected: the HTTP request that opened the connection and the {@code auth}
 * payload of the namespace CONNECT (for socket.io 2.x clients, the query string of the namespace). Immutable.
 *
 * @param headers       request headers, names in lower case
 * @param query         query parameters of the connection request
 * @param auth          the CONNECT payload, {@code {}} when there was none
 * @param address       the client's IP address
 * @param time          when the connection opened
 * @param secure        whether it came over TLS
 * @param url           path and query of the connection request
 * @param principal     the container's authenticated user, where there is one
 * @param httpSession   the servlet {@code HttpSession} of the connection request, where one existed (typed
 *                      {@code Object} so that this layer needs no servlet API)
 * @param roles         the security roles the container found the user in when the connection opened, among those
 *                      it was asked about (the roles the CDI handlers' {@code @RolesAllowed} name, or the servlet
 *                      context attribute {@code io.socketee.engineio.roles}); empty without a user
 */
public record Handshake(Map<String, List<String>> headers, Map<String, String> query, JsonObject auth, String address,
                        Instant time, boolean secure, String url, Optional<Principal> principal,
                        Optional<Object> httpSession, Set<String> roles) {

    public Handshake {
        roles = Set.copyOf(roles);
    }

    /** A handshake without roles (a remote socket's, or one that a host without roles made). */
    public Handshake(Map<String, List<String>> headers, Map<String, String> query, JsonObject auth, String address,
                     Instant time, boolean secure, String url, Optional<Principal> principal,
                     Optional<Object> httpSession) {
        this(headers, query, auth, address, time, secure, url, principal, httpSession, Set.of());
    }

    /** Whether the connection's user was found in this role when the connection opened. */
    public boolean isUserInRole(String role) {
        return roles.contains(role);
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
