package io.socketee.bench;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
}
