package io.socketee.bench.jmh;

import io.socketee.engineio.protocol.DecodeException;
import io.socketee.engineio.protocol.PacketCodec;
import io.socketee.engineio.protocol.PayloadV4;
import io.socketee.engineio.protocol.ProtocolVersion;
import io.socketee.socketio.protocol.EncodedPacket;
import io.socketee.socketio.protocol.Packet;
import io.socketee.socketio.protocol.PacketDecoder;
import io.socketee.socketio.protocol.PacketEncoder;
import io.socketee.socketio.protocol.SocketIoDecodeException;
import io.socketee.socketio.protocol.SocketIoVersion;
import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codecs: Engine.IO packets (a WebSocket frame's text) and long-polling payloads (8 packets joined by
 * {@code \x1e}), Socket.IO v5 packets (an event with a string, an event with an object, an ack), each encoded and
 * decoded, for a small and a large string payload.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    @Param({"32", "1024"})
    public int payloadSize;

    private String payload;
    private io.socketee.engineio.protocol.Packet eioMessage;
    private String eioFrame;
    private List<io.socketee.engineio.protocol.Packet> eioPackets;
    private String eioPayload;
    private Packet.Event sioStringEvent;
    private Packet.Event sioObjectEvent;
    private Packet.Ack sioAck;
    private String sioStringEventText;
    private String sioObjectEventText;
    private String sioAckText;

    @Setup
    public void setup() {
        payload = "x".repeat(payloadSize);
        eioMessage = io.socketee.engineio.protocol.Packet.message("2[\"echo\",\"" + payload + "\"]");
        eioFrame = PacketCodec.encodeText(eioMessage, ProtocolVersion.V4);
        eioPackets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eioPackets.add(io.socketee.engineio.protocol.Packet.message("2" + i + "[\"echo\",\"" + payload + "\"]"));
        }
        eioPayload = PayloadV4.encode(eioPackets);
        sioStringEvent = Packet.event("/", "echo", Json.createValue(payload));
        sioObjectEvent = Packet.event("/", "message", Json.createObjectBuilder()
                .add("text", payload).add("n", 42).add("ok", true)
                .add("list", Json.createArrayBuilder().add(1).add("two").addNull())
                .build());
        sioAck = Packet.ack("/", 12345, Json.createArrayBuilder().add(payload).build());
        sioStringEventText = PacketEncoder.encode(sioStringEvent, SocketIoVersion.V5).text();
        sioObjectEventText = PacketEncoder.encode(sioObjectEvent, SocketIoVersion.V5).text();
        sioAckText = PacketEncoder.encode(sioAck, SocketIoVersion.V5).text();
    }

    // ---------------------------------------------------------------- Engine.IO

    @Benchmark
    public String eioEncodePacket() {
        return PacketCodec.encodeText(eioMessage, ProtocolVersion.V4);
    }

    @Benchmark
    public io.socketee.engineio.protocol.Packet eioDecodePacket() throws DecodeException {
        return PacketCodec.decodeText(eioFrame, ProtocolVersion.V4);
    }

    @Benchmark
    public String eioEncodePayload8() {
        return PayloadV4.encode(eioPackets);
    }

    @Benchmark
    public List<io.socketee.engineio.protocol.Packet> eioDecodePayload8() throws DecodeException {
        return PayloadV4.decode(eioPayload);
    }

    // ---------------------------------------------------------------- Socket.IO v5

    @Benchmark
    public EncodedPacket sioEncodeStringEvent() {
        return PacketEncoder.encode(sioStringEvent, SocketIoVersion.V5);
    }

    @Benchmark
    public EncodedPacket sioEncodeObjectEvent() {
        return PacketEncoder.encode(sioObjectEvent, SocketIoVersion.V5);
    }

    @Benchmark
    public EncodedPacket sioEncodeAck() {
        return PacketEncoder.encode(sioAck, SocketIoVersion.V5);
    }

    @Benchmark
    public Optional<Packet> sioDecodeStringEvent() throws SocketIoDecodeException {
        return PacketDecoder.create(SocketIoVersion.V5).decodeText(sioStringEventText);
    }

    @Benchmark
    public Optional<Packet> sioDecodeObjectEvent() throws SocketIoDecodeException {
        return PacketDecoder.create(SocketIoVersion.V5).decodeText(sioObjectEventText);
    }

    @Benchmark
    public Optional<Packet> sioDecodeAck() throws SocketIoDecodeException {
        return PacketDecoder.create(SocketIoVersion.V5).decodeText(sioAckText);
    }
}
