package io.socketee.socketio.cdi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Receives what the event handlers of its bean's namespace throw (and what an asynchronous acknowledgement fails
 * with, or an argument that cannot be bound); the connection stays up. Parameters: a {@link Throwable} (or a
 * subtype: then it receives only those), {@link io.socketee.socketio.Socket}, {@link IncomingEvent} (the event whose
 * handler failed: its name and arguments; {@code null} for an error from elsewhere, an {@link AfterConnect} method
 * say), and the handshake types {@link SocketEvent} lists; returns {@code void}. One per namespace. Runs on the thread
 * of the failing handler (a worker for a {@link Blocking} one).
 *
 * <p>With {@link #defaultHandler()} it catches the errors of every namespace that has no handler of its own (Flask's
 * {@code on_error_default}); one per application. Errors nobody handles are logged.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnError {
    /** Whether this handles the namespaces without an {@code @OnError} of their own, instead of its bean's one. */
    boolean defaultHandler() default false;
}
