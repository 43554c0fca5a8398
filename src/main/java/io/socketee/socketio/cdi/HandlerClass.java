package io.socketee.socketio.cdi;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A bean class with handler methods, analysed at deployment: the namespace it serves and its methods. Immutable.
 *
 * @param type      the bean class
 * @param namespace the namespace (or dynamic-namespace pattern) it serves
 * @param methods   its valid handler methods
 */
record HandlerClass(Class<?> type, Target namespace, List<HandlerMethod> methods) {

    HandlerClass {
        methods = List.copyOf(methods);
    }

    /**
     * A namespace by name, or the dynamic namespaces whose names match a regular expression.
     *
     * @param name    the namespace name, when {@code regex} is null
     * @param regex   the pattern of a dynamic namespace, or null
     */
    record Target(String name, String regex) {
        static final Target MAIN = new Target("/", null);

        /** The target a class's {@link SocketNamespace} names (the main namespace without one). */
        static Optional<Target> of(SocketNamespace annotation, String className, Consumer<String> problems) {
            if (annotation == null) {
                return Optional.of(MAIN);
            }
            String value = annotation.value();
            String pattern = annotation.pattern();
            if (!pattern.isEmpty()) {
                if (!"/".equals(value)) {
                    problems.accept("@SocketNamespace on " + className + " sets both value and pattern: set one");
                    return Optional.empty();
                }
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    problems.accept("@SocketNamespace on " + className + ": pattern is not a regular expression: "
                            + e.getDescription());
                    return Optional.empty();
                }
                return Optional.of(new Target(null, pattern));
            }
            if (value.isEmpty()) {
                return Optional.of(MAIN);
            }
            return Optional.of(new Target(value.startsWith("/") ? value : "/" + value, null));
        }

        boolean dynamic() {
            return regex != null;
        }

        @Override
        public String toString() {
            return dynamic() ? "namespaces matching " + regex : "namespace " + name;
        }
    }
}
