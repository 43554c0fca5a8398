package io.socketee.socketio.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.socketee.socketio.protocol.Binary;
import io.socketee.socketio.redis.internal.MsgPack;
import io.socketee.socketio.redis.internal.WireFormatException;
import io.socketee.socketio.redis.internal.WireJson;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of the msgpack codec against bytes written by {@code notepack.io} 3.0.1 (the encoder of Node's Redis
 * adapter and emitter), each paired with a decode of the same bytes.
 */
class MsgPackTest {
    private static final HexFormat HEX = HexFormat.of();

    /** notepack.encode(["abc123", {type: 2, data: ["news", 1, "two", {a: true, b: null}, Buffer [1,2,3]], nsp: "/"},
     *  {rooms: ["room1"], except: ["x"], flags: {}}]) */
    private static final String BROADCAST = "93a661626331323383a47479706502a46461746195a46e65777301a374776f82a161c3a162"
            + "c0c403010203a36e7370a12f83a5726f6f6d7391a5726f6f6d31a665786365707491a178a5666c61677380";

    /** notepack.encode(["emitter", {type: 2, data: ["hi", 1.5, -200, 2 ** 40, -1], nsp: "/admin"},
     *  {rooms: [], flags: {volatile: true}, except: []}]) */
    private static final String EMITTER = "93a7656d697474657283a47479706502a46461746195a26869cb3ff8000000000000d1ff38cf"
            + "0000010000000000ffa36e7370a62f61646d696e83a5726f6f6d7390a5666c61677381a8766f6c6174696c65c3a66578636570"
            + "7490";

    private static JsonArray broadcastValue() {
        return Json.createArrayBuilder()
                .add("abc123")
                .add(Json.createObjectBuilder().add("type", 2)
                        .add("data", Json.createArrayBuilder().add("news").add(1).add("two")
                                .add(Json.createObjectBuilder().add("a", true).addNull("b"))
                                .add(Binary.of(new byte[] {1, 2, 3})))
                        .add("nsp", "/"))
                .add(Json.createObjectBuilder().add("rooms", Json.createArrayBuilder().add("room1"))
                        .add("except", Json.createArrayBuilder().add("x"))
                        .add("flags", JsonValue.EMPTY_JSON_OBJECT))
                .build();
    }

    @Test
    void encodesBroadcastExactlyAsNotepack() {
        assertEquals(BROADCAST, HEX.formatHex(MsgPack.encode(broadcastValue())));
    }

    @Test
    void decodesBroadcastWithBufferAsBinary() throws WireFormatException {
        JsonValue decoded = MsgPack.decode(HEX.parseHex(BROADCAST), 64);
        assertEquals(broadcastValue(), decoded);
        JsonValue buffer = decoded.asJsonArray().getJsonObject(1).getJsonArray("data").get(4);
        assertInstanceOf(Binary.class, buffer);
        assertArrayEquals(new byte[] {1, 2, 3}, ((Binary) buffer).bytes());
    }

    @Test
    void encodesAndDecodesNumbersAsNotepack() throws WireFormatException {
        JsonArray data = Json.createArrayBuilder().add("hi").add(1.5).add(-200).add(1L << 40).add(-1).build();
        JsonArray message = Json.createArrayBuilder()
                .add("emitter")
                .add(Json.createObjectBuilder().add("type", 2).add("data", data).add("nsp", "/admin"))
                .add(Json.createObjectBuilder().add("rooms", JsonValue.EMPTY_JSON_ARRAY)
                        .add("flags", Json.createObjectBuilder().add("volatile", true))
                        .add("except", JsonValue.EMPTY_JSON_ARRAY))
                .build();
        assertEquals(EMITTER, HEX.formatHex(MsgPack.encode(message)));
        JsonArray decoded = MsgPack.decode(HEX.parseHex(EMITTER), 64).asJsonArray();
        JsonArray decodedData = decoded.getJsonObject(1).getJsonArray("data");
        assertEquals(1.5, decodedData.getJsonNumber(1).doubleValue());
        assertEquals(-200, decodedData.getInt(2));
        assertEquals(1L << 40, decodedData.getJsonNumber(3).longValue());
        assertEquals(-1, decodedData.getInt(4));
    }

    @Test
    void encodesIntegerBoundariesAsNotepack() {
        assertEquals("cf0020000000000000", hex(Json.createValue(1L << 53)));
        assertEquals("d3ffffff0000000000", hex(Json.createValue(-(1L << 40))));
        assertEquals("cf0000000100000000", hex(Json.createValue(4294967296L)));
        assertEquals("ce00010000", hex(Json.createValue(65536)));
        assertEquals("d2ffff7fff", hex(Json.createValue(-32769)));
        assertEquals("cb3ff8000000000000", hex(Json.createValue(1.5)));
        assertEquals("01", hex(Json.createValue(new java.math.BigDecimal("1.0")))); // JavaScript has one number type
    }

    @Test
    void encodesStringsByUtf8Length() {
        assertEquals("d928" + "78".repeat(40), hex(Json.createValue("x".repeat(40))));
        assertEquals("a7e282acf09f9880", hex(Json.createValue("€😀")));
        assertEquals("c5012c", hex(Binary.of(new byte[300])).substring(0, 6)); // bin 16
    }

    @Test
    void decodesDatesAsTheirJsonText() throws WireFormatException {
        // new Date(Date.UTC(2026, 10, 22, 10, 0, 0, 123)) and new Date(1700000000000)
        assertEquals(Json.createValue("2026-11-22T10:00:00.123Z"), MsgPack.decode(HEX.parseHex("d7ff1d5353006b02bd20"), 8));
        assertEquals(Json.createValue("2023-11-14T22:13:20.000Z"), MsgPack.decode(HEX.parseHex("d6ff6553f100"), 8));
    }

    @Test
    void decodesUndefinedAsNull() throws WireFormatException {
        assertEquals(Json.createArrayBuilder().addNull().addNull().build(),
                MsgPack.decode(HEX.parseHex("92c0d40000"), 8));
    }

    @Test
    void refusesTruncatedInput() {
        assertThrows(WireFormatException.class, () -> MsgPack.decode(HEX.parseHex("93a6616263"), 8));
        assertThrows(WireFormatException.class, () -> MsgPack.decode(HEX.parseHex("c4ff01"), 8));
        assertThrows(WireFormatException.class, () -> MsgPack.decode(new byte[0], 8));
    }

    @Test
    void refusesLengthsBeyondTheInputWithoutAllocating() {
        // array 32 and map 32 claiming 2^32-1 elements, str 32 claiming 4 GiB
        assertThrows(WireFormatException.class, () -> MsgPack.decode(HEX.parseHex("ddffffffff"), 8));
        assertThrows(WireFormatException.class, () -> MsgPack.decode(HEX.parseHex("dfffffffff00"), 8));
        assertThrows(WireFormatException.class, () -> MsgPack.decode(HEX.parseHex("dbffffffff41"), 8));
    }

    @Test
    void refusesNestingBeyondTheLimit() {
        byte[] deep = new byte[100];
        java.util.Arrays.fill(deep, (byte) 0x91);
        deep[99] = (byte) 0xc0;
        assertThrows(WireFormatException.class, () -> MsgPack.decode(deep, 64));
    }

    @Test
    void refusesTrailingBytesAndUnknownPrefixes() {
        assertThrows(WireFormatException.class, () -> MsgPack.decode(HEX.parseHex("c0c0"), 8));
        assertThrows(WireFormatException.class, () -> MsgPack.decode(HEX.parseHex("c1"), 8));
        assertThrows(WireFormatException.class, () -> MsgPack.decode(HEX.parseHex("81c0c0"), 8)); // nil map key
    }

    @Test
    void neverThrowsAnythingButWireFormatExceptionOnGarbage() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] garbage = new byte[random.nextInt(40)];
            random.nextBytes(garbage);
            try {
                MsgPack.decode(garbage, 16);
            } catch (WireFormatException expected) {
                // fine
            }
        }
    }

    @Test
    void writesJsonAsJsonStringifyDoes() throws WireFormatException {
        JsonObject request = Json.createObjectBuilder()
                .add("uid", "abc123").add("type", 6)
                .add("data", Json.createArrayBuilder().add("ping").add("a\"b\\\n\u0001").add(2.5).add(3)
                        .add(Binary.of(new byte[] {0, (byte) 255})))
                .build();
        String json = new String(WireJson.encode(request), StandardCharsets.UTF_8);
        assertEquals("{\"uid\":\"abc123\",\"type\":6,\"data\":[\"ping\",\"a\\\"b\\\\\\n\\u0001\",2.5,3,"
                + "{\"type\":\"Buffer\",\"data\":[0,255]}]}", json);
        assertEquals("abc123", WireJson.decodeAny(json.getBytes(StandardCharsets.UTF_8), 8).asJsonObject()
                .getString("uid"));
        assertThrows(WireFormatException.class, () -> WireJson.decodeAny("{\"a\":".getBytes(StandardCharsets.UTF_8), 8));
    }

    private static String hex(JsonValue value) {
        return HEX.formatHex(MsgPack.encode(value));
    }
}
