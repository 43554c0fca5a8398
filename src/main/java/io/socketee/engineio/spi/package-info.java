/**
 * What a host (a servlet container, or anything else that speaks HTTP and WebSocket) provides to run an
 * {@link io.socketee.engineio.EngineIoServer}: a long-polling exchange, a WebSocket channel, and a view of the request.
 * JDK only.
 */
package io.socketee.engineio.spi;
