package io.socketee.engineio.protocol;

import static io.socketee.engineio.protocol.CodecTestSupport.ROUND_TRIPS;
import static io.socketee.engineio.protocol.CodecTestSupport.SEED;
import static io.socketee.engineio.protocol.CodecTestSupport.binary;
import static io.socketee.engineio.protocol.CodecTestSupport.decodesOrThrowsDecodeException;
import static io.socketee.engineio.protocol.CodecTestSupport.describe;
import static io.socketee.engineio.protocol.CodecTestSupport.text;
import static io.socketee.engineio.protocol.CodecTestSupport.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EIO=4 polling payloads: packets in text form joined by the record separator {@code \x1e}, binary as
 * {@code b<base64>}.
 */
class PayloadV4Test {

    @Test
    void encodesMessagePingMessage() {
        assertEquals("4hello\u001e2\u001e4world",
                PayloadV4.encode(List.of(Packet.message("hello"), Packet.PING, Packet.message("world"))));
    }

    @Test
    void decodesMessagePingMessage() throws DecodeException {
        assertEquals(List.of(Packet.message("hello"), Packet.PING, Packet.message("world")),
                PayloadV4.decode("4hello\u001e2\u001e4world"));
    }

    @Test
    void encodesTextThenBinaryMessage() {
        assertEquals("4hello\u001ebAQIDBA==", PayloadV4.encode(List.of(Packet.message("hello"), binary(1, 2, 3, 4))));
    }

    @Test
    void decodesTextThenBinaryMessage() throws DecodeException {
        assertEquals(List.of(Packet.message("hello"), binary(1, 2, 3, 4)), PayloadV4.decode("4hello\u001ebAQIDBA=="));
    }

    @Test
    void encodesSinglePacketWithoutSeparator() {
        assertEquals("4hello", PayloadV4.encode(List.of(Packet.message("hello"))));
    }

    @Test
    void decodesSinglePacketWithoutSeparator() throws DecodeException {
        assertEquals(List.of(Packet.message("hello")), PayloadV4.decode("4hello"));
    }

    @Test
    void encodesEveryPacketType() {
        assertEquals("0{}\u001e1\u001e2\u001e3\u001e4x\u001e5\u001e6", PayloadV4.encode(List.of(
                text(PacketType.OPEN, "{}"), Packet.CLOSE, Packet.PING, Packet.PONG, Packet.message("x"),
                Packet.UPGRADE, Packet.NOOP)));
    }

    @Test
    void decodesEveryPacketType() throws DecodeException {
        assertEquals(List.of(text(PacketType.OPEN, "{}"), Packet.CLOSE, Packet.PING, Packet.PONG, Packet.message("x"),
                        Packet.UPGRADE, Packet.NOOP),
                PayloadV4.decode("0{}\u001e1\u001e2\u001e3\u001e4x\u001e5\u001e6"));
    }

    @Test
    void encodesProbes() {
        assertEquals("2probe\u001e3probe", PayloadV4.encode(List.of(Packet.PING_PROBE, Packet.PONG_PROBE)));
    }

    @Test
    void decodesProbes() throws DecodeException {
        assertEquals(List.of(Packet.PING_PROBE, Packet.PONG_PROBE), PayloadV4.decode("2probe\u001e3probe"));
    }

    @Test
    void encodesEuroSignAndEmojiMessages() {
        assertEquals("4€\u001e4😀", PayloadV4.encode(List.of(Packet.message("€"), Packet.message("😀"))));
    }

    @Test
    void decodesEuroSignAndEmojiMessages() throws DecodeException {
        assertEquals(List.of(Packet.message("€"), Packet.message("😀")), PayloadV4.decode("4€\u001e4😀"));
    }

    @Test
    void encodesEmptyMessages() {
        assertEquals("4\u001e4", PayloadV4.encode(List.of(Packet.message(""), Packet.message(""))));
    }

    @Test
    void decodesEmptyMessages() throws DecodeException {
        assertEquals(List.of(Packet.message(""), Packet.message("")), PayloadV4.decode("4\u001e4"));
    }

    @Test
    void encodesEmptyBinaryAsBarePrefix() {
        assertEquals("b\u001e4x", PayloadV4.encode(List.of(binary(), Packet.message("x"))));
    }

    @Test
    void decodesBarePrefixAsEmptyBinary() throws DecodeException {
        assertEquals(List.of(binary(), Packet.message("x")), PayloadV4.decode("b\u001e4x"));
    }

    @Test
    void encodesTwoBinaryMessages() {
        assertEquals("bAQID\u001ebBAUG", PayloadV4.encode(List.of(binary(1, 2, 3), binary(4, 5, 6))));
    }

    @Test
    void decodesTwoBinaryMessages() throws DecodeException {
        assertEquals(List.of(binary(1, 2, 3), binary(4, 5, 6)), PayloadV4.decode("bAQID\u001ebBAUG"));
    }

    @Test
    void encodesMessagesThatLookLikeOtherFramings() {
        assertEquals("46:4hello\u001e4b4AQID\u001e4\\n\u001e4\n",
                PayloadV4.encode(List.of(Packet.message("6:4hello"), Packet.message("b4AQID"), Packet.message("\\n"),
                        Packet.message("\n"))));
    }

    @Test
    void decodesMessagesThatLookLikeOtherFramings() throws DecodeException {
        assertEquals(List.of(Packet.message("6:4hello"), Packet.message("b4AQID"), Packet.message("\\n"),
                        Packet.message("\n")),
                PayloadV4.decode("46:4hello\u001e4b4AQID\u001e4\\n\u001e4\n"));
    }

    // ------------------------------------------------------------------ malformed input

    @ParameterizedTest
    @ValueSource(strings = {
            "",                          // no packet at all
            "\u001e",                    // two empty packets
            "4hello\u001e",              // trailing separator
            "\u001e4hello",              // leading separator
            "4a\u001e\u001e4b",          // empty packet in the middle
            "4hello\u001e7",             // unknown type in the second packet
            "x",                         // unknown type
            "hello",                     // data without type
            "4hello\u001eb!!!!",         // bad base64
            "bAQIDB\u001e4x",            // truncated base64
    })
    void rejectsMalformedPayload(String payload) {
        assertThrows(DecodeException.class, () -> PayloadV4.decode(payload));
    }

    // ------------------------------------------------------------------ randomized

    @Test
    void payloadsRoundTripForRandomPacketLists() throws DecodeException {
        CodecTestSupport.RandomPackets random = new CodecTestSupport.RandomPackets(SEED, false, true);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            List<Packet> packets = random.packets(1, 6);
            String payload = PayloadV4.encode(packets);
            assertEquals(packets, PayloadV4.decode(payload), () -> describe(packets) + " as " + visible(payload));
        }
    }

    @Test
    void decoderThrowsOnlyDecodeExceptionOnRandomInput() {
        CodecTestSupport.RandomPackets random = new CodecTestSupport.RandomPackets(SEED, true, true);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            String valid = PayloadV4.encode(random.packets(1, 3));
            String garbage = random.anyChars(12);
            int cut = random.random().nextInt(valid.length() + 1);
            String mutated = valid.substring(0, cut) + random.anyChars(2) + valid.substring(cut);
            decodesOrThrowsDecodeException(() -> PayloadV4.decode(garbage), visible(garbage));
            decodesOrThrowsDecodeException(() -> PayloadV4.decode(mutated), visible(mutated));
        }
    }
}
