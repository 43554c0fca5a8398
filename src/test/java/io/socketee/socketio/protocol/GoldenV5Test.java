package io.socketee.socketio.protocol;

import static io.socketee.socketio.protocol.Golden.array;
import static io.socketee.socketio.protocol.Golden.bytes;
import static io.socketee.socketio.protocol.Golden.object;
import static io.socketee.socketio.protocol.SocketIoVersion.V5;

import jakarta.json.Json;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden wire tests for protocol v5, paired: every case is encoded and decoded against the literal text of the spec,
 * {@code socketio/socket.io-protocol} (branch main, Readme.md). Sections are cited per case.
 */
class GoldenV5Test {

    static List<Golden> cases() {
        return List.of(
                // "Packet encoding > Examples > Connection to a namespace": with the main namespace
                Golden.of("Examples/Connection, main namespace", V5,
                        Packet.connect("/"), "0"),
                // "Packet encoding > Examples > Connection to a namespace": with a custom namespace
                Golden.of("Examples/Connection, custom namespace", V5,
                        Packet.connectReply("/admin", "oSO0OpakMV_3jnilAAAA"),
                        "0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}"),
                // "Exchange protocol > Connection to a namespace": with an additional payload
                Golden.of("Exchange/Connection, additional payload", V5,
                        Packet.connect("/admin", object("{\"token\":\"123\"}")), "0/admin,{\"token\":\"123\"}"),
                // "Sample session": request n°3, the namespace connection approval
                Golden.of("Sample session/request 3", V5,
                        Packet.connectReply("/", "wZX3oN0bSVIhsaknAAAI"), "0{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}"),
                // "Sample session": WebSocket frames, "request access to the admin namespace"
                Golden.of("Sample session/admin CONNECT", V5,
                        Packet.connect("/admin"), "0/admin,"),
                // "Packet encoding > Examples > Connection to a namespace": in case the connection is refused
                Golden.of("Examples/Connection refused", V5,
                        Packet.connectError("/", "Not authorized", V5), "4{\"message\":\"Not authorized\"}"),
                // "Exchange protocol > Connection to a namespace", refusal on a custom namespace
                Golden.of("Exchange/Connection refused, custom namespace", V5,
                        Packet.connectError("/admin", object("{\"message\":\"Not authorized\"}")),
                        "4/admin,{\"message\":\"Not authorized\"}"),
                // "Packet encoding > Examples > Sending and receiving data": with the main namespace
                Golden.of("Examples/Sending, main namespace", V5,
                        Packet.event("/", array("[\"foo\"]")), "2[\"foo\"]"),
                // "Packet encoding > Examples > Sending and receiving data": with a custom namespace
                Golden.of("Examples/Sending, custom namespace", V5,
                        Packet.event("/admin", array("[\"bar\"]")), "2/admin,[\"bar\"]"),
                // "Packet encoding > Examples > Sending and receiving data": with binary data
                Golden.of("Examples/Sending, binary data", V5,
                        Packet.event("/", "baz", Binary.of(bytes(1, 2, 3, 4))),
                        "51-[\"baz\",{\"_placeholder\":true,\"num\":0}]", bytes(1, 2, 3, 4)),
                // "Packet encoding > Examples > Sending and receiving data": with multiple attachments
                Golden.of("Examples/Sending, multiple attachments", V5,
                        Packet.event("/admin", "baz", Binary.of(bytes(1, 2)), Binary.of(bytes(3, 4))),
                        "52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
                        bytes(1, 2), bytes(3, 4)),
                // "Packet encoding > Examples > Acknowledgement": with the main namespace
                Golden.of("Examples/Acknowledgement, main namespace", V5,
                        Packet.event("/", 12, array("[\"foo\"]")), "212[\"foo\"]"),
                // "Packet encoding > Examples > Acknowledgement": with a custom namespace
                Golden.of("Examples/Acknowledgement, custom namespace", V5,
                        Packet.ack("/admin", 13, array("[\"bar\"]")), "3/admin,13[\"bar\"]"),
                // "Exchange protocol > Acknowledgement": Server > { type: ACK, data: [], id: 12 }
                Golden.of("Exchange/Acknowledgement, empty", V5,
                        Packet.ack("/", 12, array("[]")), "312[]"),
                // "Packet encoding > Examples > Acknowledgement": with binary data
                Golden.of("Examples/Acknowledgement, binary data", V5,
                        Packet.ack("/", 15, Json.createArrayBuilder().add("bar")
                                .add(Binary.of(bytes(1, 2, 3, 4))).build()),
                        "61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]", bytes(1, 2, 3, 4)),
                // "Sample session": WebSocket frames, EVENT with acknowledgement and the BINARY_ACK answering it
                Golden.of("Sample session/event with ack", V5,
                        new Packet.Event("/admin", OptionalLong.of(1), array("[\"tellme\"]")),
                        "2/admin,1[\"tellme\"]"),
                Golden.of("Sample session/binary ack", V5,
                        Packet.ack("/admin", 1, Json.createArrayBuilder().add(Binary.of(bytes(0xff))).build()),
                        "61-/admin,1[{\"_placeholder\":true,\"num\":0}]", bytes(0xff)),
                // "Packet encoding > Examples > Disconnection from a namespace": with the main namespace
                Golden.of("Examples/Disconnection, main namespace", V5,
                        Packet.disconnect("/"), "1"),
                // "Packet encoding > Examples > Disconnection from a namespace": with a custom namespace
                Golden.of("Examples/Disconnection, custom namespace", V5,
                        Packet.disconnect("/admin"), "1/admin,"),
                // not in the spec: the brief's CONNECT_ERROR for an unknown namespace (Node's wording)
                Golden.of("Node server/Invalid namespace", V5,
                        new Packet.ConnectError("/nope", object("{\"message\":\"Invalid namespace\"}")),
                        "4/nope,{\"message\":\"Invalid namespace\"}"),
                // v5 CONNECT_ERROR may also carry a plain string (Node's isPayloadValid)
                Golden.of("socket.io-parser/CONNECT_ERROR string", V5,
                        Packet.connectError("/", Json.createValue("nope")), "4\"nope\""));
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
