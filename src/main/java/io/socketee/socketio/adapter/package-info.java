/**
 * The adapter SPI (rooms and broadcasting for a namespace, where a cluster plugs in) and the default in-memory
 * adapter. It sits below the server: it speaks of sockets through {@link io.socketee.socketio.core}, of packets
 * through {@link io.socketee.socketio.protocol} and {@link io.socketee.socketio.adapter.OutgoingPacket} (encoded once
 * per broadcast), never of {@code io.socketee.socketio} itself, whose namespaces implement
 * {@link io.socketee.socketio.adapter.AdapterHost}.
 *
 * <p>Connection state recovery ({@link io.socketee.socketio.adapter.ConnectionStateRecovery}) lives here too: an
 * adapter gives each kept broadcast its offset, keeps the sessions of sockets that left for a recoverable reason
 * ({@code persistSession}) and hands them back with the packets they missed ({@code restoreSession}). The in-memory
 * adapter keeps both under its own monitor, the one that guards its rooms, and never writes to a socket under it.
 */
package io.socketee.socketio.adapter;
