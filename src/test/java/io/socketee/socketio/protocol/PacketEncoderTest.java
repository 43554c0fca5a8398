package io.socketee.socketio.protocol;

import static io.socketee.socketio.protocol.Golden.array;
import static io.socketee.socketio.protocol.Golden.bytes;
import static io.socketee.socketio.protocol.Golden.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PacketEncoderTest {

    private static EncodedPacket encode(Packet packet) {
        return PacketEncoder.encode(packet, SocketIoVersion.V5);
    }

    @Test
    void encodesNestedBinaryDepthFirstInOrder() {
        byte[] one = bytes(1);
        byte[] two = bytes(2, 2);
        byte[] three = bytes(3, 3, 3);
        JsonArray data = Json.createArrayBuilder()
                .add("upload")
                .add(Json.createObjectBuilder()
                        .add("meta", Json.createObjectBuilder().add("file", Binary.of(one)).add("n", 1))
                        .add("parts", Json.createArrayBuilder().add(Binary.of(two))
                                .add(Json.createArrayBuilder().add(Binary.of(three)))))
                .build();
        Packet.Event event = Packet.event("/", 5, data);
        assertEquals(PacketType.BINARY_EVENT, event.type());

        EncodedPacket encoded = encode(event);
        assertEquals("53-5[\"upload\",{\"meta\":{\"file\":{\"_placeholder\":true,\"num\":0},\"n\":1},"
                + "\"parts\":[{\"_placeholder\":true,\"num\":1},[{\"_placeholder\":true,\"num\":2}]]}]",
                encoded.text());
        assertEquals(3, encoded.attachments().size());
        assertSame(one, encoded.attachments().get(0), "attachments are shared, not copied");
        assertSame(two, encoded.attachments().get(1));
        assertSame(three, encoded.attachments().get(2));
    }

    @Test
    void encodesBinaryAckAsTypeSix() {
        Packet.Ack ack = Packet.ack("/", 1, Json.createArrayBuilder().add(Binary.copyOf(ByteBuffer.wrap(bytes(7))))
                .build());
        assertEquals(PacketType.BINARY_ACK, ack.type());
        assertEquals(new EncodedPacket("61-1[{\"_placeholder\":true,\"num\":0}]", List.of(bytes(7))), encode(ack));
    }

    @Test
    void encodesOncePerPacketAsAShareableValue() {
        Packet.Event event = Packet.event("/room", "news", Json.createValue("hi"), Binary.of(bytes(4, 2)));
        EncodedPacket first = encode(event);
        EncodedPacket second = encode(event);
        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
        assertNotSame(first, second);
        assertTrue(first.hasAttachments());
        assertThrows(UnsupportedOperationException.class, () -> first.attachments().add(bytes(1)));
        assertFalse(encode(Packet.disconnect("/")).hasAttachments());
    }

    @Test
    void encodesV4ErrorAsPlainString() {
        assertEquals("4/admin,\"Not authorized\"",
                PacketEncoder.encode(Packet.connectError("/admin", "Not authorized", SocketIoVersion.V4),
                        SocketIoVersion.V4).text());
        assertEquals("4[\"any\",\"json\"]", PacketEncoder.encode(
                Packet.connectError("/", array("[\"any\",\"json\"]")), SocketIoVersion.V4).text());
    }

    @Test
    void encodesV4ConnectQueryOnTheMainNamespace() {
        Packet.Connect connect = new Packet.Connect("/", Optional.empty(), Optional.of("a=1"));
        assertEquals("0/?a=1,", PacketEncoder.encode(connect, SocketIoVersion.V4).text());
    }

    @Test
    void refusesWhatTheVersionCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> PacketEncoder.encode(
                new Packet.Connect("/a", Optional.empty(), Optional.of("x=1")), SocketIoVersion.V5));
        assertThrows(IllegalArgumentException.class, () -> PacketEncoder.encode(
                Packet.connectError("/", array("[1]")), SocketIoVersion.V5));
    }

    @Test
    void refusesBinaryOutsideEventsAndAcks() {
        Packet.Connect connect = Packet.connect("/", Json.createObjectBuilder().add("b", Binary.of(bytes(1))).build());
        assertThrows(IllegalArgumentException.class, () -> encode(connect));
        assertThrows(IllegalArgumentException.class,
                () -> encode(Packet.connectError("/", Binary.of(bytes(1)))));
    }

    @Test
    void packetsRefuseInvalidFields() {
        assertThrows(IllegalArgumentException.class, () -> Packet.event("/", array("[]")));
        assertThrows(IllegalArgumentException.class, () -> Packet.event("/", array("[{}]")));
        assertThrows(IllegalArgumentException.class,
                () -> Packet.event("/", Json.createArrayBuilder().add(Binary.of(bytes(1))).build()));
        assertThrows(IllegalArgumentException.class, () -> Packet.event("admin", array("[\"x\"]")));
        assertThrows(IllegalArgumentException.class, () -> Packet.disconnect("/a,b"));
        assertThrows(IllegalArgumentException.class, () -> Packet.ack("/", -1, array("[]")));
        assertThrows(IllegalArgumentException.class,
                () -> new Packet.Event("/", OptionalLong.of(-2), array("[\"x\"]")));
        assertThrows(NullPointerException.class, () -> Packet.connectError("/", null));
    }

    @Test
    void connectReplyCarriesTheSocketId() {
        assertEquals("0/admin,{\"sid\":\"abc\"}", encode(Packet.connectReply("/admin", "abc")).text());
        assertEquals(Optional.of("abc"), Packet.connectReply("/", "abc").sid());
        assertEquals(object("{\"sid\":\"abc\"}"), Packet.connectReply("/", "abc").data().orElseThrow());
    }
}
