package io.socketee.socketio.protocol;

import static io.socketee.socketio.protocol.Golden.array;
import static io.socketee.socketio.protocol.Golden.bytes;
import static io.socketee.socketio.protocol.Golden.object;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PacketDecoderTest {

    private static Packet decode(SocketIoVersion version, String text) throws SocketIoDecodeException {
        return PacketDecoder.create(version).decodeText(text).orElseThrow();
    }

    private static Packet decode(String text) throws SocketIoDecodeException {
        return decode(SocketIoVersion.V5, text);
    }

    private static String decodeError(SocketIoVersion version, String text) {
        return assertThrows(SocketIoDecodeException.class, () -> PacketDecoder.create(version).decodeText(text))
                .getMessage();
    }

    // --- namespaces -------------------------------------------------------------------------------------------

    @Test
    void decodesNamespaceWithoutTrailingComma() throws SocketIoDecodeException {
        assertEquals(Packet.connect("/custom"), decode("0/custom"));
        assertEquals(Packet.disconnect("/custom"), decode("1/custom"));
    }

    @Test
    void decodesConnectWithAuthOnCustomNamespace() throws SocketIoDecodeException {
        assertEquals(Packet.connect("/custom", object("{\"token\":\"x\"}")), decode("0/custom,{\"token\":\"x\"}"));
    }

    @Test
    void decodesV4ConnectQueryApartFromTheNamespace() throws SocketIoDecodeException {
        Packet.Connect connect = (Packet.Connect) decode(SocketIoVersion.V4, "0/nsp?token=abc&x=1,");
        assertEquals("/nsp", connect.namespace());
        assertEquals(Optional.of("token=abc&x=1"), connect.query());
        assertEquals(Optional.empty(), connect.data());

        Packet.Connect noComma = (Packet.Connect) decode(SocketIoVersion.V4, "0/nsp?token=abc");
        assertEquals("/nsp", noComma.namespace());
        assertEquals(Optional.of("token=abc"), noComma.query());
    }

    @Test
    void keepsQueryInTheNamespaceInV5() throws SocketIoDecodeException {
        Packet.Connect connect = (Packet.Connect) decode(SocketIoVersion.V5, "0/nsp?token=abc,");
        assertEquals("/nsp?token=abc", connect.namespace());
        assertEquals(Optional.empty(), connect.query());
    }

    @Test
    void onlySplitsTheQueryOfConnectPacketsInV4() throws SocketIoDecodeException {
        assertEquals("/nsp?x", decode(SocketIoVersion.V4, "1/nsp?x,").namespace());
    }

    @Test
    void readsTheSidOfAConnectReply() throws SocketIoDecodeException {
        assertEquals(Optional.of("abc"), ((Packet.Connect) decode("0{\"sid\":\"abc\"}")).sid());
        assertEquals(Optional.empty(), ((Packet.Connect) decode("0")).sid());
    }

    // --- events and acks --------------------------------------------------------------------------------------

    @Test
    void decodesEventNameArgumentsAndAckId() throws SocketIoDecodeException {
        Packet.Event event = (Packet.Event) decode("2/chat,42[\"msg\",1,{\"a\":null}]");
        assertEquals("/chat", event.namespace());
        assertEquals(OptionalLong.of(42), event.ackId());
        assertEquals("msg", event.name());
        assertEquals(array("[1,{\"a\":null}]"), event.arguments());
        assertEquals(PacketType.EVENT, event.type());
    }

    @Test
    void acceptsANumberAsEventNameLikeNode() throws SocketIoDecodeException {
        assertEquals("7", ((Packet.Event) decode("2[7,\"x\"]")).name());
    }

    @Test
    void leavesReservedEventNamesToTheLayerAbove() throws SocketIoDecodeException {
        assertEquals("disconnect", ((Packet.Event) decode("2[\"disconnect\"]")).name());
    }

    @Test
    void decodesLargeAckIds() throws SocketIoDecodeException {
        assertEquals(9223372036854775807L, ((Packet.Ack) decode("39223372036854775807[]")).ackId());
        assertEquals(7, ((Packet.Ack) decode("3007[]")).ackId());
    }

    @Test
    void decodesAnyV4ErrorPayload() throws SocketIoDecodeException {
        assertEquals(Packet.connectError("/", array("[1]")), decode(SocketIoVersion.V4, "4[1]"));
        assertEquals(Optional.of("Invalid namespace"),
                ((Packet.ConnectError) decode(SocketIoVersion.V4, "4/x,\"Invalid namespace\"")).message());
        assertEquals(Optional.of("nope"),
                ((Packet.ConnectError) decode(SocketIoVersion.V5, "4{\"message\":\"nope\",\"data\":1}")).message());
    }

    // --- malformed input --------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "", // empty
        "abc", // what 4abc carries after the Engine.IO type
        "4abc", // CONNECT_ERROR with a payload that is not JSON
        "2{}", // what 42{} carries: event data must be an array
        "42{}", // CONNECT_ERROR with an ack id
        "2abc[\"x\"]", // what 42abc[…] carries
        "42abc[\"x\"]",
        "4", // CONNECT_ERROR without payload
        "7", "9[]", "x", "-1", " 2[\"x\"]", // unknown type
        "2", "2/admin,", "2[]", "2[{}]", "2[null]", "2[true]", "2[[\"x\"]]", "2\"x\"", "2/admin[\"x\"]",
        "3[]", "3/admin,[\"x\"]", // ACK without ack id
        "31{}", "31\"x\"", "31", // ACK payload not an array
        "0[]", "0\"x\"", "01", "012{}", "0null", // CONNECT payload not an object, or an ack id
        "1{}", "1/admin,{}", "11", // DISCONNECT with payload or ack id
        "4[\"x\"]", "41{}", "4null", "412", // v5 CONNECT_ERROR: object or string
        "2[\"x\"]junk", "2[\"x\"] [1]", "2[\"x\",]", "2[\"x\"", "0{\"a\":1}x", // trailing junk, broken JSON
        "299999999999999999999[\"x\"]", // ack id overflow
        "5[\"x\"]", "5-[\"x\"]", "5x-[\"x\"]", "51[\"x\"]", "51", "6-1[]", // broken attachment counts
        "51-{}", "51-[]", "61-[]", "61-1{}", // binary payload checks
        "50-[\"x\",{\"_placeholder\":true,\"num\":0}]", // placeholder but no attachment
    })
    void rejectsMalformedPacket(String text) {
        String message = decodeError(SocketIoVersion.V5, text);
        assertFalse(message.isEmpty());
        assertTrue(message.length() < 60, message);
    }

    @Test
    void rejectsUnknownPacketTypeWithAShortMessage() {
        assertEquals("unknown packet type", decodeError(SocketIoVersion.V5, "7"));
        assertEquals("invalid JSON payload", decodeError(SocketIoVersion.V5, "2[\"x\"]junk"));
        assertEquals("invalid EVENT payload", decodeError(SocketIoVersion.V5, "2{}"));
    }

    @ParameterizedTest
    @EnumSource(SocketIoVersion.class)
    void rejectsEventsWithoutPayloadInBothVersions(SocketIoVersion version) {
        decodeError(version, "2");
        decodeError(version, "2{}");
        decodeError(version, "3[]");
        decodeError(version, "1{}");
    }

    // --- binary packets -------------------------------------------------------------------------------------

    @Test
    void decodesBinaryEventWithTwoAttachmentsAtDifferentDepths() throws SocketIoDecodeException {
        PacketDecoder decoder = PacketDecoder.create(SocketIoVersion.V5);
        byte[] first = bytes(1, 2);
        byte[] second = bytes(3);
        assertEquals(Optional.empty(), decoder.decodeText("52-/files,7[\"upload\",{\"a\":{\"_placeholder\":true,"
                + "\"num\":1},\"b\":{\"c\":[1,{\"_placeholder\":true,\"num\":0}]}},\"tail\"]"));
        assertTrue(decoder.awaitingAttachments());
        assertEquals(Optional.empty(), decoder.decodeBinary(first));
        Packet.Event event = (Packet.Event) decoder.decodeBinary(second).orElseThrow();
        assertFalse(decoder.awaitingAttachments());

        assertEquals("/files", event.namespace());
        assertEquals(OptionalLong.of(7), event.ackId());
        assertEquals(PacketType.BINARY_EVENT, event.type());
        Binary a = assertInstanceOf(Binary.class, event.data().getJsonObject(1).get("a"));
        Binary c = assertInstanceOf(Binary.class,
                event.data().getJsonObject(1).getJsonObject("b").getJsonArray("c").get(1));
        assertSame(second, a.bytes());
        assertSame(first, c.bytes());
        assertEquals("tail", event.data().getString(2));
        // and it encodes back to the same wire form
        assertEquals(new EncodedPacket("52-/files,7[\"upload\",{\"a\":{\"_placeholder\":true,\"num\":0},"
                + "\"b\":{\"c\":[1,{\"_placeholder\":true,\"num\":1}]}},\"tail\"]", java.util.List.of(second, first)),
                PacketEncoder.encode(event, SocketIoVersion.V5));
    }

    @Test
    void decodesBinaryPacketAnnouncingNoAttachmentAsPlainPacket() throws SocketIoDecodeException {
        assertEquals(Packet.event("/", array("[\"x\",1]")), decode("50-[\"x\",1]"));
        assertEquals(Packet.ack("/", 3, array("[]")), decode("60-3[]"));
    }

    @Test
    void letsOnePlaceholderBeUsedTwice() throws SocketIoDecodeException {
        PacketDecoder decoder = PacketDecoder.create(SocketIoVersion.V5);
        decoder.decodeText("51-[\"x\",{\"_placeholder\":true,\"num\":0},[{\"_placeholder\":true,\"num\":0}]]");
        JsonArray data = ((Packet.Event) decoder.decodeBinary(bytes(9)).orElseThrow()).data();
        assertArrayEquals(bytes(9), ((Binary) data.get(1)).bytes());
        assertArrayEquals(bytes(9), ((Binary) data.getJsonArray(2).get(0)).bytes());
    }

    @Test
    void leavesPlaceholderShapedObjectsOfTextPacketsAlone() throws SocketIoDecodeException {
        JsonArray data = array("[\"x\",{\"_placeholder\":true,\"num\":0}]");
        assertEquals(Packet.event("/", data), decode("2[\"x\",{\"_placeholder\":true,\"num\":0}]"));
    }

    @Test
    void enforcesTheDefaultOfTenAttachments() throws SocketIoDecodeException {
        PacketDecoder decoder = PacketDecoder.create(SocketIoVersion.V5);
        assertEquals(10, decoder.maxAttachments());
        assertEquals(Optional.empty(), decoder.decodeText("510-[\"x\"]"));
        decoder.reset();
        assertEquals("too many attachments", assertThrows(SocketIoDecodeException.class,
                () -> decoder.decodeText("511-[\"x\"]")).getMessage());
        assertEquals("too many attachments", assertThrows(SocketIoDecodeException.class,
                () -> decoder.decodeText("599999999999999999999999-[\"x\"]")).getMessage());
    }

    @Test
    void enforcesAConfiguredAttachmentLimit() throws SocketIoDecodeException {
        PacketDecoder decoder = PacketDecoder.create(SocketIoVersion.V4, 2);
        assertEquals(Optional.empty(), decoder.decodeText("62-1[\"x\"]"));
        decoder.reset();
        assertThrows(SocketIoDecodeException.class, () -> decoder.decodeText("63-1[\"x\"]"));
        PacketDecoder none = PacketDecoder.create(SocketIoVersion.V5, 0);
        assertThrows(SocketIoDecodeException.class, () -> none.decodeText("51-[\"x\"]"));
        assertEquals(Optional.of(Packet.event("/", array("[\"x\"]"))), none.decodeText("50-[\"x\"]"));
    }

    @Test
    void rejectsTextWhileAttachmentsAreAwaited() throws SocketIoDecodeException {
        PacketDecoder decoder = PacketDecoder.create(SocketIoVersion.V5);
        decoder.decodeText("52-[\"x\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        decoder.decodeBinary(bytes(1));
        assertThrows(SocketIoDecodeException.class, () -> decoder.decodeText("2[\"y\"]"));
        assertFalse(decoder.awaitingAttachments(), "an error resets the decoder");
        assertEquals(Optional.of(Packet.event("/", array("[\"y\"]"))), decoder.decodeText("2[\"y\"]"));
    }

    @Test
    void rejectsBinaryWhenNoAttachmentIsAwaited() throws SocketIoDecodeException {
        PacketDecoder decoder = PacketDecoder.create(SocketIoVersion.V5);
        assertThrows(SocketIoDecodeException.class, () -> decoder.decodeBinary(bytes(1)));
        decoder.decodeText("51-[\"x\",{\"_placeholder\":true,\"num\":0}]");
        decoder.decodeBinary(bytes(1));
        assertThrows(SocketIoDecodeException.class, () -> decoder.decodeBinary(bytes(2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"_placeholder\":true,\"num\":1}",
        "{\"_placeholder\":true,\"num\":-1}",
        "{\"_placeholder\":true,\"num\":0.5}",
        "{\"_placeholder\":true,\"num\":\"0\"}",
        "{\"_placeholder\":true}",
        "{\"_placeholder\":true,\"num\":99999999999999999999}",
    })
    void rejectsPlaceholderNamingNoAttachment(String placeholder) throws SocketIoDecodeException {
        PacketDecoder decoder = PacketDecoder.create(SocketIoVersion.V5);
        decoder.decodeText("51-[\"x\"," + placeholder + "]");
        assertEquals("invalid attachment placeholder",
                assertThrows(SocketIoDecodeException.class, () -> decoder.decodeBinary(bytes(1))).getMessage());
        assertFalse(decoder.awaitingAttachments());
    }

    @Test
    void rejectsPlaceholderAsEventName() {
        decodeError(SocketIoVersion.V5, "51-[{\"_placeholder\":true,\"num\":0}]");
    }
}
