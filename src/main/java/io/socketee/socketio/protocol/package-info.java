/**
 * The Socket.IO packet codec, protocol v5 (socket.io 3.x/4.x clients) and v4 (socket.io 1.x/2.x clients): the packet
 * model, the parser seam ({@link io.socketee.socketio.protocol.SocketIoParser}, Node's {@code parser} option: an
 * encoder into {@link io.socketee.socketio.protocol.WireMessage}s and a decoder per connection), and the default
 * parser, {@link io.socketee.socketio.protocol.SocketIoParser#json()}: the encoder and the per-connection decoder of
 * {@code socket.io-parser}, described below. The msgpack parser lives in {@link io.socketee.socketio.protocol.msgpack},
 * which uses this package (never the reverse). It knows nothing of Engine.IO, servlets or WebSockets: it turns
 * {@link io.socketee.socketio.protocol.Packet}s into the text and binary messages that Engine.IO carries, and back.
 *
 * <p>Payloads are Jakarta JSON-P trees ({@code jakarta.json.JsonValue}); the Parsson implementation parses them. Output
 * JSON is written by this package, compact and in key order, exactly as {@code JSON.stringify} would.
 *
 * <p><b>Binary arguments.</b> Binary data is a {@link io.socketee.socketio.protocol.Binary}: a JSON-P value (a
 * {@code JsonString} whose text is the base64 of the bytes) that may stand anywhere, at any depth, in the data of an
 * EVENT or ACK. The encoder replaces each one, depth first in document order, by {@code {"_placeholder":true,"num":i}}
 * and returns its bytes as attachment {@code i} of the {@link io.socketee.socketio.protocol.EncodedPacket}; the decoder
 * puts a {@code Binary} back in place of each placeholder, so what an application sends is what the other side
 * receives. Check {@code instanceof Binary} before treating a value as a string. {@code Binary} wraps a
 * {@code byte[]} without copying: whoever hands an array to the codec, or gets one from it, must not change it.
 *
 * <p><b>Threading.</b> Packets, {@code Binary} values and encoded packets are immutable and may be shared between
 * threads (an encoded packet is built once and sent to many clients); {@link io.socketee.socketio.protocol.PacketEncoder}
 * is stateless, and so is every {@link io.socketee.socketio.protocol.SocketIoParser}. A
 * {@link io.socketee.socketio.protocol.PacketDecoder}, as any parser's decoder, belongs to one connection and is called
 * by one thread at a time. Malformed input raises {@link io.socketee.socketio.protocol.SocketIoDecodeException} and nothing
 * else; an application packet that cannot be encoded is an {@code IllegalArgumentException}.
 */
package io.socketee.socketio.protocol;
