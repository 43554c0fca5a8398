/**
 * The msgpack parser of the Socket.IO layer, {@link io.socketee.socketio.protocol.msgpack.MsgPackParser}
 * (wire-compatible with {@code socket.io-msgpack-parser}), and the bounded MessagePack codec it shares with the Redis
 * adapter, {@link io.socketee.socketio.protocol.msgpack.MsgPackCodec} (bytes to and from JSON-P trees, as
 * {@code notepack.io} writes them). Uses the packet model of {@link io.socketee.socketio.protocol}; nothing there uses
 * this package.
 *
 * <p><b>Threading.</b> Everything here is immutable or stateless and safe from any thread. Malformed input raises
 * {@link io.socketee.socketio.protocol.SocketIoDecodeException} (from a decoder) or
 * {@link io.socketee.socketio.protocol.msgpack.MsgPackException} (from the codec) and nothing else.
 */
package io.socketee.socketio.protocol.msgpack;
