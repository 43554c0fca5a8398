package io.socketee.socketio.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Decode then encode gives the identical text: compact JSON, key order, numbers as written, non-ASCII text. */
class JsonRoundTripTest {

    private static String roundTrip(SocketIoVersion version, String text) throws SocketIoDecodeException {
        Packet packet = PacketDecoder.create(version).decodeText(text).orElseThrow();
        return PacketEncoder.encode(packet, version).text();
    }

    @ParameterizedTest
    @EnumSource(SocketIoVersion.class)
    void echoesMessageByteForByte(SocketIoVersion version) throws SocketIoDecodeException {
        // PROTOCOL.md: 42["message",1,"2",{"3":[true]}] echoes byte for byte (42 is Engine.IO 4 + Socket.IO 2)
        String text = "2[\"message\",1,\"2\",{\"3\":[true]}]";
        assertEquals(text, roundTrip(version, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2[\"n\",0,-1,42,2147483648,-9223372036854775809,123456789012345678901234567890]",
        "2[\"n\",1.5,-0.25,3.14159,1.50,0.1,100.0,-12345.6789]",
        "2[\"keys\",{\"z\":1,\"a\":2,\"m\":{\"y\":[],\"b\":{}}}]",
        "2[\"lits\",true,false,null,\"\",[null]]",
        "2/admin,12[\"nested\",[[[[1]]]],{\"a\":[{\"b\":[{\"c\":null}]}]}]",
        "3/admin,12[]",
        "0/admin,{\"token\":\"123\",\"nested\":{\"x\":[1,2]}}",
        "4{\"message\":\"Not authorized\",\"data\":{\"code\":403}}",
    })
    void reencodesIdenticalText(String text) throws SocketIoDecodeException {
        assertEquals(text, roundTrip(SocketIoVersion.V5, text));
    }

    @Test
    void keepsNonAsciiTextAsIs() throws SocketIoDecodeException {
        String text = "2[\"€\",\"😀\",{\"clé\":\"日本語\",\"😀\":\"a€b\"}]";
        assertEquals(text, roundTrip(SocketIoVersion.V5, text));
        assertEquals(text, roundTrip(SocketIoVersion.V4, text));
        Packet.Event event = (Packet.Event) PacketDecoder.create(SocketIoVersion.V5).decodeText(text).orElseThrow();
        assertEquals("€", event.name());
        assertEquals("\uD83D\uDE00", event.data().getString(1));
        assertEquals(2, event.data().getString(1).length(), "an emoji is two UTF-16 units");
    }

    @Test
    void writesEscapesAsJsonStringifyDoes() throws SocketIoDecodeException {
        // Input escapes of printable characters come out literally, like JSON.parse then JSON.stringify.
        assertEquals("2[\"€😀/\"]", roundTrip(SocketIoVersion.V5, "2[\"\\u20ac\\ud83d\\ude00\\/\"]"));
        // The short escapes, lower-case \\u00xx for other control characters, lone surrogates escaped.
        String escaped = "2[\"q\\\"b\\\\s\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f\"]";
        assertEquals("2[\"q\\\"b\\\\s\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\"]",
                roundTrip(SocketIoVersion.V5, escaped));
        assertEquals("2[\"\\ud800x\\udc00\"]", roundTrip(SocketIoVersion.V5, "2[\"\\uD800x\\uDC00\"]"));
        assertEquals("2[\"\u2028\"]", roundTrip(SocketIoVersion.V5, "2[\"\\u2028\"]"));
    }

    @Test
    void keepsNonAsciiNamespace() throws SocketIoDecodeException {
        assertEquals("2/café,[\"x\"]", roundTrip(SocketIoVersion.V5, "2/café,[\"x\"]"));
    }

    @Test
    void binaryIsABase64StringToPlainJsonP() {
        Binary binary = Binary.of(Golden.bytes(1, 2, 3));
        JsonArray array = Json.createArrayBuilder().add("x").add(binary).build();
        assertEquals("[\"x\",\"AQID\"]", array.toString());
        assertInstanceOf(JsonString.class, array.get(1));
        assertEquals(JsonValue.ValueType.STRING, binary.getValueType());
        assertEquals(Json.createValue("AQID"), binary);
        assertEquals(binary, Json.createValue("AQID"));
        assertEquals(Json.createValue("AQID").hashCode(), binary.hashCode());
        assertEquals(Binary.copyOf(Golden.bytes(1, 2, 3)), binary);
        assertNotEquals(Binary.of(Golden.bytes(1, 2)), binary);
        assertArrayEquals(Golden.bytes(1, 2, 3), binary.bytes());
        assertEquals(3, binary.asByteBuffer().remaining());
    }
}
