package io.socketee.socketio;

import io.socketee.socketio.internal.PackagedFile;
import io.socketee.socketio.internal.PackagedFileSet;
import io.socketee.socketio.internal.PackagedResources;
import java.util.Optional;
import java.util.Set;

/**
 * The official socket.io browser bundle ({@code socket.io-client} from npm), packaged into the library jar at build
 * time, as the Node.js server serves it at {@code <path>/socket.io.js}: the same eight file names, the client's version
 * as a strong ETag, {@code Cache-Control: public, max-age=0}, JavaScript or JSON source maps in UTF-8.
 *
 * <p>Files are read from the jar once, on first use, and kept with their gzip encoding. Knows nothing of HTTP servers:
 * the servlet glue asks {@link #file} and {@link #notModified} and writes what they say.
 */
public final class ClientBundle extends PackagedFileSet {
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

    private ClientBundle(String version) {
        super(version, '"' + version + '"');
    }

    /** The bundle packaged in this jar; empty when the jar was built without it ({@code -DskipClientBundle}). */
    public static Optional<ClientBundle> packaged() {
        return Optional.ofNullable(PACKAGED);
    }

    /** The file called {@code name} (one of {@link #FILE_NAMES}); empty for any other name. */
    public Optional<PackagedFile> file(String name) {
        if (!FILE_NAMES.contains(name)) {
            return Optional.empty();
        }
        return cached(name, ClientBundle::read);
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
