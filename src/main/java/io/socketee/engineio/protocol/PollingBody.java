package io.socketee.engineio.protocol;

/**
 * A polling response body with its content type.
 */
public record PollingBody(byte[] bytes, String contentType) {
    public static final String TEXT = "text/plain; charset=UTF-8";
    public static final String BINARY = "application/octet-stream";
    public static final String JAVASCRIPT = "text/javascript; charset=UTF-8";
}
