/**
 * The Jakarta EE binding of the whole: {@link io.socketee.jakarta.SocketIoInitializer}, the servlet container
 * initializer that creates the Socket.IO server of a web application from its context parameters, registers the
 * servlet (polling and WebSocket upgrade) and binds the CDI handlers where CDI is present (and asks the servlet to
 * capture the roles their {@code @RolesAllowed} name); and {@link io.socketee.jakarta.SessionEndDisconnect}, which
 * disconnects the sockets of an {@code HttpSession} that ends.
 */
package io.socketee.jakarta;
