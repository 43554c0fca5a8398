/**
 * The Jakarta EE binding of the whole: {@link io.socketee.jakarta.SocketIoInitializer}, the servlet container
 * initializer that creates the Socket.IO server of a web application from its context parameters, registers the
 * servlet (polling and WebSocket upgrade) and binds the CDI handlers where CDI is present.
 */
package io.socketee.jakarta;
