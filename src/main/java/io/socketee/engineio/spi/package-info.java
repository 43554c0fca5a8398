/**
 * What a host (a servlet container, or anything else that speaks HTTP and WebSocket) provides to run an
 * {@link io.socketee.engineio.EngineIoServer}: a long-polling exchange, a WebSocket channel, a view of the request, and
 * the copy of the request that opened a session ({@link io.socketee.engineio.spi.EngineIoRequest}). JDK only.
 */
package io.socketee.engineio.spi;
