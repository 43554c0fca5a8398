package io.socketee.socketio.cdi;

import io.socketee.socketio.core.Handshake;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Who may call a handler, from the Jakarta Annotations security annotations {@code @RolesAllowed},
 * {@code @PermitAll} and {@code @DenyAll}: the method's, else its handler class's, else anyone. Checked against the
 * handshake's user and roles (captured from the request that opened the connection, see {@link Handshake#roles()});
 * {@code @RolesAllowed("**")} admits any authenticated user, as in the Servlet specification. Read once, at
 * deployment, by annotation name: the annotations are optional ({@code jakarta.annotation-api} need not be present).
 * Immutable; any thread.
 */
final class HandlerAccess {
    private static final String ROLES_ALLOWED = "jakarta.annotation.security.RolesAllowed";
    private static final String PERMIT_ALL = "jakarta.annotation.security.PermitAll";
    private static final String DENY_ALL = "jakarta.annotation.security.DenyAll";
    /** {@code @RolesAllowed("**")}: any authenticated user. */
    static final String ANY_AUTHENTICATED = "**";

    static final HandlerAccess ANYONE = new HandlerAccess(true, false, Set.of(), false);
    static final HandlerAccess NOBODY = new HandlerAccess(false, false, Set.of(), true);

    private final boolean anyone;
    private final boolean authenticated;
    private final Set<String> roles;
    private final boolean declared;

    private HandlerAccess(boolean anyone, boolean authenticated, Set<String> roles, boolean declared) {
        this.anyone = anyone;
        this.authenticated = authenticated;
        this.roles = Set.copyOf(roles);
        this.declared = declared;
    }

    /**
     * The access rule of {@code method} in handler class {@code type}: the method's annotation, else the class's
     * (the bean class or, for an inherited method, its declaring class), else anyone. Reports a method or class that
     * carries more than one of the three.
     */
    static HandlerAccess of(Class<?> type, Method method, Consumer<String> problems) {
        HandlerAccess onMethod = declaredOn(method, "method " + type.getName() + "." + method.getName(), problems);
        if (onMethod != null) {
            return onMethod;
        }
        HandlerAccess onClass = declaredOn(type, "class " + type.getName(), problems);
        if (onClass == null && method.getDeclaringClass() != type) {
            onClass = declaredOn(method.getDeclaringClass(), "class " + method.getDeclaringClass().getName(),
                    problems);
        }
        return onClass != null ? onClass : ANYONE;
    }

    /** The rule a class declares for all its handlers; {@link #ANYONE}, undeclared, without one. */
    static HandlerAccess ofClass(Class<?> type, Consumer<String> problems) {
        HandlerAccess onClass = declaredOn(type, "class " + type.getName(), problems);
        return onClass != null ? onClass : ANYONE;
    }

    /** Admits whom any of these admits (a namespace served by several classes). */
    static HandlerAccess anyOf(List<HandlerAccess> rules) {
        boolean anyone = false;
        boolean authenticated = false;
        Set<String> roles = new HashSet<>();
        boolean declared = true;
        for (HandlerAccess rule : rules) {
            anyone |= rule.anyone;
            authenticated |= rule.authenticated;
            roles.addAll(rule.roles);
            declared &= rule.declared;
        }
        return new HandlerAccess(anyone, authenticated, roles, declared);
    }

    private static HandlerAccess declaredOn(AnnotatedElement element, String where, Consumer<String> problems) {
        HandlerAccess found = null;
        int count = 0;
        for (Annotation annotation : element.getAnnotations()) {
            String name = annotation.annotationType().getName();
            if (name.equals(PERMIT_ALL)) {
                found = new HandlerAccess(true, false, Set.of(), true);
                count++;
            } else if (name.equals(DENY_ALL)) {
                found = NOBODY;
                count++;
            } else if (name.equals(ROLES_ALLOWED)) {
                found = rolesAllowed(annotation);
                count++;
            }
        }
        if (count > 1) {
            problems.accept(where + " carries more than one of @RolesAllowed, @PermitAll, @DenyAll: keep one");
        }
        return found;
    }

    private static HandlerAccess rolesAllowed(Annotation annotation) {
        String[] value;
        try {
            value = (String[]) annotation.annotationType().getMethod("value").invoke(annotation);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot read " + annotation, e);
        }
        Set<String> roles = new HashSet<>(List.of(value));
        boolean authenticated = roles.remove(ANY_AUTHENTICATED);
        return new HandlerAccess(false, authenticated, roles, true);
    }

    /** Whether the user of this handshake may call the handler. */
    boolean admits(Handshake handshake) {
        if (anyone) {
            return true;
        }
        if (handshake.principal().isEmpty()) {
            return false;
        }
        if (authenticated) {
            return true;
        }
        for (String role : roles) {
            if (handshake.isUserInRole(role)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the rule came from an annotation (not the default, anyone). */
    boolean declared() {
        return declared;
    }

    /** The role names the rule needs the container to be asked about. */
    Set<String> roles() {
        return roles;
    }

    @Override
    public String toString() {
        return anyone ? "anyone" : authenticated ? "authenticated users" : roles.isEmpty() ? "nobody"
                : "roles " + roles;
    }
}
