package io.socketee.it;

import jakarta.servlet.ServletContainerInitializer;

/**
 * An embedded servlet container with JSR-356 support, listening on a free port of 127.0.0.1.
 */
public interface ContainerHarness extends AutoCloseable {

    /** Starts the container with one context at {@code /} set up by {@code app}; returns the port. */
    int start(ServletContainerInitializer app) throws Exception;

    /** A short name for reports: {@code jetty} or {@code tomcat}. */
    String name();

    @Override
    void close() throws Exception;
}
