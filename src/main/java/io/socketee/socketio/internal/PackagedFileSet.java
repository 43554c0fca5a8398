package io.socketee.socketio.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The files of one npm package copied into the jar (the browser bundle, the Admin UI's dashboard): its version, the
 * strong ETag all its files share, and each file read from the jar once, on first use. Thread-safe.
 */
public abstract class PackagedFileSet {
    private final String version;
    private final String etag;
    private final Map<String, PackagedFile> files = new ConcurrentHashMap<>();

    /** @param etag the strong ETag of every file, quotes included */
    protected PackagedFileSet(String version, String etag) {
        this.version = version;
        this.etag = etag;
    }

    /** The version of the npm package the files come from. */
    public String version() {
        return version;
    }

    /** The strong ETag of the files. */
    public String etag() {
        return etag;
    }

    /**
     * Whether a request with this {@code If-None-Match} header (null when absent) already has the current files,
     * accepting the weak form of the tag too (a proxy that compressed a file may have weakened it).
     */
    public boolean notModified(String ifNoneMatch) {
        return PackagedResources.notModified(etag, ifNoneMatch);
    }

    /** The file {@code name}, read by {@code reader} the first time (which answers null for a file not there). */
    protected Optional<PackagedFile> cached(String name, Function<String, PackagedFile> reader) {
        return Optional.ofNullable(files.computeIfAbsent(name, reader));
    }
}
