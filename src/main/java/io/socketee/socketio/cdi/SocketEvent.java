package io.socketee.socketio.cdi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles one event of the namespace of its bean ({@link SocketNamespace}).
 *
 * <p>Parameters are resolved by type: {@link io.socketee.socketio.Socket}, {@link io.socketee.socketio.core.Ack},
 * {@link java.security.Principal} (the handshake's user, or {@code null}), {@link io.socketee.socketio.core.Handshake},
 * {@link io.socketee.socketio.Namespace}, {@code jakarta.servlet.http.HttpSession} (or {@code null}); every other
 * parameter takes the next event argument, bound with JSON-B (records, POJOs, {@code String}, numbers,
 * {@code List<T>}, {@code Map}, {@link jakarta.json.JsonValue}, {@code byte[]} for binary). A missing argument is
 * {@code null}.
 *
 * <p>The return value is the acknowledgement, sent when the client asked for one; a
 * {@link java.util.concurrent.CompletionStage} sends it when it completes; {@code void} sends none (answer through an
 * {@code Ack} parameter instead, at once or later). A method may not both return a value and take an {@code Ack}.
 * An exception goes to the namespace's {@link OnError} method, or to the default one; the connection stays up.
 *
 * <p>{@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on the method (else on its class) decide who may
 * call it: a refused call is not made and its ack gets {@code {"message":"Forbidden"}}. With Jakarta Validation in the
 * application, {@code @Valid} and constraints on payload parameters are checked first: a violation is not called, its
 * ack gets {@link InvalidPayloadException#toJson()}, and {@link OnError} the exception.
 *
 * <p>{@code @SocketEvent(SocketEvent.ANY)} ({@code "*"}) is the namespace's catch-all: it handles the events no
 * other method of the namespace handles (python-socketio's {@code '*'} handler), with the same parameters; an
 * {@link IncomingEvent} parameter gives the event's name. An {@link IncomingEvent} parameter in any handler receives
 * the event.
 *
 * <p>Called on the container thread that read the event, with the CDI request context active; it must not block,
 * unless it is {@link Blocking} (or the server runs every handler so), when it runs on a worker.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SocketEvent {
    /** The name of the catch-all handler's "event": the events no other handler of the namespace handles. */
    String ANY = "*";

    /** The event name, or {@link #ANY}. */
    String value();
}
