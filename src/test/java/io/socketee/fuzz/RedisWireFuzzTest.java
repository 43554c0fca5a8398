package io.socketee.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.socketee.socketio.redis.internal.MsgPack;
import io.socketee.socketio.redis.internal.WireFormatException;
import io.socketee.socketio.redis.internal.WireJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Arrays;

/**
 * Fuzz tests of the Redis adapter's wire decoding: {@link MsgPack#decode} and {@link WireJson#decodeAny} (JSON text
 * when the message starts with {@code '{'}, msgpack otherwise). Input format: byte 0 = the depth limit (0-31), the rest
 * the message. Seeds: {@code src/test/resources/io/socketee/fuzz/RedisWireFuzzTestInputs/<method>/}.
 *
 * <p>Property: only {@link WireFormatException} escapes; a decoded msgpack value respects the depth limit and is
 * encoded and decoded again to itself (so whatever the decoder accepts the encoder can write).
 */
class RedisWireFuzzTest {

    @FuzzTest
    void msgPack(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int maxDepth = input[0] & 31;
        byte[] message = Arrays.copyOfRange(input, 1, input.length);
        JsonValue value;
        try {
            value = MsgPack.decode(message, maxDepth);
        } catch (WireFormatException e) {
            return;
        }
        assertTrue(depth(value) <= maxDepth, "depth limit exceeded");
        try {
            MsgPack.decode(MsgPack.encode(value), maxDepth);
        } catch (WireFormatException e) {
            fail("re-encoded value not decodable: " + e.getMessage());
        }
    }

    @FuzzTest
    void wireJson(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int maxDepth = input[0] & 31;
        byte[] message = Arrays.copyOfRange(input, 1, input.length);
        try {
            WireJson.decodeAny(message, maxDepth);
        } catch (WireFormatException e) {
            return;
        }
    }

    /** Nesting depth: 0 for a scalar, 1 for an array or map of scalars. */
    private static int depth(JsonValue value) {
        int d = 0;
        if (value instanceof JsonArray array) {
            for (JsonValue v : array) {
                d = Math.max(d, depth(v));
            }
            return d + 1;
        }
        if (value instanceof JsonObject object) {
            for (JsonValue v : object.values()) {
                d = Math.max(d, depth(v));
            }
            return d + 1;
        }
        return 0;
    }
}
