package io.socketee.socketio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.engineio.spi.WebSocketChannel;
import io.socketee.engineio.spi.WebSocketHandler;
import io.socketee.socketio.protocol.Binary;
import io.socketee.socketio.protocol.Packet;
import io.socketee.socketio.protocol.SocketIoParser;
import io.socketee.socketio.protocol.SocketIoVersion;
import io.socketee.socketio.protocol.WireMessage;
import io.socketee.socketio.protocol.msgpack.MsgPackCodec;
import io.socketee.socketio.protocol.msgpack.MsgPackParser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server with the msgpack parser, in process (no container): every packet travels as one binary WebSocket frame of
 * msgpack, both ways; a broadcast is encoded once for all its recipients; a text packet closes the connection.
 */
class MsgPackServerTest {
    private static final HexFormat HEX = HexFormat.of();
    /** What socket.io-client 4.8.1 with socket.io-msgpack-parser 3.0.2 sends to join {@code /} without auth. */
    private static final String CONNECT = "83a47479706500a464617461d40000a36e7370a12f";

    private final EngineIoServer engine = EngineIoServer.create(EngineIoConfig.builder().build());
    private final CountingParser parser = new CountingParser(MsgPackParser.create());
    private final SocketIoServer io = SocketIoServer.create(engine, SocketIoConfig.builder().parser(parser).build());

    @AfterEach
    void close() {
        io.close();
    }

    /** Counts the packets encoded, by Socket.IO packet type. */
    private static final class CountingParser implements SocketIoParser {
        private final SocketIoParser delegate;
        private final Map<String, AtomicInteger> encoded = new java.util.concurrent.ConcurrentHashMap<>();

        CountingParser(SocketIoParser delegate) {
            this.delegate = delegate;
        }

        int encoded(Class<?> type) {
            return encoded.getOrDefault(type.getSimpleName(), new AtomicInteger()).get();
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public List<WireMessage> encode(Packet packet, SocketIoVersion version) {
            encoded.computeIfAbsent(packet.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
            return delegate.encode(packet, version);
        }

        @Override
        public Decoder newDecoder(SocketIoVersion version, int maxAttachments) {
            return delegate.newDecoder(version, maxAttachments);
        }
    }

    /** An EIO=4 WebSocket client that keeps the frames it receives: text as String, binary as byte[]. */
    private static final class Client implements WebSocketChannel {
        final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        volatile boolean closedByServer;
        WebSocketHandler handler;

        static Client open(EngineIoServer engine) throws InterruptedException {
            Client client = new Client();
            client.handler = engine.openWebSocket(client, new EngineIoRequest("GET",
                    "/socket.io/?EIO=4&transport=websocket", Map.of("EIO", "4", "transport", "websocket"),
                    Map.of("host", List.of("127.0.0.1")), "127.0.0.1", false, Map.of()));
            assertTrue(((String) client.next()).startsWith("0{"), "the handshake");
            return client;
        }

        void send(String hex) {
            handler.onBinary(ByteBuffer.wrap(HEX.parseHex(hex)));
        }

        /** The next frame but pings. */
        Object next() throws InterruptedException {
            while (true) {
                Object frame = received.poll(5, TimeUnit.SECONDS);
                if (frame == null) {
                    throw new AssertionError("no frame within 5 s");
                }
                if (!"2".equals(frame)) {
                    return frame;
                }
            }
        }

        /** The next frame, a binary one, as its msgpack map. */
        JsonObject nextPacket() throws Exception {
            Object frame = next();
            assertTrue(frame instanceof byte[], () -> "a binary frame, not " + frame);
            return MsgPackCodec.decode((byte[]) frame, 64).asJsonObject();
        }

        @Override
        public void sendText(String text, SendCallback callback) {
            received.add(text);
            callback.onSent();
        }

        @Override
        public void sendBinary(ByteBuffer data, SendCallback callback) {
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            received.add(bytes);
            callback.onSent();
        }

        @Override
        public void close(int code, String reason) {
            closedByServer = true;
        }
    }

    private Client join() throws Exception {
        Client client = Client.open(engine);
        client.send(CONNECT);
        JsonObject reply = client.nextPacket();
        assertEquals(0, reply.getInt("type"));
        assertEquals("/", reply.getString("nsp"));
        assertTrue(reply.getJsonObject("data").containsKey("sid"));
        return client;
    }

    @Test
    void connectsAcksAndCarriesBinaryAsMsgPackFrames() throws Exception {
        io.onConnection(socket -> socket.on("hello", (args, ack) ->
                ack.send(Json.createValue("ok"), Binary.of(new byte[] {1, 2, 3}))));
        Client client = join();
        // s.emit("hello", Buffer.from([9, 8]), new Uint8Array([5]).buffer, callback), as socket.io-client sends it
        client.send("85a47479706502a46461746193a568656c6c6fc4020908c7010005a76f7074696f6e7381a8636f6d7072657373c3a2"
                + "696400a36e7370a12f");
        Object ack = client.next();
        // the Node server's bytes for the same ack: {id: 0, type: 3, data: ["ok", <Buffer 01 02 03>], nsp: "/"}
        assertArrayEquals(HEX.parseHex("84a2696400a47479706503a46461746192a26f6bc403010203a36e7370a12f"),
                (byte[]) ack);
    }

    @Test
    void encodesABroadcastOnceForAllItsRecipients() throws Exception {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(join());
        }
        int before = parser.encoded(Packet.Event.class);
        io.emit("news", Json.createValue("h\u00e9llo \ud83d\ude00"));
        for (Client client : clients) {
            JsonObject packet = client.nextPacket();
            assertEquals(2, packet.getInt("type"));
            assertEquals(Json.createArrayBuilder().add("news").add("h\u00e9llo \ud83d\ude00").build(),
                    packet.getJsonArray("data"));
        }
        assertEquals(1, parser.encoded(Packet.Event.class) - before, "encodings of the broadcast");
    }

    @Test
    void closesAConnectionThatSendsATextPacket() throws Exception {
        Client client = join();
        client.handler.onText("42[\"hello\"]");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!client.closedByServer && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertTrue(client.closedByServer, "closed after a text packet");
    }

    @Test
    void refusesAnUnknownNamespaceInMsgPack() throws Exception {
        Client client = Client.open(engine);
        client.send("83a47479706500a464617461d40000a36e7370a52f6e6f7065"); // CONNECT to /nope
        JsonObject refusal = client.nextPacket();
        assertEquals(4, refusal.getInt("type"));
        assertEquals("/nope", refusal.getString("nsp"));
        assertEquals("Invalid namespace", refusal.getJsonObject("data").getString("message"));
        assertEquals(JsonValue.ValueType.OBJECT, refusal.get("data").getValueType());
    }
}
