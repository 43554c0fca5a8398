package io.socketee.engineio.protocol;

import static io.socketee.engineio.protocol.CodecTestSupport.ROUND_TRIPS;
import static io.socketee.engineio.protocol.CodecTestSupport.SEED;
import static io.socketee.engineio.protocol.CodecTestSupport.binary;
import static io.socketee.engineio.protocol.CodecTestSupport.bytes;
import static io.socketee.engineio.protocol.CodecTestSupport.concat;
import static io.socketee.engineio.protocol.CodecTestSupport.decodesOrThrowsDecodeException;
import static io.socketee.engineio.protocol.CodecTestSupport.describe;
import static io.socketee.engineio.protocol.CodecTestSupport.hex;
import static io.socketee.engineio.protocol.CodecTestSupport.text;
import static io.socketee.engineio.protocol.CodecTestSupport.utf8;
import static io.socketee.engineio.protocol.CodecTestSupport.visible;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EIO=3 polling payloads: the {@code <length>:<packet>} string framing (lengths in UTF-16 code units) and the XHR2
 * binary framing (marker byte, one byte per length digit, {@code 0xFF}, packet; lengths in bytes).
 */
class PayloadV3Test {
    private static final List<Packet> TEXT_THEN_BINARY = List.of(Packet.message("€"), binary(1, 2, 3, 4));
    private static final List<Packet> EVERY_TYPE = List.of(text(PacketType.OPEN, ""), Packet.CLOSE, Packet.PING,
            Packet.PONG, Packet.message(""), Packet.UPGRADE, Packet.NOOP);

    // ================================================================== string framing

    @Test
    void encodesTwoTextMessagesCountingEuroSignAsOneUnit() {
        assertEquals("6:4hello2:4€", PayloadV3.encodeString(List.of(Packet.message("hello"), Packet.message("€"))));
    }

    @Test
    void decodesTwoTextMessagesCountingEuroSignAsOneUnit() throws DecodeException {
        assertEquals(List.of(Packet.message("hello"), Packet.message("€")), PayloadV3.decodeString("6:4hello2:4€"));
    }

    @Test
    void encodesEmojiCountingTwoUnits() {
        assertEquals("3:4😀", PayloadV3.encodeString(List.of(Packet.message("😀"))));
    }

    @Test
    void decodesEmojiCountingTwoUnits() throws DecodeException {
        assertEquals(List.of(Packet.message("😀")), PayloadV3.decodeString("3:4😀"));
    }

    @Test
    void encodesEuroSignAndEmojiInOneMessage() {
        assertEquals("4:4€😀", PayloadV3.encodeString(List.of(Packet.message("€😀"))));
    }

    @Test
    void decodesEuroSignAndEmojiInOneMessage() throws DecodeException {
        assertEquals(List.of(Packet.message("€😀")), PayloadV3.decodeString("4:4€😀"));
    }

    @Test
    void encodesBinaryAsBase64WithMessageType() {
        assertEquals("2:4€10:b4AQIDBA==", PayloadV3.encodeString(TEXT_THEN_BINARY));
    }

    @Test
    void decodesBinaryFromBase64WithMessageType() throws DecodeException {
        assertEquals(TEXT_THEN_BINARY, PayloadV3.decodeString("2:4€10:b4AQIDBA=="));
    }

    @Test
    void encodesEmptyBinaryAsBarePrefix() {
        assertEquals("2:b4", PayloadV3.encodeString(List.of(binary())));
    }

    @Test
    void decodesBarePrefixAsEmptyBinary() throws DecodeException {
        assertEquals(List.of(binary()), PayloadV3.decodeString("2:b4"));
    }

    @Test
    void encodesEmptyPayloadAsZeroLength() {
        assertEquals("0:", PayloadV3.encodeString(List.of()));
    }

    @Test
    void decodesZeroLengthAsEmptyPayload() throws DecodeException {
        assertEquals(List.of(), PayloadV3.decodeString("0:"));
    }

    @Test
    void encodesEveryPacketTypeWithoutData() {
        assertEquals("1:01:11:21:31:41:51:6", PayloadV3.encodeString(EVERY_TYPE));
    }

    @Test
    void decodesEveryPacketTypeWithoutData() throws DecodeException {
        assertEquals(EVERY_TYPE, PayloadV3.decodeString("1:01:11:21:31:41:51:6"));
    }

    @Test
    void encodesProbes() {
        assertEquals("6:2probe6:3probe", PayloadV3.encodeString(List.of(Packet.PING_PROBE, Packet.PONG_PROBE)));
    }

    @Test
    void decodesProbes() throws DecodeException {
        assertEquals(List.of(Packet.PING_PROBE, Packet.PONG_PROBE), PayloadV3.decodeString("6:2probe6:3probe"));
    }

    @Test
    void encodesMultiDigitLength() {
        assertEquals("11:40123456789", PayloadV3.encodeString(List.of(Packet.message("0123456789"))));
    }

    @Test
    void decodesMultiDigitLength() throws DecodeException {
        assertEquals(List.of(Packet.message("0123456789")), PayloadV3.decodeString("11:40123456789"));
    }

    @Test
    void encodesMessagesContainingColonsAndDigits() {
        assertEquals("4:42:13:4\u001e\n",
                PayloadV3.encodeString(List.of(Packet.message("2:1"), Packet.message("\u001e\n"))));
    }

    @Test
    void decodesMessagesContainingColonsAndDigits() throws DecodeException {
        assertEquals(List.of(Packet.message("2:1"), Packet.message("\u001e\n")),
                PayloadV3.decodeString("4:42:13:4\u001e\n"));
    }

    @Test
    void decodesZeroLengthPacketsAsNothing() throws DecodeException {
        assertEquals(List.of(Packet.message("hello")), PayloadV3.decodeString("0:6:4hello0:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",                   // no length at all
            "7:4hello",           // length runs past the end
            "5:4hello",           // length too short: "o" is left without a length
            "6:4hello3",          // trailing length without ':'
            "6:4hello3:",         // trailing length without its packet
            "4hello",             // missing ':'
            ":4hello",            // empty length
            "x:4a",               // non-digit length
            "1a:4",               // non-digit in the length
            "-1:4",               // negative length
            "+2:4a",              // signed length
            " 2:4a",              // space in the length
            "٢:4a",               // a non-ASCII digit
            "99999999999:4",      // length beyond any int
            "2147483648:4",       // one past Integer.MAX_VALUE
            "2:7x",               // unknown packet type
            "1:😀",               // length cuts the surrogate pair: a lone surrogate is no packet type
            "7:b4!!!!!",          // bad base64
            "6:b4AQI$",           // bad base64 character
            "4:bAQI",             // base64 without the message type
            "6:b2AQID",           // base64 with a type other than message
            "1:b",                // bare base64 marker
            "6:4hello\u001e4x",   // an EIO=4 separator after the packet
    })
    void rejectsMalformedStringPayload(String payload) {
        assertThrows(DecodeException.class, () -> PayloadV3.decodeString(payload));
    }

    // ================================================================== XHR2 binary framing

    @Test
    void encodesEuroSignAndBinaryCountingBytes() {
        assertArrayEquals(bytes(0x00, 0x04, 0xFF, 0x34, 0xE2, 0x82, 0xAC, 0x01, 0x05, 0xFF, 0x04, 0x01, 0x02, 0x03, 0x04),
                PayloadV3.encodeBinary(TEXT_THEN_BINARY));
    }

    @Test
    void decodesEuroSignAndBinaryCountingBytes() throws DecodeException {
        assertEquals(TEXT_THEN_BINARY, PayloadV3.decodeBinary(
                bytes(0x00, 0x04, 0xFF, 0x34, 0xE2, 0x82, 0xAC, 0x01, 0x05, 0xFF, 0x04, 0x01, 0x02, 0x03, 0x04)));
    }

    @Test
    void encodesEuroSignAsStringPacket() {
        assertArrayEquals(bytes(0x00, 0x04, 0xFF, 0x34, 0xE2, 0x82, 0xAC), PayloadV3.encodeBinary(List.of(Packet.message("€"))));
    }

    @Test
    void decodesEuroSignStringPacket() throws DecodeException {
        assertEquals(List.of(Packet.message("€")), PayloadV3.decodeBinary(bytes(0x00, 0x04, 0xFF, 0x34, 0xE2, 0x82, 0xAC)));
    }

    @Test
    void encodesEmojiAsFourUtf8Bytes() {
        assertArrayEquals(bytes(0x00, 0x05, 0xFF, 0x34, 0xF0, 0x9F, 0x98, 0x80, 0x01, 0x04, 0xFF, 0x04, 0x01, 0x02, 0x03),
                PayloadV3.encodeBinary(List.of(Packet.message("😀"), binary(1, 2, 3))));
    }

    @Test
    void decodesEmojiFromFourUtf8Bytes() throws DecodeException {
        assertEquals(List.of(Packet.message("😀"), binary(1, 2, 3)), PayloadV3.decodeBinary(
                bytes(0x00, 0x05, 0xFF, 0x34, 0xF0, 0x9F, 0x98, 0x80, 0x01, 0x04, 0xFF, 0x04, 0x01, 0x02, 0x03)));
    }

    @Test
    void encodesBinaryPacketCountingItsTypeByte() {
        assertArrayEquals(bytes(0x01, 0x04, 0xFF, 0x04, 0x01, 0x02, 0x03), PayloadV3.encodeBinary(List.of(binary(1, 2, 3))));
    }

    @Test
    void decodesBinaryPacketCountingItsTypeByte() throws DecodeException {
        assertEquals(List.of(binary(1, 2, 3)), PayloadV3.decodeBinary(bytes(0x01, 0x04, 0xFF, 0x04, 0x01, 0x02, 0x03)));
    }

    @Test
    void encodesEmptyBinaryAsTypeByteOnly() {
        assertArrayEquals(bytes(0x01, 0x01, 0xFF, 0x04), PayloadV3.encodeBinary(List.of(binary())));
    }

    @Test
    void decodesTypeByteOnlyAsEmptyBinary() throws DecodeException {
        assertEquals(List.of(binary()), PayloadV3.decodeBinary(bytes(0x01, 0x01, 0xFF, 0x04)));
    }

    @Test
    void encodesThreeDigitLengthAsOneBytePerDigit() {
        byte[] expected = concat(bytes(0x00, 0x01, 0x00, 0x09, 0xFF), utf8("4" + "x".repeat(108)),
                bytes(0x01, 0x01, 0xFF, 0x04));
        assertArrayEquals(expected, PayloadV3.encodeBinary(List.of(Packet.message("x".repeat(108)), binary())));
    }

    @Test
    void decodesThreeDigitLengthFromOneBytePerDigit() throws DecodeException {
        byte[] payload = concat(bytes(0x00, 0x01, 0x00, 0x09, 0xFF), utf8("4" + "x".repeat(108)),
                bytes(0x01, 0x01, 0xFF, 0x04));
        assertEquals(List.of(Packet.message("x".repeat(108)), binary()), PayloadV3.decodeBinary(payload));
    }

    @Test
    void encodesTwoDigitBinaryLength() {
        assertArrayEquals(bytes(0x01, 0x01, 0x01, 0xFF, 0x04, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                PayloadV3.encodeBinary(List.of(binary(0, 1, 2, 3, 4, 5, 6, 7, 8, 9))));
    }

    @Test
    void decodesTwoDigitBinaryLength() throws DecodeException {
        assertEquals(List.of(binary(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)),
                PayloadV3.decodeBinary(bytes(0x01, 0x01, 0x01, 0xFF, 0x04, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
    }

    @Test
    void encodesEveryPacketTypeAsStringPackets() {
        assertArrayEquals(everyTypeBinaryPayload(), PayloadV3.encodeBinary(EVERY_TYPE));
    }

    @Test
    void decodesEveryPacketTypeFromStringPackets() throws DecodeException {
        assertEquals(EVERY_TYPE, PayloadV3.decodeBinary(everyTypeBinaryPayload()));
    }

    @Test
    void encodesProbeAsStringPacket() {
        assertArrayEquals(concat(bytes(0x00, 0x06, 0xFF), utf8("2probe")), PayloadV3.encodeBinary(List.of(Packet.PING_PROBE)));
    }

    @Test
    void decodesProbeFromStringPacket() throws DecodeException {
        assertEquals(List.of(Packet.PING_PROBE), PayloadV3.decodeBinary(concat(bytes(0x00, 0x06, 0xFF), utf8("2probe"))));
    }

    @Test
    void decodesBase64PacketInsideStringRecord() throws DecodeException {
        assertEquals(List.of(binary(1, 2, 3)), PayloadV3.decodeBinary(concat(bytes(0x00, 0x06, 0xFF), utf8("b4AQID"))));
    }

    static Stream<byte[]> malformedBinaryPayloads() {
        return Stream.of(
                bytes(),                                        // nothing
                bytes(0x02, 0x01, 0xFF, 0x34),                  // unknown marker
                bytes(0x34, 0x01, 0xFF, 0x34),                  // ASCII '4' as marker
                bytes(0xFF, 0x01, 0xFF, 0x34),                  // 0xFF as marker
                bytes(0x00, 0x01),                              // no 0xFF after the length
                bytes(0x00),                                    // marker only
                bytes(0x00, 0x01, 0x34),                        // packet where 0xFF should be
                bytes(0x00, 0x0A, 0xFF, 0x34),                  // digit byte above 9
                bytes(0x00, 0x31, 0xFF, 0x34),                  // ASCII '1' as digit
                bytes(0x00, 0xFF, 0x34),                        // no digits
                bytes(0x00, 0x09, 0xFF, 0x34),                  // length past the end
                bytes(0x01, 0x05, 0xFF, 0x04, 0x01),            // binary length past the end
                bytes(0x00, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0xFF, 0x34), // eleven digits
                bytes(0x00, 2, 1, 4, 7, 4, 8, 3, 6, 4, 8, 0xFF, 0x34),    // one past Integer.MAX_VALUE
                bytes(0x00, 0x02, 0xFF, 0x34, 0xC3),            // truncated UTF-8 sequence
                bytes(0x00, 0x02, 0xFF, 0x34, 0xFF),            // byte that is never UTF-8
                bytes(0x00, 0x03, 0xFF, 0x34, 0xC0, 0xAF),      // overlong UTF-8 encoding of '/'
                bytes(0x00, 0x04, 0xFF, 0x34, 0xED, 0xA0, 0xBD), // UTF-8 of a lone surrogate
                bytes(0x00, 0x03, 0xFF, 0x34, 0xE2, 0x82),      // length cuts the euro sign
                bytes(0x00, 0x00, 0xFF),                        // empty string packet
                bytes(0x01, 0x00, 0xFF),                        // empty binary packet (no type byte)
                bytes(0x01, 0x02, 0xFF, 0x02, 0x01),            // binary packet typed ping
                bytes(0x01, 0x02, 0xFF, 0x34, 0x01),            // binary packet typed ASCII '4'
                bytes(0x00, 0x02, 0xFF, 0x37, 0x78),            // unknown string packet type
                bytes(0x00, 0x05, 0xFF, 0x62, 0x34, 0x41, 0x51, 0x24), // bad base64 in a string record
                bytes(0x00, 0x01, 0xFF, 0x34, 0x05));           // valid packet, then an unknown marker
    }

    @ParameterizedTest
    @MethodSource("malformedBinaryPayloads")
    void rejectsMalformedBinaryPayload(byte[] payload) {
        assertThrows(DecodeException.class, () -> PayloadV3.decodeBinary(payload), () -> hex(payload));
    }

    @Test
    void tellsWhetherABatchHasBinary() {
        assertTrue(PayloadV3.hasBinary(TEXT_THEN_BINARY));
        assertTrue(PayloadV3.hasBinary(List.of(binary())));
        assertFalse(PayloadV3.hasBinary(List.of(Packet.message("b4AQID"), Packet.PING)));
        assertFalse(PayloadV3.hasBinary(List.of()));
    }

    // ================================================================== randomized

    @Test
    void stringPayloadsRoundTripForRandomPacketLists() throws DecodeException {
        CodecTestSupport.RandomPackets random = new CodecTestSupport.RandomPackets(SEED, true, true);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            List<Packet> packets = random.packets(0, 6);
            String payload = PayloadV3.encodeString(packets);
            assertEquals(packets, PayloadV3.decodeString(payload), () -> describe(packets) + " as " + visible(payload));
        }
    }

    @Test
    void binaryPayloadsRoundTripForRandomPacketLists() throws DecodeException {
        CodecTestSupport.RandomPackets random = new CodecTestSupport.RandomPackets(SEED, true, true);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            List<Packet> packets = random.packets(1, 6);
            byte[] payload = PayloadV3.encodeBinary(packets);
            assertEquals(packets, PayloadV3.decodeBinary(payload), () -> describe(packets) + " as " + hex(payload));
        }
    }

    @Test
    void stringLengthsCountUtf16UnitsForRandomText() {
        CodecTestSupport.RandomPackets random = new CodecTestSupport.RandomPackets(SEED, true, true);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            String data = random.text(12);
            String payload = PayloadV3.encodeString(List.of(Packet.message(data)));
            assertEquals((1 + data.length()) + ":4" + data, payload, () -> visible(payload));
        }
    }

    @Test
    void decodersThrowOnlyDecodeExceptionOnRandomInput() {
        CodecTestSupport.RandomPackets random = new CodecTestSupport.RandomPackets(SEED, true, true);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            List<Packet> packets = random.packets(1, 3);
            String validString = PayloadV3.encodeString(packets);
            byte[] validBinary = PayloadV3.encodeBinary(packets);

            int cut = random.random().nextInt(validString.length() + 1);
            String mutatedString = validString.substring(0, cut) + random.anyChars(2) + validString.substring(cut);
            String garbageString = random.anyChars(12);
            decodesOrThrowsDecodeException(() -> PayloadV3.decodeString(mutatedString), visible(mutatedString));
            decodesOrThrowsDecodeException(() -> PayloadV3.decodeString(garbageString), visible(garbageString));

            byte[] mutatedBinary = Arrays.copyOf(validBinary, validBinary.length);
            mutatedBinary[random.random().nextInt(mutatedBinary.length)] = (byte) random.random().nextInt(256);
            byte[] truncatedBinary = Arrays.copyOf(validBinary, random.random().nextInt(validBinary.length + 1));
            byte[] garbageBinary = random.bytes(12);
            decodesOrThrowsDecodeException(() -> PayloadV3.decodeBinary(mutatedBinary), hex(mutatedBinary));
            decodesOrThrowsDecodeException(() -> PayloadV3.decodeBinary(truncatedBinary), hex(truncatedBinary));
            decodesOrThrowsDecodeException(() -> PayloadV3.decodeBinary(garbageBinary), hex(garbageBinary));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] everyTypeBinaryPayload() {
        return bytes(
                0x00, 0x01, 0xFF, '0',
                0x00, 0x01, 0xFF, '1',
                0x00, 0x01, 0xFF, '2',
                0x00, 0x01, 0xFF, '3',
                0x00, 0x01, 0xFF, '4',
                0x00, 0x01, 0xFF, '5',
                0x00, 0x01, 0xFF, '6');
    }
}
