package io.socketee.engineio.spi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP request that opened a session (the handshake), as the host saw it: taken by the host binding
 * ({@link HttpRequestView#snapshot()}), kept by the session ({@code EngineIoSocket.request()}). Immutable.
 *
 * @param method        HTTP method
 * @param url           path and query string, as the client sent them
 * @param query         query parameters, first value of each
 * @param headers       headers, names in lower case
 * @param remoteAddress the peer's IP address
 * @param secure        whether the request came over TLS
 * @param attributes    host objects a layer above may want: the authenticated {@link java.security.Principal}
 *                      under {@link #PRINCIPAL}, the servlet session under {@link #HTTP_SESSION}, the roles the
 *                      host found the user in under {@link #ROLES}
 */
public record EngineIoRequest(String method, String url, Map<String, String> query, Map<String, List<String>> headers,
                              String remoteAddress, boolean secure, Map<String, Object> attributes) {

    /** Attribute holding the authenticated {@link java.security.Principal}, where there is one. */
    public static final String PRINCIPAL = "principal";
    /** Attribute holding the servlet {@code HttpSession}, where one existed when the session opened. */
    public static final String HTTP_SESSION = "httpSession";
    /**
     * Attribute holding a {@code Set<String>}: the roles the user of this request is in, among those the host was
     * asked to look for (the servlet binding asks the container, {@code isUserInRole}, while the request lives).
     */
    public static final String ROLES = "roles";

    public EngineIoRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        attributes = Map.copyOf(attributes);
    }

    /** A query parameter. */
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A host attribute. */
    public Optional<Object> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }
}
