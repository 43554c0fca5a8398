package io.socketee.socketio.internal;

/**
 * One file of an npm package copied into the jar (the browser bundle, the Admin UI's dashboard), with everything
 * needed to answer a request for it. Immutable; the arrays must not be changed.
 *
 * @param contentType its media type with charset
 * @param bytes       its content
 * @param gzipped     its content gzip-encoded
 */
public record PackagedFile(String contentType, byte[] bytes, byte[] gzipped) {
    /** The file with this content, gzip-encoded once here. */
    public static PackagedFile of(String contentType, byte[] bytes) {
        return new PackagedFile(contentType, bytes, PackagedResources.gzip(bytes));
    }
}
