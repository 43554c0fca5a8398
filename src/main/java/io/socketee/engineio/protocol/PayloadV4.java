package io.socketee.engineio.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Engine.IO v4 polling payloads: packets in text form joined by the record separator {@code \x1e}.
 */
public final class PayloadV4 {
    /** The record separator between packets. */
    public static final char SEPARATOR = '\u001e';

    private PayloadV4() {
    }

    public static String encode(List<Packet> packets) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                out.append(SEPARATOR);
            }
            out.append(PacketCodec.encodeText(packets.get(i), ProtocolVersion.V4));
        }
        return out.toString();
    }

    public static List<Packet> decode(String payload) throws DecodeException {
        List<Packet> packets = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = payload.indexOf(SEPARATOR, start);
            if (end < 0) {
                packets.add(PacketCodec.decodeText(payload.subSequence(start, payload.length()), ProtocolVersion.V4));
                return packets;
            }
            packets.add(PacketCodec.decodeText(payload.subSequence(start, end), ProtocolVersion.V4));
            start = end + 1;
        }
    }
}
