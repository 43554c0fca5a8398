package io.socketee.engineio.protocol;

import static io.socketee.engineio.protocol.CodecTestSupport.ROUND_TRIPS;
import static io.socketee.engineio.protocol.CodecTestSupport.SEED;
import static io.socketee.engineio.protocol.CodecTestSupport.binary;
import static io.socketee.engineio.protocol.CodecTestSupport.bytes;
import static io.socketee.engineio.protocol.CodecTestSupport.decodesOrThrowsDecodeException;
import static io.socketee.engineio.protocol.CodecTestSupport.hex;
import static io.socketee.engineio.protocol.CodecTestSupport.text;
import static io.socketee.engineio.protocol.CodecTestSupport.visible;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Single packets: WebSocket text and binary frames, and the text form of a packet inside polling payloads, for
 * EIO=3 and EIO=4.
 */
class PacketCodecTest {
    private static final String HANDSHAKE = "{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[\"websocket\"],"
            + "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}";

    // ------------------------------------------------------------------ every packet type, text frames

    /** Text frames that read the same under both protocol versions. */
    static Stream<Arguments> textFrames() {
        return Stream.of(
                arguments("0" + HANDSHAKE, text(PacketType.OPEN, HANDSHAKE)),
                arguments("0", text(PacketType.OPEN, "")),
                arguments("1", Packet.CLOSE),
                arguments("2", Packet.PING),
                arguments("3", Packet.PONG),
                arguments("2probe", Packet.PING_PROBE),
                arguments("3probe", Packet.PONG_PROBE),
                arguments("4hello", Packet.message("hello")),
                arguments("4", Packet.message("")),
                arguments("5", Packet.UPGRADE),
                arguments("6", Packet.NOOP),
                arguments("4€", Packet.message("€")),
                arguments("4😀", Packet.message("😀")),
                arguments("4a\nb\"c\\d\u2028e\u001ef", Packet.message("a\nb\"c\\d\u2028e\u001ef")),
                arguments("4bAQID", Packet.message("bAQID")),
                arguments("1 reason", text(PacketType.CLOSE, " reason")));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("textFrames")
    void encodesPacketAsTextFrameUnderV4(String frame, Packet packet) {
        assertEquals(frame, PacketCodec.encodeText(packet, ProtocolVersion.V4));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("textFrames")
    void decodesTextFrameUnderV4(String frame, Packet packet) throws DecodeException {
        assertEquals(packet, PacketCodec.decodeText(frame, ProtocolVersion.V4));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("textFrames")
    void encodesPacketAsTextFrameUnderV3(String frame, Packet packet) {
        assertEquals(frame, PacketCodec.encodeText(packet, ProtocolVersion.V3));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("textFrames")
    void decodesTextFrameUnderV3(String frame, Packet packet) throws DecodeException {
        assertEquals(packet, PacketCodec.decodeText(frame, ProtocolVersion.V3));
    }

    @Test
    void packetTypesUseTheDigitsZeroToSix() throws DecodeException {
        String expected = "0123456";
        PacketType[] types = PacketType.values();
        assertEquals(expected.length(), types.length);
        for (int i = 0; i < types.length; i++) {
            assertEquals(expected.charAt(i), types[i].code(), types[i].name());
            assertEquals(types[i], PacketType.fromCode(expected.charAt(i)));
        }
        assertEquals(PacketType.OPEN, types[0]);
        assertEquals(PacketType.CLOSE, types[1]);
        assertEquals(PacketType.PING, types[2]);
        assertEquals(PacketType.PONG, types[3]);
        assertEquals(PacketType.MESSAGE, types[4]);
        assertEquals(PacketType.UPGRADE, types[5]);
        assertEquals(PacketType.NOOP, types[6]);
    }

    @Test
    void emojiMessageFrameIsThreeUtf16UnitsLong() {
        String frame = PacketCodec.encodeText(Packet.message("😀"), ProtocolVersion.V4);
        assertEquals("4\uD83D\uDE00", frame);
        assertEquals(3, frame.length());
    }

    // ------------------------------------------------------------------ binary, WebSocket binary frames

    @Test
    void encodesBinaryAsRawBytesFrameUnderV4() {
        assertArrayEquals(bytes(1, 2, 3), frameBytes(binary(1, 2, 3), ProtocolVersion.V4));
    }

    @Test
    void decodesRawBytesFrameAsBinaryUnderV4() throws DecodeException {
        assertEquals(binary(1, 2, 3), PacketCodec.decodeBinaryFrame(ByteBuffer.wrap(bytes(1, 2, 3)), ProtocolVersion.V4));
    }

    @Test
    void encodesBinaryWithMessageTypeByteUnderV3() {
        assertArrayEquals(bytes(0x04, 1, 2, 3), frameBytes(binary(1, 2, 3), ProtocolVersion.V3));
    }

    @Test
    void decodesBinaryFrameWithMessageTypeByteUnderV3() throws DecodeException {
        assertEquals(binary(1, 2, 3), PacketCodec.decodeBinaryFrame(ByteBuffer.wrap(bytes(0x04, 1, 2, 3)), ProtocolVersion.V3));
    }

    @Test
    void encodesBinaryStartingWithZeroByteUnderV3() {
        assertArrayEquals(bytes(4, 0, 1, 2, 3, 4, 5), frameBytes(binary(0, 1, 2, 3, 4, 5), ProtocolVersion.V3));
    }

    @Test
    void decodesBinaryFrameStartingWithZeroByteUnderV3() throws DecodeException {
        assertEquals(binary(0, 1, 2, 3, 4, 5),
                PacketCodec.decodeBinaryFrame(ByteBuffer.wrap(bytes(4, 0, 1, 2, 3, 4, 5)), ProtocolVersion.V3));
    }

    @Test
    void encodesEmptyBinaryAsEmptyFrameUnderV4() {
        assertArrayEquals(bytes(), frameBytes(binary(), ProtocolVersion.V4));
    }

    @Test
    void decodesEmptyFrameAsEmptyBinaryUnderV4() throws DecodeException {
        assertEquals(binary(), PacketCodec.decodeBinaryFrame(ByteBuffer.allocate(0), ProtocolVersion.V4));
    }

    @Test
    void encodesEmptyBinaryAsTypeByteOnlyUnderV3() {
        assertArrayEquals(bytes(0x04), frameBytes(binary(), ProtocolVersion.V3));
    }

    @Test
    void decodesTypeByteOnlyFrameAsEmptyBinaryUnderV3() throws DecodeException {
        assertEquals(binary(), PacketCodec.decodeBinaryFrame(ByteBuffer.wrap(bytes(0x04)), ProtocolVersion.V3));
    }

    @Test
    void encodesBinaryWithHighBytesUnchanged() {
        assertArrayEquals(bytes(0xFF, 0x80, 0x00, 0x7F), frameBytes(binary(0xFF, 0x80, 0x00, 0x7F), ProtocolVersion.V4));
        assertArrayEquals(bytes(0x04, 0xFF, 0x80, 0x00, 0x7F), frameBytes(binary(0xFF, 0x80, 0x00, 0x7F), ProtocolVersion.V3));
    }

    @Test
    void decodesBinaryWithHighBytesUnchanged() throws DecodeException {
        assertEquals(binary(0xFF, 0x80, 0x00, 0x7F),
                PacketCodec.decodeBinaryFrame(ByteBuffer.wrap(bytes(0xFF, 0x80, 0x00, 0x7F)), ProtocolVersion.V4));
        assertEquals(binary(0xFF, 0x80, 0x00, 0x7F),
                PacketCodec.decodeBinaryFrame(ByteBuffer.wrap(bytes(0x04, 0xFF, 0x80, 0x00, 0x7F)), ProtocolVersion.V3));
    }

    @Test
    void decodesOnlyTheRemainingBytesOfAFrameAndLeavesItsPosition() throws DecodeException {
        ByteBuffer frame = ByteBuffer.wrap(bytes(9, 9, 0x04, 1, 2, 9), 2, 3);
        assertEquals(binary(1, 2), PacketCodec.decodeBinaryFrame(frame, ProtocolVersion.V3));
        assertEquals(2, frame.position());
        assertEquals(5, frame.limit());
        assertEquals(binary(0x04, 1, 2), PacketCodec.decodeBinaryFrame(frame, ProtocolVersion.V4));
    }

    @Test
    void binaryFrameUnderV4DoesNotLetTheReceiverChangeThePacket() {
        Packet.Binary packet = (Packet.Binary) binary(1, 2, 3);
        ByteBuffer frame = PacketCodec.encodeBinaryFrame(packet, ProtocolVersion.V4);
        assertTrue(frame.isReadOnly() || frame.array() != packet.data());
    }

    // ------------------------------------------------------------------ binary, base64 text form

    @Test
    void encodesBinaryAsBase64TextUnderV4() {
        assertEquals("bAQID", PacketCodec.encodeText(binary(1, 2, 3), ProtocolVersion.V4));
        assertEquals("bAQIDBA==", PacketCodec.encodeText(binary(1, 2, 3, 4), ProtocolVersion.V4));
    }

    @Test
    void decodesBase64TextAsBinaryUnderV4() throws DecodeException {
        assertEquals(binary(1, 2, 3), PacketCodec.decodeText("bAQID", ProtocolVersion.V4));
        assertEquals(binary(1, 2, 3, 4), PacketCodec.decodeText("bAQIDBA==", ProtocolVersion.V4));
    }

    @Test
    void decodesBase64WrappedInLinesAsTheJavaClientSendsIt() throws DecodeException {
        // android.util.Base64.DEFAULT, as io.socket:engine.io-client 2.x uses it: 76-character lines ending in \n.
        int[] values = new int[60];
        Arrays.fill(values, 0xAB);
        String base64 = java.util.Base64.getEncoder().encodeToString(bytes(values));
        String wrapped = "b" + base64.substring(0, 76) + "\n" + base64.substring(76) + "\n";
        assertEquals(binary(values), PacketCodec.decodeText(wrapped, ProtocolVersion.V4));
        assertEquals(binary(1, 2, 3), PacketCodec.decodeText("b4AQID\r\n", ProtocolVersion.V3));
    }

    @Test
    void encodesBinaryAsBase64TextWithMessageTypeUnderV3() {
        assertEquals("b4AQID", PacketCodec.encodeText(binary(1, 2, 3), ProtocolVersion.V3));
        assertEquals("b4AQIDBA==", PacketCodec.encodeText(binary(1, 2, 3, 4), ProtocolVersion.V3));
    }

    @Test
    void decodesBase64TextWithMessageTypeAsBinaryUnderV3() throws DecodeException {
        assertEquals(binary(1, 2, 3), PacketCodec.decodeText("b4AQID", ProtocolVersion.V3));
        assertEquals(binary(1, 2, 3, 4), PacketCodec.decodeText("b4AQIDBA==", ProtocolVersion.V3));
    }

    @Test
    void encodesEmptyBinaryAsBarePrefix() {
        assertEquals("b", PacketCodec.encodeText(binary(), ProtocolVersion.V4));
        assertEquals("b4", PacketCodec.encodeText(binary(), ProtocolVersion.V3));
    }

    @Test
    void decodesBarePrefixAsEmptyBinary() throws DecodeException {
        assertEquals(binary(), PacketCodec.decodeText("b", ProtocolVersion.V4));
        assertEquals(binary(), PacketCodec.decodeText("b4", ProtocolVersion.V3));
    }

    @Test
    void encodesHighBytesAsStandardBase64Alphabet() {
        assertEquals("b+/8=", PacketCodec.encodeText(binary(0xFB, 0xFF), ProtocolVersion.V4));
    }

    @Test
    void decodesStandardBase64AlphabetToHighBytes() throws DecodeException {
        assertEquals(binary(0xFB, 0xFF), PacketCodec.decodeText("b+/8=", ProtocolVersion.V4));
    }

    // ------------------------------------------------------------------ malformed input

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void rejectsEmptyTextFrame(ProtocolVersion version) {
        assertThrows(DecodeException.class, () -> PacketCodec.decodeText("", version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "9hello", "/", "x", "B", " 4hello", "\u00004", "€", "😀", "\uDE00", "{}", "\u001e"})
    void rejectsUnknownTypeCharacterUnderV4(String frame) {
        assertThrows(DecodeException.class, () -> PacketCodec.decodeText(frame, ProtocolVersion.V4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "9hello", "/", "x", "B", " 4hello", "\u00004", "€", "😀", "\uDE00", "{}", "\u001e"})
    void rejectsUnknownTypeCharacterUnderV3(String frame) {
        assertThrows(DecodeException.class, () -> PacketCodec.decodeText(frame, ProtocolVersion.V3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"b!!!!", "bAQI$", "bA", "bAQIDB", "bAQ=D", "bAQIDBA==AQ", "bAQ ID", "b€", "b4AQ-_"})
    void rejectsInvalidBase64UnderV4(String frame) {
        assertThrows(DecodeException.class, () -> PacketCodec.decodeText(frame, ProtocolVersion.V4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"b4!!!!", "b4AQI$", "b4A", "b4AQ=D", "b4AQIDBA==AQ", "b4€"})
    void rejectsInvalidBase64UnderV3(String frame) {
        assertThrows(DecodeException.class, () -> PacketCodec.decodeText(frame, ProtocolVersion.V3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "bAQID", "b2AQID", "b0", "bx"})
    void rejectsBase64TextWithoutMessageTypeUnderV3(String frame) {
        assertThrows(DecodeException.class, () -> PacketCodec.decodeText(frame, ProtocolVersion.V3));
    }

    @Test
    void rejectsEmptyBinaryFrameUnderV3() {
        assertThrows(DecodeException.class,
                () -> PacketCodec.decodeBinaryFrame(ByteBuffer.allocate(0), ProtocolVersion.V3));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x02, 0x03, 0x05, 0x06, 0x07, 0x34, 0x80, 0xFF})
    void rejectsBinaryFrameWhoseTypeByteIsNotMessageUnderV3(int typeByte) {
        assertThrows(DecodeException.class,
                () -> PacketCodec.decodeBinaryFrame(ByteBuffer.wrap(bytes(typeByte, 1, 2, 3)), ProtocolVersion.V3));
    }

    @Test
    void rejectsUnknownTypeCharacterWithoutEchoingTheInput() {
        String longFrame = "x".repeat(10_000);
        DecodeException e = assertThrows(DecodeException.class,
                () -> PacketCodec.decodeText(longFrame, ProtocolVersion.V4));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    // ------------------------------------------------------------------ randomized

    @Test
    void textFramesRoundTripForRandomPackets() throws DecodeException {
        CodecTestSupport.RandomPackets random = new CodecTestSupport.RandomPackets(SEED, true, true);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            Packet packet = random.packet();
            for (ProtocolVersion version : ProtocolVersion.values()) {
                String frame = PacketCodec.encodeText(packet, version);
                assertEquals(packet, PacketCodec.decodeText(frame, version), () -> version + " " + visible(frame));
            }
        }
    }

    @Test
    void binaryFramesRoundTripForRandomBytes() throws DecodeException {
        CodecTestSupport.RandomPackets random = new CodecTestSupport.RandomPackets(SEED, true, true);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            Packet.Binary packet = (Packet.Binary) Packet.message(random.bytes(i % 10 == 0 ? 2_000 : 40));
            for (ProtocolVersion version : ProtocolVersion.values()) {
                ByteBuffer frame = PacketCodec.encodeBinaryFrame(packet, version);
                byte[] wire = remaining(frame);
                assertEquals(packet, PacketCodec.decodeBinaryFrame(frame, version), () -> version + " " + hex(wire));
            }
        }
    }

    @Test
    void decodersThrowOnlyDecodeExceptionOnRandomInput() {
        CodecTestSupport.RandomPackets random = new CodecTestSupport.RandomPackets(SEED, true, true);
        String[] prefixes = {"", "b", "b4", "4", "0"};
        for (int i = 0; i < ROUND_TRIPS; i++) {
            String frame = prefixes[i % prefixes.length] + random.anyChars(8);
            byte[] bytes = random.bytes(8);
            for (ProtocolVersion version : ProtocolVersion.values()) {
                decodesOrThrowsDecodeException(() -> PacketCodec.decodeText(frame, version), visible(frame));
                decodesOrThrowsDecodeException(
                        () -> PacketCodec.decodeBinaryFrame(ByteBuffer.wrap(bytes), version), hex(bytes));
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] frameBytes(Packet packet, ProtocolVersion version) {
        return remaining(PacketCodec.encodeBinaryFrame((Packet.Binary) packet, version));
    }

    private static byte[] remaining(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
