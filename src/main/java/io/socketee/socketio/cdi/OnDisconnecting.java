package io.socketee.socketio.cdi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs once when a socket is about to leave the namespace of its bean, while it is still in its rooms (Node's
 * {@code disconnecting} event; {@code socket.rooms()} answers as before); {@link OnDisconnect} follows. Parameters:
 * {@link io.socketee.socketio.Socket}, {@link io.socketee.socketio.DisconnectReason}, and the handshake types
 * {@link SocketEvent} lists; returns {@code void}. One per namespace.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnDisconnecting {
}
