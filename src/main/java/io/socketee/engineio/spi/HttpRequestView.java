package io.socketee.engineio.spi;

import java.util.Optional;

/**
 * What Engine.IO reads from every HTTP request; provided by the host binding. Used on the request's thread only.
 */
public interface HttpRequestView {
    /** HTTP method, upper case. */
    String method();

    /** A query parameter's first value. */
    Optional<String> query(String name);

    /** A header's first value, by case-insensitive name. */
    Optional<String> header(String name);

    /** A full copy of the request, taken once when a session opens. */
    EngineIoRequest snapshot();
}
