package io.socketee.jakarta;

import java.lang.System.Logger.Level;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application's MicroProfile Config, where the runtime provides it (Payara, WildFly, Open Liberty, Helidon...):
 * option values by their full names. Loaded only once {@link OptionSource} has seen the API, so that no other class
 * of ours touches MicroProfile classes; read on the deploying thread.
 */
final class MicroProfileOptions {
    private static final System.Logger LOG = System.getLogger(MicroProfileOptions.class.getName());

    private final Config config;

    private MicroProfileOptions(Config config) {
        this.config = config;
    }

    /**
     * The configuration of the application that {@code loader} loads, which sees the MicroProfile Config API; empty
     * when no implementation answers.
     */
    static Optional<MicroProfileOptions> find(ClassLoader loader) {
        try {
            return Optional.of(new MicroProfileOptions(ConfigProvider.getConfig(loader)));
        } catch (RuntimeException | LinkageError e) {
            // The API without an implementation (a stray jar): context parameters only, and say so.
            LOG.log(Level.INFO, "socket.io: the MicroProfile Config API is visible but has no implementation;"
                    + " the options come from the context parameters only (" + e + ")");
            return Optional.empty();
        }
    }

    /** The value of {@code name}, or null. */
    String value(String name) {
        return config.getOptionalValue(name, String.class).orElse(null);
    }

    /** Every name the configuration knows. */
    Iterable<String> names() {
        return config.getPropertyNames();
    }
}
