package io.socketee.socketio.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Stereotype;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean whose {@link SocketEvent}, {@link OnConnect}, {@link OnDisconnect} and {@link OnError} methods
 * handle one Socket.IO namespace.
 *
 * <pre>{@code
 * @SocketNamespace("/chat")
 * @ApplicationScoped
 * public class Chat {
 *     @SocketEvent("message")
 *     Receipt message(Socket socket, ChatMessage message) { ... }     // the return value is the ack
 * }
 * }</pre>
 *
 * <p>It is a stereotype with the default scope {@code @Dependent}, so that the class is a bean even in a bean archive
 * whose discovery mode is {@code annotated} (the meaning of an empty {@code beans.xml}); a scope declared on the class
 * wins. A bean class with handler methods and no {@code @SocketNamespace} handles the main namespace {@code /}.
 * Several beans may serve one namespace, as long as no event has two handlers.
 */
@Stereotype
@Dependent
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SocketNamespace {
    /** The namespace name, {@code /} by default; a leading {@code /} is added when missing. */
    String value() default "/";

    /**
     * A regular expression: the handlers then serve every namespace whose whole name matches it, created on demand
     * (a dynamic namespace, Node's {@code io.of(/^\/room-\d+$/)}). Set either this or {@link #value()}.
     */
    String pattern() default "";
}
