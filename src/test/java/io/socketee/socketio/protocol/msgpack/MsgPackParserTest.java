package io.socketee.socketio.protocol.msgpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.socketio.protocol.Binary;
import io.socketee.socketio.protocol.Packet;
import io.socketee.socketio.protocol.SocketIoDecodeException;
import io.socketee.socketio.protocol.SocketIoParser;
import io.socketee.socketio.protocol.SocketIoVersion;
import io.socketee.socketio.protocol.WireMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of the msgpack parser against bytes written by the real npm packages: socket.io 4.8.4 and
 * socket.io-client 4.8.1, both with {@code socket.io-msgpack-parser} 3.0.2 (notepack.io 2.2.0), recorded from the raw
 * Engine.IO messages of one connection (a node script on the server's {@code packet}/{@code packetCreate} events), or
 * written by that parser's {@code Encoder} for the packet objects the Node server builds. Each encode test is paired
 * with a decode of the same bytes.
 */
class MsgPackParserTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SocketIoParser PARSER = MsgPackParser.create();

    // ---- written by the Node server (socket.io 4.8.4) ------------------------------------------------------------

    /** socket.emit("news", "héllo", "日本語", "😀", {n: 1.5, big: 2 ** 40, neg: -200}, null, true) */
    private static final String NEWS = "83a47479706502a46461746197a46e657773a668c3a96c6c6fa9e697a5e69cace8aa9ea4f09f9880"
            + "83a16ecb3ff8000000000000a3626967cf0000010000000000a36e6567d1ff38c0c3a36e7370a12f";
    /** socket.emit("bin", Buffer.from([0, 255]), {nested: [Buffer.from([7])]}) */
    private static final String BIN = "83a47479706502a46461746193a362696ec40200ff81a66e657374656491c40107a36e7370a12f";
    /** socket.timeout(100).emit("ask", 1, callback): the first ack id of the namespace, 0 */
    private static final String ASK = "84a47479706502a46461746192a361736b01a2696400a36e7370a12f";
    /** the ack callback("ok", Buffer.from([1, 2, 3])) of an event with id 0: keys id, type, data, nsp */
    private static final String ACK = "84a2696400a47479706503a46461746192a26f6bc403010203a36e7370a12f";
    /** socket.disconnect() on /admin */
    private static final String DISCONNECT = "82a47479706501a36e7370a62f61646d696e";
    /**
     * {type: 0, data: {sid: "abc"}, nsp: "/"} (the Node server also writes {@code pid: undefined}, d40000, into data
     * when connection state recovery is off; a client ignores it, and we leave it out)
     */
    private static final String CONNECT_REPLY = "83a47479706500a46461746181a3736964a3616263a36e7370a12f";
    /** {type: 4, data: {message: "not authorized", data: {code: 42}}, nsp: "/private"} */
    private static final String CONNECT_ERROR = "83a47479706504a46461746182a76d657373616765ae6e6f7420617574686f72697a6564"
            + "a46461746181a4636f64652aa36e7370a82f70726976617465";
    /** {type: 4, data: "Invalid namespace", nsp: "/nope"} */
    private static final String CONNECT_ERROR_STRING = "83a47479706504a464617461b1496e76616c6964206e616d657370616365a36e"
            + "7370a52f6e6f7065";
    /** every integer width of notepack, and two doubles */
    private static final String NUMBERS = "83a47479706502a464617461dc0015a16e007fcc80ccffcd0100cdffffce00010000ceffffffff"
            + "cf0000000100000000ffe0d0dfd080d1ff7fd18000d2ffff7fffd280000000d3ffffffff7fffffffcb3fe0000000000000cbc002000"
            + "000000000a36e7370a12f";
    /** ["large", Buffer.alloc(300, 0xab), "x".repeat(40), Array(16).fill(0), {k0: 0, …, k15: 15}]: the 16-bit forms */
    private static final String LARGE = "83a47479706502a46461746195a56c61726765c5012c" + "ab".repeat(300) + "d928"
            + "78".repeat(40) + "dc001000000000000000000000000000000000de0010a26b3000a26b3101a26b3202a26b3303a26b3404"
            + "a26b3505a26b3606a26b3707a26b3808a26b3909a36b31300aa36b31310ba36b31320ca36b31330da36b31340ea36b31350fa36e73"
            + "70a12f";

    // ---- written by the client (socket.io-client 4.8.1) -----------------------------------------------------------

    /** io(url, {parser, auth: {token: "é"}}): CONNECT to / */
    private static final String CLIENT_CONNECT = "83a47479706500a46461746181a5746f6b656ea2c3a9a36e7370a12f";
    /** io(url + "/admin", {parser}): CONNECT without auth, data undefined (d40000) */
    private static final String CLIENT_CONNECT_NO_AUTH = "83a47479706500a464617461d40000a36e7370a62f61646d696e";
    /** s.emit("hello", "wörld", 42): with the client's options {compress: true} */
    private static final String CLIENT_EVENT = "84a47479706502a46461746193a568656c6c6fa677c3b6726c642aa76f7074696f6e7381"
            + "a8636f6d7072657373c3a36e7370a12f";
    /** s.emit("hello", Buffer.from([9, 8]), new Uint8Array([5]).buffer, callback): a Buffer as bin, an ArrayBuffer as ext 0 */
    private static final String CLIENT_BINARY_WITH_ACK = "85a47479706502a46461746193a568656c6c6fc4020908c7010005a76f7074"
            + "696f6e7381a8636f6d7072657373c3a2696400a36e7370a12f";

    private static byte[] encode(Packet packet) {
        List<WireMessage> messages = PARSER.encode(packet, SocketIoVersion.V5);
        assertEquals(1, messages.size(), "one message per packet");
        return assertInstanceOf(WireMessage.Bytes.class, messages.get(0), "a binary message").bytes();
    }

    private static Packet decode(String hex) throws SocketIoDecodeException {
        return decode(hex, SocketIoVersion.V5);
    }

    private static Packet decode(String hex, SocketIoVersion version) throws SocketIoDecodeException {
        return PARSER.newDecoder(version, 10).decodeBinary(HEX.parseHex(hex)).orElseThrow();
    }

    private static JsonArray array(Object... values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Object value : values) {
            if (value instanceof JsonValue json) {
                array.add(json);
            } else if (value instanceof String s) {
                array.add(s);
            } else if (value instanceof Integer i) {
                array.add(i);
            } else if (value instanceof Long l) {
                array.add(l);
            } else if (value instanceof Double d) {
                array.add(d);
            } else if (value == null) {
                array.addNull();
            } else if (value instanceof Boolean b) {
                array.add(b);
            } else {
                throw new IllegalArgumentException(String.valueOf(value));
            }
        }
        return array.build();
    }

    private static JsonArray newsData() {
        return array("news", "h\u00e9llo", "\u65e5\u672c\u8a9e", "\ud83d\ude00",
                Json.createObjectBuilder().add("n", 1.5).add("big", 1L << 40).add("neg", -200).build(), null, true);
    }

    private static JsonArray binData() {
        return array("bin", Binary.of(new byte[] {0, (byte) 255}),
                Json.createObjectBuilder().add("nested", array(Binary.of(new byte[] {7}))).build());
    }

    @Test
    void encodesEventWithNonAsciiStringsAndNumbersAsTheNodeServer() {
        assertEquals(NEWS, HEX.formatHex(encode(Packet.event("/", newsData()))));
    }

    @Test
    void decodesEventWithNonAsciiStringsAndNumbers() throws SocketIoDecodeException {
        assertEquals(Packet.event("/", newsData()), decode(NEWS));
    }

    @Test
    void encodesBinaryInPlaceAsBinWithoutAttachments() {
        assertEquals(BIN, HEX.formatHex(encode(Packet.event("/", binData()))));
    }

    @Test
    void decodesBinAsBinaryInPlace() throws SocketIoDecodeException {
        Packet.Event event = (Packet.Event) decode(BIN);
        assertArrayEquals(new byte[] {0, (byte) 255}, ((Binary) event.data().get(1)).bytes());
        Binary nested = (Binary) event.data().get(2).asJsonObject().getJsonArray("nested").get(0);
        assertArrayEquals(new byte[] {7}, nested.bytes());
    }

    @Test
    void encodesEventWithAckIdBeforeTheNamespace() {
        assertEquals(ASK, HEX.formatHex(encode(Packet.event("/", 0, array("ask", 1)))));
    }

    @Test
    void decodesEventWithAckId() throws SocketIoDecodeException {
        assertEquals(Packet.event("/", 0, array("ask", 1)), decode(ASK));
    }

    @Test
    void encodesAckWithItsIdFirstAsTheNodeServer() {
        assertEquals(ACK, HEX.formatHex(encode(Packet.ack("/", 0, array("ok", Binary.of(new byte[] {1, 2, 3}))))));
    }

    @Test
    void decodesAck() throws SocketIoDecodeException {
        Packet.Ack ack = (Packet.Ack) decode(ACK);
        assertEquals(0, ack.ackId());
        assertArrayEquals(new byte[] {1, 2, 3}, ((Binary) ack.data().get(1)).bytes());
    }

    @Test
    void encodesAndDecodesDisconnect() throws SocketIoDecodeException {
        assertEquals(DISCONNECT, HEX.formatHex(encode(Packet.disconnect("/admin"))));
        assertEquals(Packet.disconnect("/admin"), decode(DISCONNECT));
    }

    @Test
    void encodesConnectReplyWithSid() throws SocketIoDecodeException {
        assertEquals(CONNECT_REPLY, HEX.formatHex(encode(Packet.connectReply("/", "abc"))));
        assertEquals(Optional.of("abc"), ((Packet.Connect) decode(CONNECT_REPLY)).sid());
    }

    @Test
    void encodesConnectErrorsWithObjectAndStringPayloads() throws SocketIoDecodeException {
        Packet error = Packet.connectError("/private", Json.createObjectBuilder().add("message", "not authorized")
                .add("data", Json.createObjectBuilder().add("code", 42)).build());
        assertEquals(CONNECT_ERROR, HEX.formatHex(encode(error)));
        assertEquals(error, decode(CONNECT_ERROR));
        Packet invalid = Packet.connectError("/nope", Json.createValue("Invalid namespace"));
        assertEquals(CONNECT_ERROR_STRING, HEX.formatHex(encode(invalid)));
        assertEquals(invalid, decode(CONNECT_ERROR_STRING));
    }

    @Test
    void encodesEveryIntegerWidthAsNotepack() throws SocketIoDecodeException {
        JsonArray numbers = array("n", 0, 127, 128, 255, 256, 65535, 65536, 4294967295L, 4294967296L, -1, -32, -33,
                -128, -129, -32768, -32769, -2147483648L, -2147483649L, 0.5, -2.25);
        assertEquals(NUMBERS, HEX.formatHex(encode(Packet.event("/", numbers))));
        assertEquals(Packet.event("/", numbers), decode(NUMBERS));
    }

    @Test
    void encodesLongStringsBinariesArraysAndMapsInTheir16BitForms() throws SocketIoDecodeException {
        JsonArrayBuilder zeros = Json.createArrayBuilder();
        JsonObjectBuilder keys = Json.createObjectBuilder();
        for (int i = 0; i < 16; i++) {
            zeros.add(0);
            keys.add("k" + i, i);
        }
        byte[] blob = new byte[300];
        java.util.Arrays.fill(blob, (byte) 0xab);
        JsonArray data = array("large", Binary.of(blob), "x".repeat(40), zeros.build(), keys.build());
        assertEquals(LARGE, HEX.formatHex(encode(Packet.event("/", data))));
        assertEquals(Packet.event("/", data), decode(LARGE));
    }

    @Test
    void decodesTheClientsConnectWithAuth() throws SocketIoDecodeException {
        assertEquals(Packet.connect("/", Json.createObjectBuilder().add("token", "\u00e9").build()),
                decode(CLIENT_CONNECT));
    }

    @Test
    void decodesTheClientsConnectWithUndefinedDataAsNoPayload() throws SocketIoDecodeException {
        assertEquals(Packet.connect("/admin"), decode(CLIENT_CONNECT_NO_AUTH));
    }

    @Test
    void decodesTheClientsEventIgnoringItsOptions() throws SocketIoDecodeException {
        assertEquals(Packet.event("/", array("hello", "w\u00f6rld", 42)), decode(CLIENT_EVENT));
    }

    @Test
    void decodesTheClientsBufferAndArrayBufferAsBinaryWithAckId() throws SocketIoDecodeException {
        Packet.Event event = (Packet.Event) decode(CLIENT_BINARY_WITH_ACK);
        assertEquals(OptionalLong.of(0), event.ackId());
        assertEquals("hello", event.name());
        assertArrayEquals(new byte[] {9, 8}, ((Binary) event.data().get(1)).bytes());
        assertArrayEquals(new byte[] {5}, ((Binary) event.data().get(2)).bytes());
    }

    @Test
    void decodesNodeDateAsItsJsonText() throws SocketIoDecodeException {
        // {type: 2, data: ["d", new Date(Date.UTC(2026, 11, 2, 1, 2, 3, 4))], nsp: "/"}: notepack 2's fixext 8 type 0
        Packet.Event event = (Packet.Event) decode("83a47479706502a46461746192a164d700000001a23445dafca36e7370a12f");
        assertEquals(Json.createValue("2026-12-02T01:02:03.004Z"), event.data().get(1));
    }

    @Test
    void keepsTheQueryOfAV4ConnectApart() throws SocketIoDecodeException {
        // {type: 0, nsp: "/admin?token=1"}
        Packet.Connect connect = (Packet.Connect) decode("82a47479706500a36e7370ae2f61646d696e3f746f6b656e3d31",
                SocketIoVersion.V4);
        assertEquals("/admin", connect.namespace());
        assertEquals(Optional.of("token=1"), connect.query());
        assertEquals("82a47479706500a36e7370ae2f61646d696e3f746f6b656e3d31",
                HEX.formatHex(PARSER.encode(connect, SocketIoVersion.V4).get(0) instanceof WireMessage.Bytes b
                        ? b.bytes() : new byte[0]));
    }

    // ---- what is refused ---------------------------------------------------------------------------------------

    private static void refused(String hex, String why) {
        assertThrows(SocketIoDecodeException.class, () -> decode(hex), why);
    }

    @Test
    void refusesWhatNodesCheckPacketRefuses() {
        refused("81a47479706502", "no namespace");
        refused("82a47479706505a36e7370a12f", "type 5 does not exist in this parser");
        refused("82a474797065ffa36e7370a12f", "negative type");
        refused("82a474797065a132a36e7370a12f", "type as a string");
        refused("82a47479706502a36e7370a12f", "EVENT without data");
        refused("83a47479706502a46461746180a36e7370a12f", "EVENT data not an array");
        refused("83a47479706502a46461746190a36e7370a12f", "EVENT data empty");
        refused("83a47479706502a46461746191c0a36e7370a12f", "EVENT name null");
        refused("83a47479706503a46461746190a36e7370a12f", "ACK without id");
        refused("84a2696401a47479706501a46461746190a36e7370a12f", "DISCONNECT with data");
        refused("84a47479706502a46461746191a161a2696401a36e7370a12e", "namespace without slash");
        refused("84a47479706502a46461746191a161a26964cb3fe0000000000000a36e7370a12f", "id not an integer");
        refused("84a47479706502a46461746191a161a26964ffa36e7370a12f", "negative id");
        refused("83a47479706500a464617461a161a36e7370a12f", "CONNECT data a string");
        refused("83a47479706500a2696401a36e7370a12f", "CONNECT with an id");
        refused("93a47479706502a36e7370", "not a map");
        refused("82a47479706502a36e7370a12f00", "trailing byte");
        refused("82a47479706502a36e7370a2", "truncated");
        refused("83a47479706502a464617461dd7fffffffa36e7370a12f", "array count beyond the bytes");
        refused("83a47479706502a464617461c6ffffffff", "bin length beyond the bytes");
        refused("83a47479706502a464617461c1a36e7370a12f", "the unused prefix 0xc1");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() throws SocketIoDecodeException {
        SocketIoParser shallow = MsgPackParser.create(4);
        // {type: 2, data: ["x", [[1]]], nsp: "/"}: the packet, data, [[1]], [1]: 4 levels
        byte[] fits = HEX.parseHex("83a47479706502a46461746192a17891910" + "1a36e7370a12f");
        assertTrue(shallow.newDecoder(SocketIoVersion.V5, 10).decodeBinary(fits).isPresent());
        byte[] deeper = HEX.parseHex("83a47479706502a46461746192a1789191910" + "1a36e7370a12f");
        assertThrows(SocketIoDecodeException.class,
                () -> shallow.newDecoder(SocketIoVersion.V5, 10).decodeBinary(deeper));
        assertThrows(IllegalArgumentException.class, () -> MsgPackParser.create(1));
    }

    @Test
    void refusesTextMessages() {
        assertThrows(SocketIoDecodeException.class,
                () -> PARSER.newDecoder(SocketIoVersion.V5, 10).decodeText("2[\"hello\"]"));
    }

    @Test
    void refusesAV5ConnectErrorWithANumberOnEncode() {
        assertThrows(IllegalArgumentException.class,
                () -> PARSER.encode(Packet.connectError("/", Json.createValue(1)), SocketIoVersion.V5));
    }
}
