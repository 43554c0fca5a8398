/**
 * Helpers the packages of the Socket.IO layer share (the server, its codec, its adapters, the CDI binding), kept in one
 * place instead of a copy in each. Not an API: may change without notice. Depends on the JDK and JSON-P only, so that
 * every package of the layer, the codec included, may use it.
 */
package io.socketee.socketio.internal;
