package io.socketee.socketio;

import io.socketee.socketio.internal.PackagedFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.io.FileReader;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The bundle packaged at build time is the npm package named in src/main/client, every file of it. */
class ClientBundleTest {
    private final ClientBundle bundle = ClientBundle.packaged().orElseThrow();

    @Test
    void versionAndEtagAreTheNpmPackagesPinnedInTheBuild() throws Exception {
        try (var reader = Json.createReader(new FileReader("src/main/client/package.json"))) {
            String pinned = reader.readObject().getJsonObject("dependencies").getString("socket.io-client");
            assertEquals(pinned, bundle.version());
            assertEquals('"' + pinned + '"', bundle.etag());
        }
    }

    @Test
    void everyNodeFileNameIsThereWithItsTypeAndGzipForm() throws Exception {
        assertEquals(8, ClientBundle.FILE_NAMES.size());
        for (String name : ClientBundle.FILE_NAMES) {
            PackagedFile file = bundle.file(name).orElseThrow(() -> new AssertionError(name));
            assertTrue(file.bytes().length > 10_000, name);
            assertEquals(name.endsWith(".map") ? "application/json; charset=utf-8"
                    : "application/javascript; charset=utf-8", file.contentType());
            assertTrue(file.gzipped().length < file.bytes().length, name);
            assertArrayEquals(file.bytes(), new GZIPInputStream(new ByteArrayInputStream(file.gzipped()))
                    .readAllBytes(), name);
            assertSame(file, bundle.file(name).orElseThrow(), "read once");
        }
    }

    @Test
    void otherNamesAreNotPartOfIt() {
        assertEquals(Optional.empty(), bundle.file("package.json"));
        assertEquals(Optional.empty(), bundle.file("../../../META-INF/MANIFEST.MF"));
        assertEquals(Optional.empty(), bundle.file("socket.io.slim.js"));
    }

    @Test
    void notModifiedForTheStrongAndWeakTagOnly() {
        assertTrue(bundle.notModified(bundle.etag()));
        assertTrue(bundle.notModified("W/" + bundle.etag()));
        assertFalse(bundle.notModified(null));
        assertFalse(bundle.notModified("\"0.0.1\""));
        assertFalse(bundle.notModified(bundle.version()));
    }
}
