package io.socketee.socketio.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One golden wire case: a packet, the exact text the spec gives for it, and its attachments. Each case is checked both
 * ways (encode gives the text, decode gives the packet).
 */
record Golden(String source, SocketIoVersion version, Packet packet, String text, List<byte[]> attachments) {

    static Golden of(String source, SocketIoVersion version, Packet packet, String text, byte[]... attachments) {
        return new Golden(source, version, packet, text, List.of(attachments));
    }

    void assertEncodes() {
        EncodedPacket encoded = PacketEncoder.encode(packet, version);
        assertEquals(new EncodedPacket(text, attachments), encoded);
    }

    void assertDecodes() throws SocketIoDecodeException {
        PacketDecoder decoder = PacketDecoder.create(version);
        Optional<Packet> decoded = decoder.decodeText(text);
        for (byte[] attachment : attachments) {
            assertTrue(decoded.isEmpty(), "packet complete before its attachments");
            decoded = decoder.decodeBinary(attachment);
        }
        assertEquals(Optional.of(packet), decoded);
        assertEquals(countBinaries(packet), attachments.size(), "attachments not decoded as Binary");
    }

    @Override
    public String toString() {
        return version + " " + text + (attachments.isEmpty() ? "" : " + " + attachments.size() + " attachment(s)")
                + "  [" + source + "]";
    }

    /** Binary equals a base64 JsonString, so make sure the decoded values really are Binary. */
    static int countBinaries(Packet packet) {
        List<Binary> found = new ArrayList<>();
        if (packet instanceof Packet.Event event) {
            collect(event.data(), found);
        } else if (packet instanceof Packet.Ack ack) {
            collect(ack.data(), found);
        }
        return found.size();
    }

    static void collect(JsonValue value, List<Binary> found) {
        if (value instanceof Binary binary) {
            found.add(binary);
        } else if (value instanceof JsonArray array) {
            array.forEach(v -> collect(v, found));
        } else if (value instanceof JsonObject object) {
            object.values().forEach(v -> collect(v, found));
        }
    }

    static JsonValue json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    static JsonArray array(String text) {
        return json(text).asJsonArray();
    }

    static JsonObject object(String text) {
        return json(text).asJsonObject();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
