package io.socketee.socketio;

import io.socketee.socketio.internal.PackagedFile;
import io.socketee.socketio.internal.PackagedResources;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The official socket.io browser bundle ({@code socket.io-client} from npm), packaged into the library jar at build
 * time, as the Node.js server serves it at {@code <path>/socket.io.js}: the same eight file names, the client's version
 * as a strong ETag, {@code Cache-Control: public, max-age=0}, JavaScript or JSON source maps in UTF-8.
 *
 * <p>Files are read from the jar once, on first use, and kept with their gzip encoding. Knows nothing of HTTP servers:
 * the servlet glue asks {@link #file} and {@link #notModified} and writes what they say.
 */
public final class ClientBundle {
    /** The file names the Node server serves under its path. */
    public static final Set<String> FILE_NAMES = Set.of(
            "socket.io.js", "socket.io.js.map",
            "socket.io.min.js", "socket.io.min.js.map",
            "socket.io.msgpack.min.js", "socket.io.msgpack.min.js.map",
            "socket.io.esm.min.js", "socket.io.esm.min.js.map");
    /** Cache-Control of every file, as Node sends it: browsers revalidate with the ETag. */
    public static final String CACHE_CONTROL = "public, max-age=0";
    private static final String RESOURCES = "client-dist/";
    private static final String WHAT = "socket.io-client";
    private static final ClientBundle PACKAGED = load();

    private final String version;
    private final String etag;
    private final Map<String, PackagedFile> files = new ConcurrentHashMap<>();

    private ClientBundle(String version) {
        this.version = version;
        this.etag = '"' + version + '"';
    }

    /** The bundle packaged in this jar; empty when the jar was built without it ({@code -DskipClientBundle}). */
    public static Optional<ClientBundle> packaged() {
        return Optional.ofNullable(PACKAGED);
    }

    /** The version of {@code socket.io-client} the bundle comes from, e.g. {@code 4.8.1}. */
    public String version() {
        return version;
    }

    /** The strong ETag of every file: the client's version in quotes. */
    public String etag() {
        return etag;
    }

    /**
     * Whether a request with this {@code If-None-Match} header (null when absent) already has the current files,
     * accepting the weak form of the tag too (a proxy that compressed the file may have weakened it).
     */
    public boolean notModified(String ifNoneMatch) {
        return PackagedResources.notModified(etag, ifNoneMatch);
    }

    /** The file called {@code name} (one of {@link #FILE_NAMES}); empty for any other name. */
    public Optional<PackagedFile> file(String name) {
        if (!FILE_NAMES.contains(name)) {
            return Optional.empty();
        }
        return Optional.ofNullable(files.computeIfAbsent(name, ClientBundle::read));
    }

    private static PackagedFile read(String name) {
        byte[] bytes = resource("dist/" + name);
        if (bytes == null) {
            return null;
        }
        String type = name.endsWith(".map") ? "application/json; charset=utf-8"
                : "application/javascript; charset=utf-8";
        return PackagedFile.of(type, bytes);
    }

    private static ClientBundle load() {
        return PackagedResources.version(resource("package.json"), WHAT).map(ClientBundle::new).orElse(null);
    }

    private static byte[] resource(String name) {
        return PackagedResources.read(ClientBundle.class, RESOURCES + name, WHAT);
    }
}
