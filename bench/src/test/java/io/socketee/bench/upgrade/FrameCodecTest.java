package io.socketee.bench.upgrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden bytes for the Servlet-upgrade transport's RFC 6455 framing: the spec's examples first (section 5.7). */
class FrameCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    /** The mask key of RFC 6455's examples. */
    private static final byte[] KEY = HEX.parseHex("37fa213d");
    private static final int LIMIT = 1_000_000;

    // ------------------------------------------------------------------ encoding (server frames: never masked)

    @Test
    void encodesUnmaskedTextAsTheSpecExample() {
        assertEquals("810548656c6c6f", HEX.formatHex(Frames.text("Hello")));
    }

    @Test
    void encodesSixteenBitLengthAsTheSpecExample() {
        byte[] frame = Frames.binary(ByteBuffer.wrap(new byte[256]));
        assertEquals("827e0100", HEX.formatHex(frame, 0, 4));
        assertEquals(4 + 256, frame.length);
    }

    @Test
    void encodesSixtyFourBitLengthFrom65536Bytes() {
        byte[] frame = Frames.binary(ByteBuffer.wrap(new byte[65_536]));
        assertEquals("827f0000000000010000", HEX.formatHex(frame, 0, 10));
        assertEquals(10 + 65_536, frame.length);
    }

    @Test
    void choosesTheShortestLengthAtTheBoundaries() {
        assertEquals("817d", HEX.formatHex(Frames.text("a".repeat(125)), 0, 2));
        assertEquals("817e007e", HEX.formatHex(Frames.text("a".repeat(126)), 0, 4));
        assertEquals("817effff", HEX.formatHex(Frames.text("a".repeat(65_535)), 0, 4));
    }

    @Test
    void countsTextLengthInUtf8Bytes() {
        assertEquals("8103e282ac", HEX.formatHex(Frames.text("€")));
    }

    @Test
    void encodesCloseFramesWithCodeReasonOrNothing() {
        assertEquals("880203e8", HEX.formatHex(Frames.close(Frames.NORMAL_CLOSURE, "")));
        assertEquals("880503f1627965", HEX.formatHex(Frames.close(1009, "bye")));
        assertEquals("8800", HEX.formatHex(Frames.close(Frames.NO_STATUS, "ignored")));
    }

    @Test
    void cutsALongCloseReasonToTheControlFrameLimitWithoutSplittingACharacter() {
        byte[] frame = Frames.close(1000, "€".repeat(60));    // 180 bytes of reason
        assertEquals(2 + 2 + 123 - 123 % 3, frame.length);    // 41 whole € in 123 bytes
        assertTrue(frame[1] <= 125);
    }

    @Test
    void encodesPongWithThePingsPayload() {
        assertEquals("8a0548656c6c6f", HEX.formatHex(Frames.pong("Hello".getBytes(StandardCharsets.US_ASCII))));
    }

    // ------------------------------------------------------------------ decoding (client frames: always masked)

    @Test
    void decodesTheSpecsMaskedHello() {
        assertEquals(List.of("text Hello"), decode(HEX.parseHex("818537fa213d7f9f4d5158")));
    }

    @Test
    void masksAsTheSpecSays() {
        assertEquals("818537fa213d7f9f4d5158", HEX.formatHex(masked(0x81, "Hello".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void decodesTheSpecsFragmentedHelloMasked() {
        byte[] first = masked(0x01, bytes("Hel"));
        byte[] last = masked(0x80, bytes("lo"));
        assertEquals("018337fa213d7f9f4d", HEX.formatHex(first));
        assertEquals(List.of("text Hello"), decode(concat(first, last)));
    }

    @Test
    void decodesTheSpecsMaskedPingAndGivesItsPayload() {
        assertEquals(List.of("ping Hello"), decode(HEX.parseHex("898537fa213d7f9f4d5158")));
    }

    @Test
    void decodesSixteenAndSixtyFourBitLengths() {
        byte[] sixteen = masked(0x82, new byte[256]);
        assertEquals("82fe0100", HEX.formatHex(sixteen, 0, 4));
        assertEquals(List.of("binary 256"), decode(sixteen));
        byte[] sixtyFour = masked(0x82, new byte[65_536]);
        assertEquals("82ff0000000000010000", HEX.formatHex(sixtyFour, 0, 10));
        assertEquals(List.of("binary 65536"), decode(sixtyFour));
    }

    @Test
    void decodesTheSameFedOneByteAtATime() {
        byte[] stream = concat(masked(0x01, bytes("ab")), masked(0x89, bytes("p")), masked(0x80, bytes("c€")),
                masked(0x82, new byte[300]), masked(0x81, bytes("")));
        List<String> whole = decode(stream);
        assertEquals(List.of("ping p", "text abc€", "binary 300", "text "), whole);
        assertEquals(whole, decodeByteByByte(stream));
    }

    @Test
    void reassemblesACharacterSplitAcrossFrames() {
        byte[] euro = bytes("€");   // E2 82 AC
        byte[] stream = concat(masked(0x01, Arrays.copyOfRange(euro, 0, 2)), masked(0x80, Arrays.copyOfRange(euro, 2, 3)));
        assertEquals(List.of("text €"), decode(stream));
    }

    @Test
    void refusesABrokenCharacterSplitAcrossFramesWith1007() {
        byte[] stream = concat(masked(0x01, HEX.parseHex("e282")), masked(0x80, bytes("(")));
        assertEquals(List.of("error 1007"), decode(stream));
    }

    @Test
    void refusesInvalidUtf8With1007() {
        assertEquals(List.of("error 1007"), decode(masked(0x81, HEX.parseHex("c328"))));
    }

    @Test
    void letsControlFramesInBetweenFragments() {
        byte[] stream = concat(masked(0x01, bytes("one ")), masked(0x8A, bytes("x")), masked(0x00, bytes("two ")),
                masked(0x89, bytes("y")), masked(0x80, bytes("three")));
        assertEquals(List.of("pong x", "ping y", "text one two three"), decode(stream));
    }

    @Test
    void refusesAnUnmaskedClientFrameWith1002() {
        assertEquals(List.of("error 1002"), decode(HEX.parseHex("810548656c6c6f")));
    }

    @Test
    void refusesReservedBitsAndOpcodesWith1002() {
        byte[] rsv1 = masked(0x81, bytes("a"));
        rsv1[0] |= 0x40;
        assertEquals(List.of("error 1002"), decode(rsv1));
        assertEquals(List.of("error 1002"), decode(masked(0x83, bytes("a"))));
        assertEquals(List.of("error 1002"), decode(masked(0x8B, bytes("a"))));
    }

    @Test
    void refusesBadFragmentSequencesWith1002() {
        assertEquals(List.of("error 1002"), decode(masked(0x80, bytes("orphan"))));
        assertEquals(List.of("error 1002"), decode(concat(masked(0x01, bytes("a")), masked(0x81, bytes("b")))));
    }

    @Test
    void refusesFragmentedOrOversizedControlFramesWith1002() {
        assertEquals(List.of("error 1002"), decode(masked(0x09, bytes("a"))));
        assertEquals(List.of("error 1002"), decode(masked(0x89, new byte[126])));
    }

    @Test
    void refusesASixtyFourBitLengthWithItsTopBitSetWith1002() {
        byte[] frame = concat(HEX.parseHex("82ff8000000000000001"), KEY);
        assertEquals(List.of("error 1002"), decode(frame));
    }

    @Test
    void refusesAFrameOverTheLimitWith1009FromItsHeaderAlone() {
        byte[] header = concat(HEX.parseHex("81ff00000000000f4241"), KEY);   // 1,000,001 bytes announced
        assertEquals(List.of("error 1009"), decode(header));
    }

    @Test
    void acceptsAMessageOfExactlyTheLimit() {
        FrameDecoder decoder = new FrameDecoder(10);
        List<String> events = new ArrayList<>();
        decoder.feed(masked(0x82, new byte[10]), 0, 16, sink(events));
        assertEquals(List.of("binary 10"), events);
    }

    @Test
    void refusesFragmentsAddingUpToMoreThanTheLimitWith1009() {
        FrameDecoder decoder = new FrameDecoder(10);
        List<String> events = new ArrayList<>();
        byte[] stream = concat(masked(0x01, bytes("123456")), masked(0x80, bytes("7890X")));
        decoder.feed(stream, 0, stream.length, sink(events));
        assertEquals(List.of("error 1009"), events);
    }

    @Test
    void decodesCloseFramesAndEndsDecoding() {
        byte[] close = masked(0x88, concat(HEX.parseHex("03e8"), bytes("bye")));
        List<String> events = new ArrayList<>();
        FrameDecoder decoder = new FrameDecoder(LIMIT);
        byte[] stream = concat(close, masked(0x81, bytes("after")));
        assertFalse(decoder.feed(stream, 0, stream.length, sink(events)));
        assertEquals(List.of("close 1000 bye"), events);
        assertTrue(decoder.done());
        assertEquals(List.of("close 1005 "), decode(masked(0x88, new byte[0])));
    }

    @Test
    void refusesBadCloseFrames() {
        assertEquals(List.of("error 1002"), decode(masked(0x88, HEX.parseHex("03"))));           // 1 byte
        assertEquals(List.of("error 1002"), decode(masked(0x88, HEX.parseHex("03ed"))));         // 1005
        assertEquals(List.of("error 1002"), decode(masked(0x88, HEX.parseHex("03e7"))));         // 999
        assertEquals(List.of("error 1007"), decode(masked(0x88, HEX.parseHex("03e8c328"))));     // reason not UTF-8
        assertEquals(List.of("close 4000 "), decode(masked(0x88, HEX.parseHex("0fa0"))));        // application code
    }

    @Test
    void validatesUtf8Strictly() {
        assertTrue(Utf8.isValid(HEX.parseHex("f09f9880"), 0, 4));      // 😀
        assertTrue(Utf8.isValid(HEX.parseHex("f48fbfbf"), 0, 4));      // U+10FFFF
        assertFalse(Utf8.isValid(HEX.parseHex("c080"), 0, 2));         // overlong NUL
        assertFalse(Utf8.isValid(HEX.parseHex("e08080"), 0, 3));       // overlong
        assertFalse(Utf8.isValid(HEX.parseHex("eda080"), 0, 3));       // a surrogate
        assertFalse(Utf8.isValid(HEX.parseHex("f4908080"), 0, 4));     // over U+10FFFF
        assertFalse(Utf8.isValid(HEX.parseHex("e282"), 0, 2));         // cut short
        assertFalse(Utf8.isValid(HEX.parseHex("80"), 0, 1));           // a lone continuation byte
    }

    @Test
    void computesTheSpecsAcceptValue() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", UpgradeFilter.acceptValue("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A client frame: first byte as given, masked with the spec's key, the shortest length. */
    private static byte[] masked(int firstByte, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int n = payload.length;
        if (n < 126) {
            out.write(0x80 | n);
        } else if (n < 65_536) {
            out.write(0x80 | 126);
            out.write(n >> 8);
            out.write(n & 0xFF);
        } else {
            out.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (((long) n >> (8 * i)) & 0xFF));
            }
        }
        out.writeBytes(KEY);
        for (int i = 0; i < n; i++) {
            out.write(payload[i] ^ KEY[i & 3]);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<String> decode(byte[] stream) {
        List<String> events = new ArrayList<>();
        new FrameDecoder(LIMIT).feed(stream.clone(), 0, stream.length, sink(events));
        return events;
    }

    private static List<String> decodeByteByByte(byte[] stream) {
        List<String> events = new ArrayList<>();
        FrameDecoder decoder = new FrameDecoder(LIMIT);
        FrameDecoder.Sink sink = sink(events);
        for (byte b : stream) {
            decoder.feed(new byte[] {b}, 0, 1, sink);
        }
        return events;
    }

    private static FrameDecoder.Sink sink(List<String> events) {
        return new FrameDecoder.Sink() {
            @Override
            public void onText(String text) {
                events.add("text " + text);
            }

            @Override
            public void onBinary(ByteBuffer data) {
                events.add("binary " + data.remaining());
            }

            @Override
            public void onPing(byte[] payload) {
                events.add("ping " + new String(payload, StandardCharsets.UTF_8));
            }

            @Override
            public void onPong(byte[] payload) {
                events.add("pong " + new String(payload, StandardCharsets.UTF_8));
            }

            @Override
            public void onClose(int code, String reason) {
                events.add("close " + code + " " + reason);
            }

            @Override
            public void onProtocolError(int closeCode, String reason) {
                events.add("error " + closeCode);
            }
        };
    }
}
