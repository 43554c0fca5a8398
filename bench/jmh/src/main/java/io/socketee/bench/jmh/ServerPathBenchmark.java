package io.socketee.bench.jmh;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.engineio.spi.WebSocketChannel;
import io.socketee.engineio.spi.WebSocketHandler;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.core.Ack;
import jakarta.json.JsonValue;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The server's own work on its hot paths, without a container: {@code receivers} Socket.IO sockets connected over
 * in-memory WebSocket channels whose sends complete at once (and only count bytes), all in room {@code "room"}.
 * <ul>
 *   <li>{@code broadcastToRoom}: {@code io.to("room").emit("bcast", payload)}, one broadcast to every receiver
 *       (divide by {@code receivers} for the cost of one delivery);</li>
 *   <li>{@code broadcastEventFromClient}: the same broadcast asked for by a client's {@code broadcast} event, as in
 *       scenario C (decode, dispatch, broadcast, ack);</li>
 *   <li>{@code echoWithAck}: a client's {@code echo} event with an ack id in, the ack out (scenario B's server work).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ServerPathBenchmark {
    @Param({"1000"})
    public int receivers;

    @Param({"64"})
    public int payloadSize;

    private EngineIoServer engine;
    private SocketIoServer io;
    private final List<CountingChannel> channels = new ArrayList<>();
    private WebSocketHandler sender;
    private String payload;
    private String broadcastEvent;
    private String echoEvent;

    /** A WebSocket channel whose sends complete at once; counts what was sent. */
    static final class CountingChannel implements WebSocketChannel {
        long frames;
        long chars;

        @Override
        public void sendText(String text, SendCallback callback) {
            frames++;
            chars += text.length();
            callback.onSent();
        }

        @Override
        public void sendBinary(ByteBuffer data, SendCallback callback) {
            frames++;
            chars += data.remaining();
            callback.onSent();
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    private static EngineIoRequest request() {
        return new EngineIoRequest("GET", "/socket.io/?EIO=4&transport=websocket",
                Map.of("EIO", "4", "transport", "websocket"), Map.of(), "127.0.0.1", false, Map.of());
    }

    @Setup(Level.Trial)
    public void setup() {
        engine = EngineIoServer.create(EngineIoConfig.builder()
                .pingInterval(Duration.ofMinutes(10))
                .pingTimeout(Duration.ofMinutes(10))
                .maxHttpBufferSize(1_000_000)
                .build());
        io = SocketIoServer.create(engine);
        io.onConnection(socket -> {
            socket.on("echo", (args, ack) -> ack.send(args.isEmpty() ? JsonValue.NULL : args.get(0)));
            socket.on("broadcast", (args, ack) -> {
                io.to("room").emit("bcast", args.get(1));
                ack.send("ok");
            });
        });
        payload = "x".repeat(payloadSize);
        for (int i = 0; i < receivers; i++) {
            CountingChannel channel = new CountingChannel();
            WebSocketHandler handler = engine.openWebSocket(channel, request());
            handler.onText("40");
            channels.add(channel);
        }
        io.of("/").sockets().values().forEach(s -> s.join("room"));
        CountingChannel senderChannel = new CountingChannel();
        sender = engine.openWebSocket(senderChannel, request());
        sender.onText("40");
        broadcastEvent = "42[\"broadcast\",\"room\",\"" + payload + "\"]";
        echoEvent = "421[\"echo\",\"" + payload + "\"]";
        if (io.of("/").sockets().size() != receivers + 1) {
            throw new IllegalStateException("expected " + (receivers + 1) + " sockets, got "
                    + io.of("/").sockets().size());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long frames = channels.stream().mapToLong(c -> c.frames).sum();
        if (frames == 0) {
            throw new IllegalStateException("no frame reached the receivers");
        }
        io.close();
    }

    @Benchmark
    public void broadcastToRoom() {
        io.to("room").emit("bcast", payload);
    }

    @Benchmark
    public void broadcastEventFromClient() {
        sender.onText(broadcastEvent);
    }

    @Benchmark
    public void echoWithAck(Blackhole bh) {
        sender.onText(echoEvent);
        bh.consume(Ack.NONE);
    }
}
