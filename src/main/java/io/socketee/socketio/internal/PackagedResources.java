package io.socketee.socketio.internal;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * What the npm packages copied into the jar at build time (the browser bundle, the Admin UI's dashboard) have in
 * common: read from the jar, their {@code package.json}'s version, their gzip encoding. Stateless; any thread.
 */
public final class PackagedResources {
    private PackagedResources() {
    }

    /**
     * The resource {@code name} next to {@code anchor}'s class file, or null when it is not there.
     *
     * @param what the package's name, for the message of a read failure
     */
    public static byte[] read(Class<?> anchor, String name, String what) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged " + what + " file " + name, e);
        }
    }

    /**
     * The {@code version} of a packaged {@code package.json}; empty when there is none (a jar built without the
     * package). {@link IllegalStateException} when the manifest is there but has no version.
     */
    public static Optional<String> version(byte[] manifest, String what) {
        if (manifest == null) {
            return Optional.empty();
        }
        try (JsonReader reader = PROVIDER.createReader(new ByteArrayInputStream(manifest))) {
            return Optional.of(reader.readObject().getString("version"));
        } catch (JsonException | ClassCastException | NullPointerException e) {
            throw new IllegalStateException("the packaged " + what + " package.json has no version", e);
        }
    }

    /**
     * Whether a request with this {@code If-None-Match} header (null when absent) already has the files of the strong
     * {@code etag}, accepting its weak form too (a proxy that compressed a file may have weakened it).
     */
    public static boolean notModified(String etag, String ifNoneMatch) {
        return ifNoneMatch != null && (ifNoneMatch.equals(etag) || ifNoneMatch.equals("W/" + etag));
    }

    /** {@code bytes}, gzip-encoded. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 16);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
