/**
 * The adapter SPI (rooms and broadcasting for a namespace, where a cluster plugs in) and the default in-memory
 * adapter.
 */
package io.socketee.socketio.adapter;
