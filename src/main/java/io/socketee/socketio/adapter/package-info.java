/**
 * The adapter SPI (rooms and broadcasting for a namespace, where a cluster plugs in) and the default in-memory
 * adapter. It sits below the server: it speaks of sockets through {@link io.socketee.socketio.core}, of packets
 * through {@link io.socketee.socketio.protocol} and {@link io.socketee.socketio.adapter.OutgoingPacket} (encoded once
 * per broadcast), never of {@code io.socketee.socketio} itself, whose namespaces implement
 * {@link io.socketee.socketio.adapter.AdapterHost}.
 */
package io.socketee.socketio.adapter;
