package io.socketee.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.socketee.engineio.protocol.DecodeException;
import io.socketee.engineio.protocol.Packet;
import io.socketee.engineio.protocol.PacketCodec;
import io.socketee.engineio.protocol.PollingCodec;
import io.socketee.engineio.protocol.ProtocolVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz tests of the Engine.IO decoders. Input format: the first byte selects the variant, the rest is the body or
 * frame as received. Property: only {@link DecodeException} escapes, and what is decoded is never larger than the
 * input (no allocation beyond the body, which the transport has already bounded). Hangs are caught by Jazzer's
 * timeout. Seeds: {@code src/test/resources/io/socketee/fuzz/EngineIoFuzzTestInputs/<method>/}.
 */
class EngineIoFuzzTest {

    /**
     * {@link PollingCodec#decode}: bits 0-1 of the first byte pick the framing (0: EIO=4 string payload, 1: EIO=3
     * string payload, 2: EIO=3 XHR2 binary payload, 3: JSONP form body), bit 2 the version of a JSONP body; a binary
     * body under EIO=4 (bit 3 with framing 2) must be refused.
     */
    @FuzzTest
    void pollingDecode(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int selector = input[0] & 0xFF;
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        int framing = selector & 3;
        ProtocolVersion version = switch (framing) {
            case 0 -> ProtocolVersion.V4;
            case 1 -> ProtocolVersion.V3;
            case 2 -> (selector & 8) != 0 ? ProtocolVersion.V4 : ProtocolVersion.V3;
            default -> (selector & 4) != 0 ? ProtocolVersion.V3 : ProtocolVersion.V4;
        };
        List<Packet> packets;
        try {
            packets = PollingCodec.decode(body, version, framing == 2, framing == 3);
        } catch (DecodeException e) {
            return;
        }
        assertTrue(framing != 2 || version == ProtocolVersion.V3, "binary body accepted under EIO=4");
        assertBounded(packets, body.length);
    }

    /**
     * {@link PacketCodec#decodeText} (bit 0 of the first byte clear: the rest as UTF-8 text) and
     * {@link PacketCodec#decodeBinaryFrame} (bit 0 set: the rest as a frame); bit 1 picks EIO=3.
     */
    @FuzzTest
    void packetDecode(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int selector = input[0] & 0xFF;
        ProtocolVersion version = (selector & 2) != 0 ? ProtocolVersion.V3 : ProtocolVersion.V4;
        Packet packet;
        try {
            if ((selector & 1) == 0) {
                String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
                packet = PacketCodec.decodeText(text, version);
            } else {
                // a frame that does not start at offset 0 of its array, as a container may hand it over
                packet = PacketCodec.decodeBinaryFrame(ByteBuffer.wrap(input, 1, input.length - 1).slice(), version);
            }
        } catch (DecodeException e) {
            return;
        }
        assertBounded(List.of(packet), input.length * 3);
    }

    private static void assertBounded(List<Packet> packets, int inputLength) {
        assertTrue(packets.size() <= inputLength + 1, "more packets than input");
        long total = 0;
        for (Packet p : packets) {
            total += p instanceof Packet.Text t ? t.data().length() : ((Packet.Binary) p).data().length;
        }
        assertTrue(total <= inputLength, "decoded " + total + " from " + inputLength + " input");
    }
}
