package io.socketee.socketio.cdi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when a client joins the namespace of its bean, before the join is answered (as a connect middleware), so it
 * may refuse: by returning {@code false} (the client gets {@code connect_error} "Connection rejected by server"), or
 * by throwing {@link io.socketee.socketio.ConnectionRefusedException} with a message and data, which the client gets
 * in its {@code connect_error}. Other exceptions refuse with "Internal error" and are logged.
 *
 * <p>Returns {@code void}, {@code boolean} or {@code Boolean}. Parameters: as for {@link SocketEvent}, except
 * {@code Ack}; one payload parameter at most, bound from the client's {@code auth} object (socket.io 2.x clients:
 * the namespace's query parameters). The socket is not in the namespace yet: it may join rooms and keep data in
 * {@code socket.data()}; what it emits is held back and sent right after the CONNECT reply (as a Node client gets
 * what a middleware emits once it is connected), or dropped if it refuses. Code that should run once the client is in
 * the namespace (Node's {@code connection} event) belongs in an {@link AfterConnect} method. One per namespace. May be
 * {@link Blocking}: the join is then answered once it returned, from the worker.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnConnect {
}
