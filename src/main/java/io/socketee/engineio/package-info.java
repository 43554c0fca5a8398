/**
 * The Engine.IO server: sessions, heartbeat, the polling and WebSocket transports and the upgrade between them, for
 * protocol v3 and v4 on one path. It depends on the JDK only; hosts plug in through {@link io.socketee.engineio.spi}.
 * Start at {@link io.socketee.engineio.EngineIoServer}.
 */
package io.socketee.engineio;
