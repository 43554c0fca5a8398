package io.socketee.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options read through a real MicroProfile Config implementation (SmallRye Config), from an application's
 * {@code META-INF/microprofile-config.properties}, over its context parameters.
 */
class MicroProfileOptionsTest {
    @TempDir
    Path dir;

    /** An application class loader whose {@code microprofile-config.properties} holds these lines. */
    private ClassLoader application(String... lines) throws IOException {
        Path meta = Files.createDirectories(dir.resolve("META-INF"));
        Files.write(meta.resolve("microprofile-config.properties"), java.util.List.of(lines));
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    private static ContextOptions read(ClassLoader loader, Map<String, String> params) {
        try {
            return ContextOptions.read(OptionSource.of(loader, params::get, params::keySet));
        } finally {
            ConfigProviderResolver resolver = ConfigProviderResolver.instance();
            resolver.releaseConfig(resolver.getConfig(loader));
        }
    }

    @Test
    void microProfileConfigOverridesTheContextParameters() throws IOException {
        ClassLoader loader = application("socketio.pingInterval=1234", "socketio.maxNamespaces=7",
                "socketio.pingIntervall=5", "other.key=1");
        ContextOptions options = read(loader, Map.of("socketio.pingInterval", "999", "socketio.pingTimeout", "4321"));
        assertEquals(Duration.ofMillis(1234), options.engine().pingInterval());
        assertEquals(Duration.ofMillis(4321), options.engine().pingTimeout());
        assertEquals(7, options.socketIo().maxNamespaces());
        assertEquals(Set.of("socketio.pingIntervall"), options.unknown());
    }

    @Test
    void aBadValueNamesTheKeyAndMicroProfileConfig() throws IOException {
        ClassLoader loader = application("socketio.maxAttachments=many");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(loader, Map.of()));
        assertTrue(e.getMessage().contains("socketio.maxAttachments (MicroProfile Config)"), e.getMessage());
    }
}
