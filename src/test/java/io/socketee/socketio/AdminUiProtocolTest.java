package io.socketee.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.socketio.admin.AdminUi;
import io.socketee.socketio.admin.AdminUiOptions;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Admin UI's protocol ({@code @socket.io/admin-ui} 0.5.1, read from its {@code dist/index.js} and
 * {@code typed-events.d.ts}) in process: the admin namespace as the dashboard sees it over the wire, with in-process
 * clients of the real server (no container).
 */
class AdminUiProtocolTest {
    /** The bcrypt hash of {@code admin-pass} that the issue gives (cost 10, made by bcryptjs). */
    static final String HASH = "$2a$10$yfUNoXEjlPShaNobqZk8h.ccEEGQElJ64J.kXoaZNlZrd2ZUZ2HIi";
    private static final String LOGIN = "40/admin,{\"username\":\"admin\",\"password\":\"admin-pass\"}";

    private final EngineIoServer engine = EngineIoServer.create(EngineIoConfig.builder().build());
    private final SocketIoServer io = SocketIoServer.create(engine);
    private final LinkedBlockingQueue<Socket> appSockets = new LinkedBlockingQueue<>();
    private AdminUi ui;

    @AfterEach
    void close() {
        if (ui != null) {
            ui.close();
        }
        io.close();
    }

    private void instrument(AdminUiOptions options) {
        io.onConnection(appSockets::add);
        ui = AdminUi.instrument(io, options);
    }

    private static AdminUiOptions.Builder basic() {
        return AdminUiOptions.builder().basicAuth("admin", HASH);
    }

    /** An admin event's name and arguments, from a frame {@code 42/admin,[…]}. */
    private static JsonArray adminEvent(String frame) {
        assertTrue(frame.startsWith("42/admin,"), frame);
        return Json.createReader(new StringReader(frame.substring("42/admin,".length()))).readArray();
    }

    /** The next admin event named {@code name}, skipping others (server stats, other events). */
    private static JsonArray nextAdminEvent(FakeClient admin, String name) throws InterruptedException {
        return adminEvent(admin.next("42/admin,[\"" + name + "\""));
    }

    private FakeClient loggedIn() throws InterruptedException {
        FakeClient admin = FakeClient.open(engine);
        admin.send(LOGIN);
        assertTrue(admin.next("4").startsWith("40/admin,{\"sid\":"));
        return admin;
    }

    private record App(FakeClient client, Socket socket) {
    }

    private App appClient() throws InterruptedException {
        FakeClient client = FakeClient.open(engine);
        client.send("40");
        assertTrue(client.next("40").startsWith("40{\"sid\":"));
        Socket socket = appSockets.poll(5, TimeUnit.SECONDS);
        assertTrue(socket != null);
        return new App(client, socket);
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                .collect(Collectors.toList());
    }

    @Test
    void aWrongPasswordIsRefusedWithInvalidCredentials() throws Exception {
        instrument(basic().build());
        FakeClient admin = FakeClient.open(engine);
        admin.send("40/admin,{\"username\":\"admin\",\"password\":\"admin-pass!\"}");
        assertEquals("44/admin,{\"message\":\"invalid credentials\"}", admin.next("4"));
        FakeClient other = FakeClient.open(engine);
        other.send("40/admin,{\"username\":\"root\",\"password\":\"admin-pass\"}");
        assertEquals("44/admin,{\"message\":\"invalid credentials\"}", other.next("4"));
        FakeClient none = FakeClient.open(engine);
        none.send("40/admin,");
        assertEquals("44/admin,{\"message\":\"invalid credentials\"}", none.next("4"));
    }

    @Test
    void theRightPasswordGetsASessionThenTheConfigThenAllSockets() throws Exception {
        instrument(basic().build());
        App app = appClient();
        FakeClient admin = loggedIn();
        JsonArray session = nextAdminEvent(admin, "session");
        String sessionId = session.getString(1);
        assertTrue(sessionId.matches("[0-9a-f]{16}"), sessionId);
        JsonArray config = adminEvent(admin.next("42/admin,[\"config\""));
        assertEquals(List.of("EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT",
                "AGGREGATED_EVENTS", "ALL_EVENTS"), strings(config.getJsonObject(1).getJsonArray("supportedFeatures")));
        JsonArray all = nextAdminEvent(admin, "all_sockets").getJsonArray(1);
        JsonObject appSocket = all.getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("id").equals(app.socket().id())).findFirst().orElseThrow();
        assertEquals("/", appSocket.getString("nsp"));
        assertEquals("websocket", appSocket.getString("transport"));
        assertEquals(app.socket().connection().id().substring(0, 12), appSocket.getString("clientId"));
        assertEquals(List.of(app.socket().id()), strings(appSocket.getJsonArray("rooms")));
        assertEquals("127.0.0.1", appSocket.getJsonObject("handshake").getString("address"));
        assertTrue(appSocket.getJsonObject("handshake").getJsonObject("query").containsKey("EIO"));

        // The session id stands for the password from then on; a made-up one does not.
        FakeClient again = FakeClient.open(engine);
        again.send("40/admin,{\"sessionId\":\"" + sessionId + "\"}");
        assertTrue(again.next("4").startsWith("40/admin,{\"sid\":"));
        for (String frame = again.next("42/admin,"); !frame.startsWith("42/admin,[\"config\"");
             frame = again.next("42/admin,")) {
            assertFalse(frame.startsWith("42/admin,[\"session\""), "no new session for a session login");
        }
        FakeClient guess = FakeClient.open(engine);
        guess.send("40/admin,{\"sessionId\":\"0123456789abcdef\"}");
        assertEquals("44/admin,{\"message\":\"invalid credentials\"}", guess.next("4"));
    }

    @Test
    void readonlyOffersNoActionsAndIgnoresThem() throws Exception {
        instrument(AdminUiOptions.builder().noAuth().readonly(true).build());
        App app = appClient();
        FakeClient admin = FakeClient.open(engine);
        admin.send("40/admin,");
        assertTrue(admin.next("4").startsWith("40/admin,{\"sid\":"));
        JsonArray config = nextAdminEvent(admin, "config");
        assertEquals(List.of("AGGREGATED_EVENTS", "ALL_EVENTS"),
                strings(config.getJsonObject(1).getJsonArray("supportedFeatures")));
        admin.send("42/admin,[\"_disconnect\",\"/\",true]");
        admin.send("42/admin,[\"join\",\"/\",\"room1\"]");
        nextAdminEvent(admin, "all_sockets");
        assertTrue(app.socket().connected());
        assertEquals(Set.of(app.socket().id()), app.socket().rooms());
    }

    @Test
    void productionModeSendsNeitherSocketsNorTheEventLog() throws Exception {
        instrument(AdminUiOptions.builder().noAuth().mode(AdminUiOptions.Mode.PRODUCTION).build());
        FakeClient admin = FakeClient.open(engine);
        admin.send("40/admin,");
        assertTrue(admin.next("4").startsWith("40/admin,{\"sid\":"));
        JsonArray config = nextAdminEvent(admin, "config");
        assertEquals(List.of("EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT",
                "AGGREGATED_EVENTS"), strings(config.getJsonObject(1).getJsonArray("supportedFeatures")));
        App app = appClient();
        app.client().send("42[\"hello\"]");
        app.socket().join("lobby");
        app.client().send("41");
        Thread.sleep(200);
        for (String frame : admin.drain()) {
            assertFalse(frame.matches("42/admin,\\[\"(all_sockets|socket_|room_|event_).*"), frame);
        }
    }

    @Test
    void developmentModeReportsConnectionsRoomsEventsAndDisconnections() throws Exception {
        instrument(basic().build());
        FakeClient admin = loggedIn();
        nextAdminEvent(admin, "all_sockets");
        App app = appClient();
        String id = app.socket().id();

        JsonArray connected = nextAdminEvent(admin, "socket_connected");
        assertEquals(id, connected.getJsonObject(1).getString("id"));
        assertEquals(List.of(id), strings(connected.getJsonObject(1).getJsonArray("rooms")));
        Instant.parse(connected.getString(2));

        app.socket().join("lobby");
        JsonArray joined = nextAdminEvent(admin, "room_joined");
        assertEquals(List.of("/", "lobby", id), strings(joined).subList(1, 4));

        app.client().send("42[\"hello\",1,{\"a\":\"é\"}]");
        JsonArray received = nextAdminEvent(admin, "event_received");
        assertEquals("/", received.getString(1));
        assertEquals(id, received.getString(2));
        assertEquals("[\"hello\",1,{\"a\":\"é\"}]", received.getJsonArray(3).toString());

        app.socket().emit("news", "x");
        assertEquals("42[\"news\",\"x\"]", app.client().next("42"));
        JsonArray sent = nextAdminEvent(admin, "event_sent");
        assertEquals("[\"news\",\"x\"]", sent.getJsonArray(3).toString());

        app.socket().leave("lobby");
        JsonArray left = nextAdminEvent(admin, "room_left");
        assertEquals(List.of("/", "lobby", id), strings(left).subList(1, 4));

        app.client().send("41");
        JsonArray disconnected = nextAdminEvent(admin, "socket_disconnected");
        assertEquals(List.of("/", id, "client namespace disconnect"), strings(disconnected).subList(1, 4));
    }

    @Test
    void theDashboardsActionsReachTheSockets() throws Exception {
        instrument(basic().build());
        App first = appClient();
        App second = appClient();
        FakeClient admin = loggedIn();
        nextAdminEvent(admin, "all_sockets");

        admin.send("42/admin,[\"join\",\"/\",\"vip\",\"" + first.socket().id() + "\"]");
        assertEquals("room_joined", nextAdminEvent(admin, "room_joined").getString(0));
        assertTrue(first.socket().rooms().contains("vip"));
        assertFalse(second.socket().rooms().contains("vip"));

        admin.send("42/admin,[\"emit\",\"/\",\"vip\",\"news\",1,\"two\"]");
        assertEquals("42[\"news\",1,\"two\"]", first.client().next("42"));
        admin.send("42/admin,[\"emit\",\"/\",null,\"all\"]");
        assertEquals("42[\"all\"]", second.client().next("42"));
        assertEquals("42[\"all\"]", first.client().next("42"));

        admin.send("42/admin,[\"leave\",\"/\",\"vip\"]");
        nextAdminEvent(admin, "room_left");
        assertFalse(first.socket().rooms().contains("vip"));

        admin.send("42/admin,[\"_disconnect\",\"/\",false,\"" + first.socket().id() + "\"]");
        assertEquals("41", first.client().next("41"));
        assertFalse(first.socket().connected());
        assertEquals(first.socket().id(), nextAdminEvent(admin, "socket_disconnected").getString(2));
        assertTrue(second.socket().connected());
        admin.send("42/admin,[\"_disconnect\",\"/\",true]");
        JsonArray gone = nextAdminEvent(admin, "socket_disconnected");
        assertEquals(second.socket().id(), gone.getString(2));
        assertFalse(second.socket().connected());
    }

    @Test
    void actionsOnUnknownNamespacesOrReservedEventsDoNothing() throws Exception {
        instrument(basic().build());
        App app = appClient();
        FakeClient admin = loggedIn();
        nextAdminEvent(admin, "all_sockets");
        admin.send("42/admin,[\"emit\",\"/nowhere\",null,\"x\"]");
        admin.send("42/admin,[\"join\",\"/nowhere\",\"r\"]");
        admin.send("42/admin,[\"emit\",\"/\",null,\"disconnect\"]");
        admin.send("42/admin,[\"emit\",42,null,\"x\"]");
        admin.send("42/admin,[\"_disconnect\"]");
        admin.send("42/admin,[\"emit\",\"/\",null,\"after\"]");
        assertEquals("42[\"after\"]", app.client().next("42"));
        assertTrue(io.namespaces().stream().noneMatch(n -> n.name().equals("/nowhere")));
        assertTrue(app.socket().connected());
    }

    @Test
    void serverStatsComeEveryTwoSecondsWithTheAggregatedEvents() throws Exception {
        instrument(AdminUiOptions.builder().noAuth().serverId("node-1").build());
        FakeClient admin = FakeClient.open(engine);
        admin.send("40/admin,");
        assertTrue(admin.next("4").startsWith("40/admin,{\"sid\":"));
        App app = appClient();
        app.client().send("42[\"hello\",\"ünïcode\"]");
        // Sum the aggregated events of the stats until the event is counted (the first stats may come before it).
        long rawConnections = 0;
        long packetsIn = 0;
        long bytesIn = 0;
        JsonObject stats = null;
        long previous = 0;
        long interval = 0;
        while (packetsIn < 3) {
            stats = nextAdminEvent(admin, "server_stats").getJsonObject(1);
            long now = System.nanoTime();
            interval = previous == 0 ? 0 : now - previous;
            previous = now;
            for (JsonObject event : stats.getJsonArray("aggregatedEvents").getValuesAs(JsonObject.class)) {
                assertEquals(0, event.getJsonNumber("timestamp").longValue() % 1000, event.toString());
                switch (event.getString("type")) {
                    case "rawConnection" -> rawConnections += event.getInt("count");
                    case "packetsIn" -> packetsIn += event.getInt("count");
                    case "bytesIn" -> bytesIn += event.getInt("count");
                    default -> { }
                }
            }
        }
        if (interval > 0) {
            assertTrue(interval > 1_500_000_000L && interval < 2_600_000_000L, "every 2 s: " + interval);
        }
        assertEquals("node-1", stats.getString("serverId"));
        assertEquals(ProcessHandle.current().pid(), stats.getJsonNumber("pid").longValue());
        assertTrue(stats.getJsonNumber("uptime").doubleValue() > 0);
        assertEquals(2, stats.getInt("clientsCount"));
        assertEquals(0, stats.getInt("pollingClientsCount"));
        JsonObject main = stats.getJsonArray("namespaces").getValuesAs(JsonObject.class).stream()
                .filter(n -> n.getString("name").equals("/")).findFirst().orElseThrow();
        assertEquals(1, main.getInt("socketsCount"));
        assertEquals(2, rawConnections, stats.toString());
        assertEquals(3, packetsIn, "two CONNECTs and one event: " + stats);
        // the Engine.IO packets' data, as Node counts it: "0/admin,", "0" and the event in UTF-8
        assertEquals(8 + 1 + "2[\"hello\",\"ünïcode\"]".getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                bytesIn, stats.toString());
    }

    @Test
    void theInstrumentationIsChosenExplicitly() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> AdminUiOptions.builder().build());
        assertTrue(e.getMessage().contains("noAuth()"), e.getMessage());
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AdminUi.instrument(io, AdminUiOptions.builder().basicAuth("admin", "admin-pass").build()));
        assertFalse(bad.getMessage().contains("admin-pass"), "the message does not repeat the secret");
    }
}
