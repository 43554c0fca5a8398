package io.socketee.socketio.cdi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs once when a socket leaves the namespace of its bean. Parameters: {@link io.socketee.socketio.Socket},
 * {@link io.socketee.socketio.DisconnectReason}, and the handshake types {@link SocketEvent} lists; returns
 * {@code void}. One per namespace. Runs after the socket's events still waiting for {@link Blocking} handlers. May be
 * {@link Blocking}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnDisconnect {
}
