package io.socketee.engineio.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import java.util.Set;

/**
 * Adds the library's servlets to a starting context so that a registration that does not take fails the deployment
 * with a message naming it, instead of leaving a path that answers 404 while the log says it is served.
 */
public final class ServletRegistrations {
    private ServletRegistrations() {
    }

    /**
     * Adds {@code servlet} as {@code name}. Names must be valid JMX property values (no {@code :}, {@code ,},
     * {@code =}, {@code *}, {@code ?} or quotes): GlassFish and Payara register servlets with JMX under their name
     * and never map one whose name is not.
     *
     * @throws IllegalStateException when a servlet of that name exists in the context
     */
    public static ServletRegistration.Dynamic add(ServletContext context, String name, HttpServlet servlet) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        if (registration == null) {
            throw new IllegalStateException("a servlet named " + name + " is already registered in "
                    + displayPath(context) + " (is it set up twice?)");
        }
        return registration;
    }

    /**
     * Maps {@code registration} to each pattern.
     *
     * @throws IllegalStateException naming the patterns that another servlet holds already
     */
    public static void map(ServletContext context, ServletRegistration.Dynamic registration, String... patterns) {
        Set<String> conflicts = registration.addMapping(patterns);
        if (!conflicts.isEmpty()) {
            throw new IllegalStateException(registration.getName() + " cannot be mapped in " + displayPath(context)
                    + ": another servlet already holds " + String.join(", ", conflicts));
        }
    }

    /** A path the library serves, without its trailing slash ({@code /} gives the empty string). */
    public static String basePath(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String displayPath(ServletContext context) {
        return context.getContextPath().isEmpty() ? "/" : context.getContextPath();
    }
}
