/**
 * What a socket shows to application code and to adapters alike: the {@link io.socketee.socketio.core.Handshake} it
 * connected with, the {@link io.socketee.socketio.core.Ack} of an event, and a
 * {@link io.socketee.socketio.core.RemoteSocket}, a socket on any node of the cluster. The server
 * ({@link io.socketee.socketio}) and the adapter SPI ({@link io.socketee.socketio.adapter}) both stand on these types,
 * so neither depends on the other; they depend on the JDK and JSON-P only.
 */
package io.socketee.socketio.core;
