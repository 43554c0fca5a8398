package io.socketee.engineio;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cross-origin settings for polling requests, with the meaning of the Node server's {@code cors} option.
 *
 * @param origins        allowed origins; {@code "*"} allows any (answered as {@code *}, or as the request's origin
 *                       when {@code credentials} is on, since browsers refuse {@code *} with credentials)
 * @param credentials    whether to send {@code Access-Control-Allow-Credentials: true}
 * @param methods        methods announced on preflight
 * @param allowedHeaders headers announced on preflight; empty echoes the request's {@code Access-Control-Request-Headers}
 * @param maxAge         how long a browser may cache a preflight; empty sends no {@code Access-Control-Max-Age}
 */
public record CorsConfig(List<String> origins, boolean credentials, List<String> methods, List<String> allowedHeaders,
                         Optional<Duration> maxAge) {

    public static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE");

    public CorsConfig {
        origins = List.copyOf(origins);
        methods = List.copyOf(methods);
        allowedHeaders = List.copyOf(allowedHeaders);
        Objects.requireNonNull(maxAge, "maxAge");
    }

    /** Any origin, no credentials. */
    public static CorsConfig anyOrigin() {
        return new CorsConfig(List.of("*"), false, DEFAULT_METHODS, List.of(), Optional.empty());
    }

    /** These origins, with or without credentials. */
    public static CorsConfig origins(boolean credentials, String... origins) {
        return new CorsConfig(List.of(origins), credentials, DEFAULT_METHODS, List.of(), Optional.empty());
    }

    /** The {@code Access-Control-Allow-Origin} value for a request's origin; empty when it is not allowed. */
    public Optional<String> allowOriginFor(String origin) {
        if (origins.contains("*")) {
            return Optional.of(credentials && origin != null ? origin : "*");
        }
        return origin != null && origins.contains(origin) ? Optional.of(origin) : Optional.empty();
    }
}
