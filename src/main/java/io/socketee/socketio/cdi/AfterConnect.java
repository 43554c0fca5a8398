package io.socketee.socketio.cdi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when a client has joined the namespace of its bean: after the CONNECT was answered, as Node's
 * {@code connection} event, so what it emits is delivered, and before any event of the socket is handled. It cannot
 * refuse the client (that is {@link OnConnect}, which runs before, as a connect middleware). An exception goes to the
 * namespace's {@link OnError} method (or the default one); the socket stays connected.
 *
 * <p>Parameters: {@link io.socketee.socketio.Socket} and the handshake types {@link SocketEvent} lists; returns
 * {@code void}. One per namespace. May be {@link Blocking}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AfterConnect {
}
