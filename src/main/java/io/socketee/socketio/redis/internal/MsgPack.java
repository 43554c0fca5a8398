package io.socketee.socketio.redis.internal;

import io.socketee.socketio.protocol.msgpack.MsgPackCodec;
import io.socketee.socketio.protocol.msgpack.MsgPackException;
import jakarta.json.JsonValue;

/**
 * The msgpack of the Redis adapter's messages: {@link MsgPackCodec}, with its errors reported as
 * {@link WireFormatException} like the adapter's other wire errors. Thread-safe (stateless).
 */
public final class MsgPack {
    private MsgPack() {
    }

    /** The msgpack bytes of a JSON-P value. */
    public static byte[] encode(JsonValue value) {
        return MsgPackCodec.encode(value);
    }

    /**
     * Decodes one msgpack value filling all of {@code bytes}.
     *
     * @param maxDepth deepest nesting of arrays and maps accepted
     * @throws WireFormatException on malformed input, trailing bytes, or a limit broken
     */
    public static JsonValue decode(byte[] bytes, int maxDepth) throws WireFormatException {
        try {
            return MsgPackCodec.decode(bytes, maxDepth);
        } catch (MsgPackException e) {
            throw new WireFormatException(e.getMessage(), e);
        }
    }
}
