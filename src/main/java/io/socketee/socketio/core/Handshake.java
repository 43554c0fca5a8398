package io.socketee.socketio.core;

import jakarta.json.JsonObject;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 */
public record Handshake(Map<String, List<String>> headers, Map<String, String> query, JsonObject auth, String address,
                        Instant time, boolean secure, String url, Optional<Principal> principal,
                        Optional<Object> httpSession) {

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
