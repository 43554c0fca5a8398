/**
 * Micrometer meters for a Socket.IO server ({@link io.socketee.micrometer.SocketeeMetrics}): an optional binding on
 * the metrics interfaces of the Engine.IO and Socket.IO layers; Micrometer ({@code io.micrometer:micrometer-core})
 * must then be on the application's class path.
 */
package io.socketee.micrometer;
