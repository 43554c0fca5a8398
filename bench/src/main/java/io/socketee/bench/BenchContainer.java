package io.socketee.bench;

import jakarta.servlet.ServletContainerInitializer;

/**
 * An embedded servlet container with JSR-356 support, listening on a chosen port of 127.0.0.1.
 *
 * <p>Mirrors the integration tests' {@code io.socketee.it.ContainerHarness}, which always picks a free port, with a
 * port parameter added. It does not extend it, so that changes made to the harness for the tests do not break bench.
 * Once the harness has a {@code start(app, port)} overload, the implementations here can go and bench can use
 * {@code io.socketee.it.jetty.JettyHarness} and {@code io.socketee.it.tomcat.TomcatHarness} directly.
 */
public interface BenchContainer extends AutoCloseable {

    /** Starts the container with one context at {@code /} set up by {@code app}; 0 picks a free port. Returns the port. */
    int start(ServletContainerInitializer app, int port) throws Exception;

    /** A short name: {@code jetty} or {@code tomcat}. */
    String name();

    @Override
    void close() throws Exception;
}
