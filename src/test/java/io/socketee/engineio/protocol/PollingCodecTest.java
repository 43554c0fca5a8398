package io.socketee.engineio.protocol;

import static io.socketee.engineio.protocol.CodecTestSupport.ROUND_TRIPS;
import static io.socketee.engineio.protocol.CodecTestSupport.SEED;
import static io.socketee.engineio.protocol.CodecTestSupport.binary;
import static io.socketee.engineio.protocol.CodecTestSupport.bytes;
import static io.socketee.engineio.protocol.CodecTestSupport.clientJsonpForm;
import static io.socketee.engineio.protocol.CodecTestSupport.clientReadJsonp;
import static io.socketee.engineio.protocol.CodecTestSupport.decodesOrThrowsDecodeException;
import static io.socketee.engineio.protocol.CodecTestSupport.describe;
import static io.socketee.engineio.protocol.CodecTestSupport.hex;
import static io.socketee.engineio.protocol.CodecTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The choice of polling framing: by protocol version, XHR2 binary support and JSONP, for GET bodies (with their
 * content type) and POST bodies.
 */
class PollingCodecTest {
    private static final List<Packet> TEXT_THEN_BINARY = List.of(Packet.message("€"), binary(1, 2, 3, 4));
    private static final List<Packet> EURO_AND_EMOJI = List.of(Packet.message("€"), Packet.message("😀"));
    private static final byte[] V3_BINARY_PAYLOAD =
            bytes(0x00, 0x04, 0xFF, 0x34, 0xE2, 0x82, 0xAC, 0x01, 0x05, 0xFF, 0x04, 0x01, 0x02, 0x03, 0x04);

    // ================================================================== EIO=4

    @Test
    void encodesV4BinaryAsBase64TextPayload() {
        PollingBody body = PollingCodec.encode(
                List.of(Packet.message("hello"), binary(1, 2, 3, 4)), ProtocolVersion.V4, true, null);
        assertEquals(PollingBody.TEXT, body.contentType());
        assertArrayEquals(utf8("4hello\u001ebAQIDBA=="), body.bytes());
    }

    @Test
    void decodesV4TextPostWithBase64Binary() throws DecodeException {
        assertEquals(List.of(Packet.message("hello"), binary(1, 2, 3, 4)),
                PollingCodec.decode(utf8("4hello\u001ebAQIDBA=="), ProtocolVersion.V4, false, false));
    }

    @Test
    void encodesV4NonAsciiAsUtf8() {
        PollingBody body = PollingCodec.encode(EURO_AND_EMOJI, ProtocolVersion.V4, false, null);
        assertEquals(PollingBody.TEXT, body.contentType());
        assertArrayEquals(bytes(0x34, 0xE2, 0x82, 0xAC, 0x1E, 0x34, 0xF0, 0x9F, 0x98, 0x80), body.bytes());
    }

    @Test
    void decodesV4NonAsciiFromUtf8() throws DecodeException {
        assertEquals(EURO_AND_EMOJI, PollingCodec.decode(
                bytes(0x34, 0xE2, 0x82, 0xAC, 0x1E, 0x34, 0xF0, 0x9F, 0x98, 0x80), ProtocolVersion.V4, false, false));
    }

    @Test
    void encodesV4JsonpAsCallbackScript() {
        PollingBody body = PollingCodec.encode(TEXT_THEN_BINARY, ProtocolVersion.V4, true, "7");
        assertEquals(PollingBody.JAVASCRIPT, body.contentType());
        assertEquals("___eio[7](\"4€\\u001ebAQIDBA==\");", new String(body.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void decodesV4JsonpPost() throws DecodeException {
        assertEquals(TEXT_THEN_BINARY,
                PollingCodec.decode(utf8("d=4%E2%82%AC%1EbAQIDBA%3D%3D"), ProtocolVersion.V4, false, true));
    }

    @Test
    void rejectsBinaryPostUnderV4() {
        assertThrows(DecodeException.class,
                () -> PollingCodec.decode(V3_BINARY_PAYLOAD, ProtocolVersion.V4, true, false));
    }

    // ================================================================== EIO=3

    @Test
    void encodesV3BinaryWithXhr2FramingWhenClientSupportsBinary() {
        PollingBody body = PollingCodec.encode(TEXT_THEN_BINARY, ProtocolVersion.V3, true, null);
        assertEquals(PollingBody.BINARY, body.contentType());
        assertArrayEquals(V3_BINARY_PAYLOAD, body.bytes());
    }

    @Test
    void decodesV3BinaryPost() throws DecodeException {
        assertEquals(TEXT_THEN_BINARY, PollingCodec.decode(V3_BINARY_PAYLOAD, ProtocolVersion.V3, true, false));
    }

    @Test
    void encodesV3TextOnlyBatchWithStringFramingEvenWhenClientSupportsBinary() {
        PollingBody body = PollingCodec.encode(
                List.of(Packet.message("hello"), Packet.message("€")), ProtocolVersion.V3, true, null);
        assertEquals(PollingBody.TEXT, body.contentType());
        assertArrayEquals(utf8("6:4hello2:4€"), body.bytes());
    }

    @Test
    void decodesV3StringPost() throws DecodeException {
        assertEquals(List.of(Packet.message("hello"), Packet.message("€")),
                PollingCodec.decode(utf8("6:4hello2:4€"), ProtocolVersion.V3, false, false));
    }

    @Test
    void encodesV3BinaryAsBase64WhenClientAskedForBase64() {
        PollingBody body = PollingCodec.encode(TEXT_THEN_BINARY, ProtocolVersion.V3, false, null);
        assertEquals(PollingBody.TEXT, body.contentType());
        assertArrayEquals(utf8("2:4€10:b4AQIDBA=="), body.bytes());
    }

    @Test
    void decodesV3StringPostWithBase64Binary() throws DecodeException {
        assertEquals(TEXT_THEN_BINARY, PollingCodec.decode(utf8("2:4€10:b4AQIDBA=="), ProtocolVersion.V3, false, false));
    }

    @Test
    void encodesV3EmojiCountingUtf16Units() {
        PollingBody body = PollingCodec.encode(List.of(Packet.message("😀")), ProtocolVersion.V3, false, null);
        assertArrayEquals(bytes('3', ':', '4', 0xF0, 0x9F, 0x98, 0x80), body.bytes());
    }

    @Test
    void decodesV3EmojiCountingUtf16Units() throws DecodeException {
        assertEquals(List.of(Packet.message("😀")),
                PollingCodec.decode(bytes('3', ':', '4', 0xF0, 0x9F, 0x98, 0x80), ProtocolVersion.V3, false, false));
    }

    @Test
    void encodesV3JsonpWithBase64EvenWhenClientSupportsBinary() {
        PollingBody body = PollingCodec.encode(TEXT_THEN_BINARY, ProtocolVersion.V3, true, "7");
        assertEquals(PollingBody.JAVASCRIPT, body.contentType());
        assertEquals("___eio[7](\"2:4€10:b4AQIDBA==\");", new String(body.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void decodesV3JsonpPost() throws DecodeException {
        assertEquals(TEXT_THEN_BINARY, PollingCodec.decode(
                utf8("d=2%3A4%E2%82%AC10%3Ab4AQIDBA%3D%3D"), ProtocolVersion.V3, false, true));
    }

    @Test
    void encodesV3JsonpEmojiAndNewline() {
        PollingBody body = PollingCodec.encode(List.of(Packet.message("😀\n")), ProtocolVersion.V3, false, "0");
        assertEquals("___eio[0](\"4:4😀\\n\");", new String(body.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void decodesV3JsonpPostWithEmojiAndNewline() throws DecodeException {
        assertEquals(List.of(Packet.message("😀\n")),
                PollingCodec.decode(utf8("d=4%3A4%F0%9F%98%80%5Cn"), ProtocolVersion.V3, false, true));
    }

    @Test
    void encodesEmptyV3BatchAsZeroLength() {
        PollingBody body = PollingCodec.encode(List.of(), ProtocolVersion.V3, true, null);
        assertEquals(PollingBody.TEXT, body.contentType());
        assertArrayEquals(utf8("0:"), body.bytes());
    }

    @Test
    void decodesZeroLengthV3PostAsNoPackets() throws DecodeException {
        assertEquals(List.of(), PollingCodec.decode(utf8("0:"), ProtocolVersion.V3, false, false));
    }

    // ================================================================== malformed bodies

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void rejectsEmptyTextPost(ProtocolVersion version) {
        assertThrows(DecodeException.class, () -> PollingCodec.decode(new byte[0], version, false, false));
    }

    @Test
    void rejectsEmptyBinaryPostUnderV3() {
        assertThrows(DecodeException.class, () -> PollingCodec.decode(new byte[0], ProtocolVersion.V3, true, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x=1", "dd=4hello"})
    void rejectsJsonpPostWithoutFieldD(String body) {
        for (ProtocolVersion version : ProtocolVersion.values()) {
            assertThrows(DecodeException.class, () -> PollingCodec.decode(utf8(body), version, false, true));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"d=%zz", "d=4hell%G0", "d=4hello%"})
    void rejectsJsonpPostWithBadPercentEscape(String body) {
        for (ProtocolVersion version : ProtocolVersion.values()) {
            assertThrows(DecodeException.class, () -> PollingCodec.decode(utf8(body), version, false, true));
        }
    }

    @Test
    void rejectsV3JsonpPostWithV4Payload() {
        assertThrows(DecodeException.class,
                () -> PollingCodec.decode(utf8("d=4hello"), ProtocolVersion.V3, false, true));
    }

    @Test
    void rejectsV3BinaryPostWithInvalidUtf8() {
        assertThrows(DecodeException.class, () -> PollingCodec.decode(
                bytes(0x00, 0x03, 0xFF, 0x34, 0xC3, 0x28), ProtocolVersion.V3, true, false));
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void rejectsTextPostWithInvalidUtf8(ProtocolVersion version) {
        byte[] body = version == ProtocolVersion.V3
                ? bytes('3', ':', '4', 0xC3, 0x28)     // a lead byte followed by no continuation byte
                : bytes('4', 0xE2, 0x82, 0x1E, '4');   // a euro sign cut short
        assertThrows(DecodeException.class, () -> PollingCodec.decode(body, version, false, false), () -> hex(body));
    }

    // ================================================================== randomized

    /**
     * Encodes random batches for every combination of version, binary support and JSONP, reads each GET body as the
     * client does, posts the same payload back the way the client would, and expects the batch again.
     */
    @Test
    void everyFramingRoundTripsForRandomPacketLists() throws DecodeException {
        CodecTestSupport.RandomPackets random = new CodecTestSupport.RandomPackets(SEED, false, false);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            List<Packet> packets = random.packets(1, 6);
            for (ProtocolVersion version : ProtocolVersion.values()) {
                for (boolean supportsBinary : new boolean[] {false, true}) {
                    for (String jsonp : new String[] {null, Integer.toString(i)}) {
                        PollingBody body = PollingCodec.encode(packets, version, supportsBinary, jsonp);
                        List<Packet> decoded = clientPostsBack(body, version, Optional.ofNullable(jsonp));
                        assertEquals(packets, decoded,
                                () -> version + " binary=" + supportsBinary + " jsonp=" + jsonp + " " + describe(packets)
                                        + " as " + hex(body.bytes()));
                    }
                }
            }
        }
    }

    @Test
    void decodeThrowsOnlyDecodeExceptionOnRandomBodies() {
        CodecTestSupport.RandomPackets random = new CodecTestSupport.RandomPackets(SEED, true, true);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            byte[] body = random.bytes(16);
            for (ProtocolVersion version : ProtocolVersion.values()) {
                for (boolean binaryBody : new boolean[] {false, true}) {
                    for (boolean jsonp : new boolean[] {false, true}) {
                        decodesOrThrowsDecodeException(() -> PollingCodec.decode(body, version, binaryBody, jsonp),
                                hex(body));
                    }
                }
            }
        }
    }

    /** What a client does with a GET body: it reads the payload and, to check it, sends the same one back. */
    private static List<Packet> clientPostsBack(PollingBody body, ProtocolVersion version, Optional<String> jsonp)
            throws DecodeException {
        switch (body.contentType()) {
            case PollingBody.BINARY -> {
                return PollingCodec.decode(body.bytes(), version, true, false);
            }
            case PollingBody.TEXT -> {
                return PollingCodec.decode(body.bytes(), version, false, false);
            }
            case PollingBody.JAVASCRIPT -> {
                String payload = clientReadJsonp(new String(body.bytes(), StandardCharsets.UTF_8), jsonp.orElseThrow());
                return PollingCodec.decode(clientJsonpForm(payload), version, false, true);
            }
            default -> throw new AssertionError("unexpected content type " + body.contentType());
        }
    }
}
