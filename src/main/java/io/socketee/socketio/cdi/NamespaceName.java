package io.socketee.socketio.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects a namespace for injection: {@code @Inject @NamespaceName("/chat") Namespace chat;} is
 * {@code io.of("/chat")} of the application's server.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface NamespaceName {
    /** The namespace name; a leading {@code /} is added when missing. */
    @Nonbinding
    String value();

    /** A literal of the qualifier, for the synthetic bean (its value does not matter: it is non-binding). */
    final class Literal extends AnnotationLiteral<NamespaceName> implements NamespaceName {
        private static final long serialVersionUID = 1L;
        static final Literal INSTANCE = new Literal();

        private Literal() {
        }

        @Override
        public String value() {
            return "/";
        }
    }
}
