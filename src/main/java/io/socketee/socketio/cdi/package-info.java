/**
 * Socket.IO handlers as CDI beans: {@link io.socketee.socketio.cdi.SocketNamespace} beans with
 * {@link io.socketee.socketio.cdi.SocketEvent}, {@link io.socketee.socketio.cdi.OnConnect},
 * {@link io.socketee.socketio.cdi.AfterConnect}, {@link io.socketee.socketio.cdi.OnDisconnect},
 * {@link io.socketee.socketio.cdi.OnDisconnecting} and
 * {@link io.socketee.socketio.cdi.OnError} methods, found and
 * checked at deployment by the portable extension {@link io.socketee.socketio.cdi.SocketIoExtension}, bound to
 * method handles once, and called with the request context active; and the injectable
 * {@link io.socketee.socketio.SocketIoServer}.
 *
 * <p>The CDI API is optional for the rest of the library: only this package loads it. So are Jakarta Annotations'
 * {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} (read by name, once, at deployment:
 * {@code HandlerAccess}) and Jakarta Validation ({@code BeanValidation}, loaded only when a handler's parameters carry
 * its annotations); a refused call and an invalid payload are answered before the handler runs, on the same thread.
 *
 * <p>Threading: handlers run on the container thread that read the packet, never concurrently for one socket, and
 * must not block it; an event handler may answer later through a {@code CompletionStage} or an {@code Ack}.
 * {@link io.socketee.socketio.cdi.Blocking} handlers (or all of them, with the server option {@code handlers}
 * {@code BLOCKING}) run on the server's blocking executor instead, in the socket's order, with the request context
 * active there too.
 */
package io.socketee.socketio.cdi;
