package io.socketee.bench;

import io.socketee.it.ContainerHarness;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The applications of one bench server, all in the one context at {@code /} of the container, each at its own path:
 * one {@link ServletContainerInitializer} that runs theirs in order, and closes their resources in reverse.
 */
public final class Apps implements ServletContainerInitializer, AutoCloseable {

    /** One application: where it is served, what it is, how it is set up and what to close at shutdown. */
    public record App(String path, String description, ServletContainerInitializer initializer,
                      AutoCloseable resource) {
    }

    private final List<App> apps = new ArrayList<>();

    public Apps add(String path, String description, ServletContainerInitializer initializer, AutoCloseable resource) {
        apps.add(new App(path, description, initializer, resource));
        return this;
    }

    public List<App> list() {
        return List.copyOf(apps);
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        for (App app : apps) {
            app.initializer().onStartup(classes, context);
        }
    }

    @Override
    public void close() {
        for (int i = apps.size() - 1; i >= 0; i--) {
            try {
                apps.get(i).resource().close();
            } catch (Exception e) {
                System.err.println("closing " + apps.get(i).path() + ": " + e);
            }
        }
    }

    /**
     * Starts {@code container} on 127.0.0.1:{@code port} with these apps, prints {@code listening on
     * 127.0.0.1:<port> (<impl>)} on standard output, and blocks until the JVM is asked to stop (SIGTERM), when the
     * container and the apps are closed. Exits with status 1 if the container cannot start. {@code who} prefixes the
     * log lines on standard error.
     */
    public void serveUntilStopped(String who, String impl, ContainerHarness container, int port) {
        int actualPort;
        try {
            actualPort = container.start(this, port);
        } catch (Throwable e) {
            System.err.println(who + ": cannot start " + impl + " on 127.0.0.1:" + port + ": " + e);
            e.printStackTrace();
            close();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                container.close();
            } catch (Exception e) {
                System.err.println(who + ": stopping " + impl + ": " + e);
            } finally {
                close();
                stopped.countDown();
            }
        }, who.replace(' ', '-') + "-shutdown"));
        for (App app : apps) {
            System.err.println(who + ": " + app.path() + " " + app.description());
        }
        System.out.println("listening on 127.0.0.1:" + actualPort + " (" + impl + ")");
        System.out.flush();
        try {
            stopped.await(); // the container's threads may be daemons (Tomcat's are): keep the JVM up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
