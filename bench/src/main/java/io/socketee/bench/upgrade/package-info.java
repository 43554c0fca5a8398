/**
 * The experiment of issue 19: a WebSocket transport for Engine.IO on the standard Servlet upgrade API
 * ({@code HttpServletRequest.upgrade}, {@code HttpUpgradeHandler}, non-blocking streams) with RFC 6455 framing of
 * our own, beside the library's JSR-356 endpoint, to measure whether it gets past the containers' per-message thread
 * hand-offs. {@link io.socketee.bench.upgrade.UpgradeFilter} takes the handshakes of an Engine.IO path;
 * {@link io.socketee.bench.upgrade.UpgradedWebSocket} is one connection (its class comment gives the concurrency).
 * The bench serves it as impls {@code jettyup} (Jetty 12.1: Jetty 12.0's ee10 has no Servlet upgrade) and
 * {@code tomcatup}.
 */
package io.socketee.bench.upgrade;
