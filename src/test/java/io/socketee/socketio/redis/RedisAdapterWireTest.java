package io.socketee.socketio.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.AdapterHost;
import io.socketee.socketio.adapter.BroadcastOptions;
import io.socketee.socketio.adapter.OutgoingPacket;
import io.socketee.socketio.core.Ack;
import io.socketee.socketio.core.Handshake;
import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.protocol.Packet;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis adapter's wire, byte for byte: what it publishes for each operation, and what it answers to each request
 * of another node, on a driver that records (no Redis). The expected strings were recorded from the adapter before it
 * was re-based on the cluster template, so they pin the wire of {@code @socket.io/redis-adapter} 8.x as it was:
 * JSON text as is, msgpack with bytes outside printable ASCII as {@code \xNN}; this node's id shows as {@code <uid>},
 * random request ids as {@code <id>}.
 */
class RedisAdapterWireTest {
    private static final Pattern JSON_ID = Pattern.compile("\"requestId\":\"([A-Za-z0-9]{6})\"");
    private static final Pattern MSGPACK_ID = Pattern.compile("requestId\\\\xa6([A-Za-z0-9]{6})");

    private final RecordingDriver driver = new RecordingDriver();
    private final Host host = new Host();
    private RedisAdapter adapter;

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    /** Records publications; lets the test feed messages to the subscribed handlers; counts two nodes. */
    static final class RecordingDriver implements RedisDriver {
        final List<String> published = new CopyOnWriteArrayList<>();
        final Map<String, List<MessageHandler>> handlers = new ConcurrentHashMap<>();
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        volatile String uid = "";

        @Override
        public CompletableFuture<Long> publish(String channel, byte[] message) {
            published.add(channel + " " + render(message));
            return CompletableFuture.completedFuture(1L);
        }

        String render(byte[] message) {
            StringBuilder out = new StringBuilder();
            for (byte b : message) {
                int c = b & 0xff;
                if (c >= 0x20 && c < 0x7f && c != '\\') {
                    out.append((char) c);
                } else {
                    out.append(String.format("\\x%02x", c));
                }
            }
            String text = out.toString();
            for (Pattern p : List.of(JSON_ID, MSGPACK_ID)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    if (!m.group(1).startsWith("REQ")) { // the test's own ids stay
                        ids.add(m.group(1));
                    }
                }
            }
            for (String id : ids) {
                text = text.replace(id, "<id>");
            }
            return uid.isEmpty() ? text : text.replace(uid, "<uid>");
        }

        void feed(String channel, String message) {
            feed(channel, message.getBytes(StandardCharsets.ISO_8859_1));
        }

        void feed(String channel, byte[] message) {
            handlers.getOrDefault(channel, List.of()).forEach(h -> h.onMessage(channel, message));
        }

        @Override
        public Subscription subscribe(String channel, MessageHandler handler, CompletableFuture<Void> confirmed) {
            handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
            confirmed.complete(null);
            return () -> handlers.get(channel).remove(handler);
        }

        @Override
        public Subscription psubscribe(String pattern, MessageHandler handler, CompletableFuture<Void> confirmed) {
            return subscribe(pattern, handler, confirmed);
        }

        @Override
        public CompletableFuture<Long> numSub(String channel) {
            return CompletableFuture.completedFuture(2L);
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** A namespace with two sockets; clients answer acks at once, server-side listeners answer "pong". */
    final class Host implements AdapterHost {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public String namespace() {
            return "/";
        }

        @Override
        public boolean deliver(String socketId, OutgoingPacket packet, boolean isVolatile, Consumer<JsonArray> onAck) {
            events.add(socketId + " got a packet");
            if (onAck != null) {
                onAck.accept(Json.createArrayBuilder().add("answer of " + socketId).build());
            }
            return true;
        }

        @Override
        public Optional<RemoteSocket> socket(String socketId) {
            return Optional.of(new Sock(socketId));
        }

        @Override
        public long nextAckId() {
            return 7;
        }

        @Override
        public void onServerSideEvent(JsonArray eventAndArgs, Ack ack) {
            events.add("server-side " + eventAndArgs);
            ack.send("pong");
        }
    }

    final class Sock implements RemoteSocket {
        private final String id;

        Sock(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Handshake handshake() {
            return new Handshake(Map.of("host", List.of("example.com")), Map.of("EIO", "4"),
                    JsonValue.EMPTY_JSON_OBJECT, "10.0.0.1", Instant.ofEpochMilli(1_700_000_000_000L), false,
                    "/socket.io/?EIO=4", Optional.empty(), Optional.empty());
        }

        @Override
        public Set<String> rooms() {
            return new LinkedHashSet<>(adapter.socketRooms(id));
        }

        @Override
        public Map<String, Object> data() {
            return Map.of("n", 1);
        }

        @Override
        public boolean emit(String event, Object... args) {
            return true;
        }

        @Override
        public void join(String... rooms) {
            host.events.add(id + " joins " + String.join(",", rooms));
        }

        @Override
        public void leave(String room) {
            host.events.add(id + " leaves " + room);
        }

        @Override
        public void disconnect(boolean close) {
            host.events.add(id + " disconnects " + close);
        }
    }

    private void start() {
        adapter = (RedisAdapter) RedisAdapter.factory(driver).create(host);
        driver.uid = adapter.uid();
        adapter.addAll("s1", Set.of("s1", "red"));
        adapter.addAll("s2", Set.of("s2"));
    }

    private static BroadcastOptions opts(Set<String> rooms, Set<String> except, boolean isVolatile,
                                         Duration timeout) {
        return new BroadcastOptions(rooms, except, isVolatile, false, Optional.ofNullable(timeout));
    }

    private static Packet.Event event() {
        return Packet.event("/", Json.createArrayBuilder().add("news").add(1).add(Json.createObjectBuilder()
                .add("a", "b")).build());
    }

    private List<String> awaitPublished(int count) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (driver.published.size() < count && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        Thread.sleep(50); // and nothing more
        return List.copyOf(driver.published);
    }

    @Test
    void publishesBroadcastsAndRequestsInTheNodeAdaptersWire() throws Exception {
        start();
        adapter.broadcast(event(), BroadcastOptions.all());
        adapter.broadcast(event(), opts(Set.of("red"), Set.of("s2"), true, null));
        adapter.broadcastWithAck(event(), opts(Set.of(), Set.of(), false, Duration.ofSeconds(3)), n -> { }, a -> { });
        adapter.addSockets(opts(Set.of("red"), Set.of(), false, null), Set.of("gold"));
        adapter.delSockets(opts(Set.of("red"), Set.of(), false, null), Set.of("gold"));
        adapter.disconnectSockets(opts(Set.of("red"), Set.of("s2"), false, null), true);
        adapter.serverSideEmit(List.of(Json.createValue("note"), Json.createValue(2)), false).get(5, TimeUnit.SECONDS);
        CompletableFuture<List<RemoteSocket>> sockets = adapter.fetchSockets(opts(Set.of("red"), Set.of(), false,
                null));
        CompletableFuture<Set<String>> rooms = adapter.allRooms();
        CompletableFuture<List<JsonValue>> answers = adapter.serverSideEmit(List.of(Json.createValue("ping")), true);
        List<String> published = awaitPublished(10);
        List<String> expected = List.of(
                "socket.io#/# \\x93\\xa6<uid>\\x83\\xa4type\\x02\\xa4data\\x93\\xa4news\\x01\\x81\\xa1a\\xa1b"
                        + "\\xa3nsp\\xa1/\\x83\\xa5rooms\\x90\\xa6except\\x90\\xa5flags\\x80",
                "socket.io#/#red# \\x93\\xa6<uid>\\x83\\xa4type\\x02\\xa4data\\x93\\xa4news\\x01\\x81\\xa1a\\xa1b"
                        + "\\xa3nsp\\xa1/\\x83\\xa5rooms\\x91\\xa3red\\xa6except\\x91\\xa2s2\\xa5flags\\x81"
                        + "\\xa8volatile\\xc3",
                "socket.io-request#/# \\x85\\xa3uid\\xa6<uid>\\xa9requestId\\xa6<id>\\xa4type\\x07\\xa6packet\\x83"
                        + "\\xa4type\\x02\\xa4data\\x93\\xa4news\\x01\\x81\\xa1a\\xa1b\\xa3nsp\\xa1/\\xa4opts\\x83"
                        + "\\xa5rooms\\x90\\xa6except\\x90\\xa5flags\\x81\\xa7timeout\\xcd\\x0b\\xb8",
                "socket.io-request#/# {\"uid\":\"<uid>\",\"type\":2,\"opts\":{\"rooms\":[\"red\"],\"except\":[]},"
                        + "\"rooms\":[\"gold\"]}",
                "socket.io-request#/# {\"uid\":\"<uid>\",\"type\":3,\"opts\":{\"rooms\":[\"red\"],\"except\":[]},"
                        + "\"rooms\":[\"gold\"]}",
                "socket.io-request#/# {\"uid\":\"<uid>\",\"type\":4,\"opts\":{\"rooms\":[\"red\"],"
                        + "\"except\":[\"s2\"]},\"close\":true}",
                "socket.io-request#/# {\"uid\":\"<uid>\",\"type\":6,\"data\":[\"note\",2]}",
                "socket.io-request#/# {\"uid\":\"<uid>\",\"type\":5,\"requestId\":\"<id>\",\"opts\":"
                        + "{\"rooms\":[\"red\"],\"except\":[]}}",
                "socket.io-request#/# {\"uid\":\"<uid>\",\"type\":1,\"requestId\":\"<id>\"}",
                "socket.io-request#/# {\"uid\":\"<uid>\",\"type\":6,\"requestId\":\"<id>\",\"data\":[\"ping\"]}");
        assertEquals(expected.size(), published.size(), String.join("\n", published));
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), published.get(i), "publication " + i);
        }
        sockets.cancel(true);
        rooms.cancel(true);
        answers.cancel(true);
    }

    @Test
    void answersTheRequestsOfAnotherNodeInTheNodeAdaptersWire() throws Exception {
        start();
        String requests = "socket.io-request#/#";
        driver.feed(requests, "{\"uid\":\"OTHER1\",\"type\":5,\"requestId\":\"REQ001\",\"opts\":{\"rooms\":[\"red\"],"
                + "\"except\":[]}}");
        driver.feed(requests, "{\"uid\":\"OTHER1\",\"type\":1,\"requestId\":\"REQ002\"}");
        driver.feed(requests, "{\"uid\":\"OTHER1\",\"type\":0,\"requestId\":\"REQ003\",\"rooms\":[\"red\"]}");
        driver.feed(requests, "{\"uid\":\"OTHER1\",\"type\":6,\"requestId\":\"REQ004\",\"data\":[\"ping\",1]}");
        // a broadcast with acks, msgpack: {uid, requestId, type: 7, packet: {type: 2, data: ["q"], nsp: "/"},
        // opts: {rooms: ["red"], except: [], flags: {timeout: 3000}}}
        driver.feed(requests, ("\u0085\u00a3uid\u00a6OTHER1\u00a9requestId\u00a6REQ005\u00a4type\u0007\u00a6packet"
                + "\u0083\u00a4type\u0002\u00a4data\u0091\u00a1q\u00a3nsp\u00a1/\u00a4opts\u0083\u00a5rooms\u0091"
                + "\u00a3red\u00a6except\u0090\u00a5flags\u0081\u00a7timeout\u00cd\u000b\u00b8"));
        driver.feed(requests, "{\"uid\":\"OTHER1\",\"type\":2,\"requestId\":\"REQ006\",\"sid\":\"s2\","
                + "\"room\":\"blue\"}");
        driver.feed(requests, "{\"uid\":\"OTHER1\",\"type\":4,\"opts\":{\"rooms\":[\"red\"],\"except\":[]},"
                + "\"close\":false}");
        List<String> published = awaitPublished(7);
        List<String> expected = List.of(
                "socket.io-response#/# {\"requestId\":\"REQ001\",\"sockets\":[{\"id\":\"s1\",\"handshake\":"
                        + "{\"headers\":{\"host\":\"example.com\"},\"time\":\"Tue Nov 14 2023 22:13:20 GMT+0000"
                        + " (Coordinated Universal Time)\",\"address\":\"10.0.0.1\",\"xdomain\":false,"
                        + "\"secure\":false,\"issued\":1700000000000,\"url\":\"/socket.io/?EIO=4\",\"query\":"
                        + "{\"EIO\":\"4\"},\"auth\":{}},\"rooms\":[\"red\",\"s1\"],\"data\":{\"n\":1}}]}",
                "socket.io-response#/# {\"requestId\":\"REQ002\",\"rooms\":[\"red\",\"s1\",\"s2\"]}",
                "socket.io-response#/# {\"requestId\":\"REQ003\",\"sockets\":[\"s1\"]}",
                "socket.io-response#/# {\"type\":6,\"requestId\":\"REQ004\",\"data\":\"pong\"}",
                // the client answered at once, before the node counted its clients
                "socket.io-response#/# \\x83\\xa4type\\x09\\xa9requestId\\xa6REQ005\\xa6packet\\xacanswer of s1",
                "socket.io-response#/# {\"type\":8,\"requestId\":\"REQ005\",\"clientCount\":1}",
                "socket.io-response#/# {\"requestId\":\"REQ006\"}");
        assertEquals(expected.size(), published.size(), String.join("\n", published));
        for (int i = 0; i < expected.size(); i++) {
            String actual = published.get(i);
            if (i == 0 || i == 1) { // set order is not part of the wire
                actual = actual.replace("[\"s1\",\"red\"]", "[\"red\",\"s1\"]");
                actual = sortRooms(actual);
            }
            assertEquals(expected.get(i), actual, "answer " + i);
        }
        List<String> events = new ArrayList<>(host.events);
        assertTrue(events.contains("server-side [\"ping\",1]"), events.toString());
        assertTrue(events.contains("s2 joins blue"), events.toString());
        assertTrue(events.contains("s1 disconnects false"), events.toString());
    }

    /** Sorts the rooms array of an allRooms answer. */
    private static String sortRooms(String answer) {
        Matcher m = Pattern.compile("\"rooms\":\\[([^\\]]*)\\]}$").matcher(answer);
        if (!m.find() || answer.contains("sockets")) {
            return answer;
        }
        List<String> rooms = new ArrayList<>(List.of(m.group(1).split(",")));
        rooms.sort(null);
        return answer.substring(0, m.start(1)) + String.join(",", rooms) + answer.substring(m.end(1));
    }
}
