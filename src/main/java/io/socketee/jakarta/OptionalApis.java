package io.socketee.jakarta;

/**
 * The optional APIs the glue looks for in an application, each checked by name without loading any class of ours
 * that uses it, so that an application without it never meets a {@link NoClassDefFoundError}.
 */
final class OptionalApis {
    static final String CDI = "jakarta.enterprise.inject.spi.BeanManager";
    static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";
    static final String MICROPROFILE_CONFIG = "org.eclipse.microprofile.config.ConfigProvider";

    private OptionalApis() {
    }

    /** Whether the application whose classes {@code loader} loads sees {@code className}. */
    static boolean visible(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
