package io.socketee.socketio.protocol;

import static io.socketee.socketio.protocol.Golden.array;
import static io.socketee.socketio.protocol.Golden.bytes;
import static io.socketee.socketio.protocol.SocketIoVersion.V4;

import jakarta.json.Json;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden wire tests for protocol v4 (socket.io 2.x), paired: every case is encoded and decoded against the literal
 * text of the spec, {@code socketio/socket.io-protocol} branch {@code v4}, Readme.md, section "Packet encoding >
 * Examples" unless cited otherwise.
 */
class GoldenV4Test {

    static List<Golden> cases() {
        return List.of(
                // "`CONNECT` packet for the default namespace ... is encoded to `0`"
                Golden.of("Examples/CONNECT default namespace", V4, Packet.connect("/"), "0"),
                // "`CONNECT` packet for the `/admin` namespace ... is encoded to `0/admin,`"
                Golden.of("Examples/CONNECT /admin", V4, Packet.connect("/admin"), "0/admin,"),
                // "Packet types > 0 - CONNECT": { "type": 0, "nsp": "/admin?token=1234&uid=abcd" }
                Golden.of("Packet types/CONNECT with query", V4,
                        new Packet.Connect("/admin", Optional.empty(), Optional.of("token=1234&uid=abcd")),
                        "0/admin?token=1234&uid=abcd,"),
                // "`DISCONNECT` packet for the `/admin` namespace ... is encoded to `1/admin,`"
                Golden.of("Examples/DISCONNECT /admin", V4, Packet.disconnect("/admin"), "1/admin,"),
                // "`EVENT` packet ... is encoded to `2["hello",1]`"
                Golden.of("Examples/EVENT", V4, Packet.event("/", array("[\"hello\",1]")), "2[\"hello\",1]"),
                // "`EVENT` packet with an acknowledgement id ... is encoded to `2/admin,456["project:delete",123]`"
                Golden.of("Examples/EVENT with ack id", V4,
                        Packet.event("/admin", 456, array("[\"project:delete\",123]")),
                        "2/admin,456[\"project:delete\",123]"),
                // "`ACK` packet ... is encoded to `3/admin,456[]`"
                Golden.of("Examples/ACK", V4, Packet.ack("/admin", 456, array("[]")), "3/admin,456[]"),
                // "`ERROR` packet ... is encoded to `4/admin,"Not authorized"`"
                Golden.of("Examples/ERROR", V4,
                        Packet.connectError("/admin", "Not authorized", V4), "4/admin,\"Not authorized\""),
                // "`BINARY_EVENT` packet ... is encoded to `51-["hello",{"_placeholder":true,"num":0}]`"
                Golden.of("Examples/BINARY_EVENT", V4,
                        Packet.event("/", "hello", Binary.of(bytes(1, 2, 3))),
                        "51-[\"hello\",{\"_placeholder\":true,\"num\":0}]", bytes(1, 2, 3)),
                // "`BINARY_EVENT` packet with an acknowledgement id ... is encoded to
                // `51-/admin,456["project:delete",{"_placeholder":true,"num":0}]`"
                Golden.of("Examples/BINARY_EVENT with ack id", V4,
                        Packet.event("/admin", 456, Json.createArrayBuilder().add("project:delete")
                                .add(Binary.of(bytes(1, 2, 3))).build()),
                        "51-/admin,456[\"project:delete\",{\"_placeholder\":true,\"num\":0}]", bytes(1, 2, 3)),
                // "`BINARY_ACK` packet ... is encoded to `61-/admin,456[{"_placeholder":true,"num":0}]`"
                Golden.of("Examples/BINARY_ACK", V4,
                        Packet.ack("/admin", 456, Json.createArrayBuilder().add(Binary.of(bytes(3, 2, 1))).build()),
                        "61-/admin,456[{\"_placeholder\":true,\"num\":0}]", bytes(3, 2, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodesGoldenPacket(Golden golden) {
        golden.assertEncodes();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesGoldenPacket(Golden golden) throws SocketIoDecodeException {
        golden.assertDecodes();
    }
}
