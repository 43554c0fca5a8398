package io.socketee.example.runtimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What must hold of the chat on every runtime, with real clients: socket.io-client 4.x (npm) and the Java client,
 * each over polling only, WebSocket only and polling upgraded to WebSocket; the CDI handlers (the server's own CDI on
 * full EE servers), acks, rooms, a connect refused by {@code @OnConnect}, a broadcast from a servlet; WebSocket
 * offered and working (never quietly off); stopping the application disconnects every client with "server shutting
 * down" and leaves no thread of ours. One runtime per class, started once for all its checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RuntimeContract {
    private static final Path NODE_SCRIPT = Path.of("src/test/runtimes/chat-clients.mjs");
    private static final Path LEAVERS_SCRIPT = Path.of("src/test/runtimes/leavers.mjs");
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(75);
    private static final String WEBSOCKET_OFF = "WebSocket is off";

    ServerRuntime runtime;

    /** The runtime this class tests (not started). */
    abstract ServerRuntime runtime();

    @BeforeAll
    void start() throws Exception {
        runtime = runtime();
        runtime.start();
    }

    @AfterAll
    void stop() {
        if (runtime != null) {
            runtime.stop();
        }
    }

    @Test
    @Order(1)
    void servesThePageAndTheClientBundle() throws Exception {
        if (runtime.servesPage()) {
            HttpResponse<String> page = RuntimeProcess.get(runtime.uri("/"));
            assertEquals(200, page.statusCode(), "the chat page");
            assertTrue(page.body().contains("socket.io/socket.io.min.js"), "the page loads the bundle");
        }
        HttpResponse<String> bundle = RuntimeProcess.get(runtime.uri("/socket.io/socket.io.min.js"));
        assertEquals(200, bundle.statusCode(), "the browser bundle");
        assertTrue(bundle.headers().firstValue("Content-Type").orElse("").startsWith("application/javascript"));
    }

    @Test
    @Order(2)
    void handshakeOffersTheWebSocketUpgradeAndTheLogSaysSo() throws Exception {
        HttpResponse<String> handshake = RuntimeProcess.get(runtime.uri("/socket.io/?EIO=4&transport=polling"));
        assertEquals(200, handshake.statusCode(), handshake.body());
        assertTrue(handshake.body().startsWith("0{") && handshake.body().contains("\"upgrades\":[\"websocket\"]"),
                handshake.body());
        // socketio.pingInterval from the environment, through MicroProfile Config where the runtime has it.
        int pingInterval = new JSONObject(handshake.body().substring(1)).getInt("pingInterval");
        assertEquals(runtime.hasMicroProfileConfig() ? 24000 : 25000, pingInterval,
                "pingInterval (" + ServerRuntime.OPTION_ENVIRONMENT + " in the environment)");
        String log = runtime.log();
        assertTrue(log.contains("engine.io: serving " + runtime.socketIoPath() + " over long-polling and WebSocket"),
                "the startup line\n" + RuntimeProcess.tail(log));
        assertTrue(!log.contains(WEBSOCKET_OFF), RuntimeProcess.tail(log));
    }

    @Test
    @Order(3)
    void socketIoClient4ChatsOverEveryTransport() throws Exception {
        Path log = runtime.work.resolve("node-clients.log");
        String output = RuntimeProcess.run(Path.of("."), log, Map.of(), NODE_TIMEOUT, "node",
                NODE_SCRIPT.toString(), runtime.origin().toString(), runtime.socketIoPath(),
                runtime.uri("/announce").toString(), "node");
        assertTrue(output.contains("connected: node-polling over polling, node-websocket over websocket, "
                + "node-upgrade over websocket") && output.strip().endsWith("OK"), output);
        assertTrue(output.contains("websocket: cut off") && output.contains("polling: cut off"),
                "connection state recovery over both transports: " + output);
    }

    @Test
    @Order(4)
    void javaClientChatsOverEveryTransport() throws Exception {
        String room = "java";
        try (JavaChatUser refused = JavaChatUser.of(runtime.origin(), runtime.socketIoPath(), "not a nick!",
                Polling.NAME, WebSocket.NAME)) {
            Object error = refused.connect();
            assertTrue(error instanceof JSONObject e && "nickname".equals(e.optJSONObject("data").optString("reason")),
                    "connect_error of a bad nickname: " + error);
        }
        try (JavaChatUser polling = JavaChatUser.of(runtime.origin(), runtime.socketIoPath(), "java-polling",
                Polling.NAME);
             JavaChatUser websocket = JavaChatUser.of(runtime.origin(), runtime.socketIoPath(), "java-websocket",
                     WebSocket.NAME);
             JavaChatUser upgrade = JavaChatUser.of(runtime.origin(), runtime.socketIoPath(), "java-upgrade",
                     Polling.NAME, WebSocket.NAME)) {
            List<JavaChatUser> users = List.of(polling, websocket, upgrade);
            for (JavaChatUser user : users) {
                assertEquals("connected", user.connect(), user.nick);
            }
            await("the upgrade to WebSocket", () -> upgrade.transports.contains(WebSocket.NAME));
            for (JavaChatUser user : users) {
                assertEquals(true, user.ask("join", room)[0], user.nick + " joins");
            }
            for (JavaChatUser user : users) {
                JSONObject receipt = (JSONObject) user.ask("message",
                        new JSONObject(Map.of("room", room, "text", "hello from " + user.nick)))[0];
                assertTrue(receipt.getBoolean("delivered"), user.nick + ": " + receipt);
            }
            for (JavaChatUser user : users) {
                for (JavaChatUser other : users) {
                    if (other != user) {
                        await(user.nick + " gets " + other.nick + "'s message",
                                () -> user.textsFrom(other.nick).contains("hello from " + other.nick));
                    }
                }
                assertEquals(List.of(), user.textsFrom(user.nick), "a sender does not get its own message");
            }
            announce("announcement for " + room);
            for (JavaChatUser user : users) {
                await(user.nick + " gets the announcement", () -> user.announcements.stream()
                        .anyMatch(a -> a.optString("text").equals("announcement for " + room)));
            }
            assertEquals(List.of(Polling.NAME), polling.transports);
            assertEquals(List.of(WebSocket.NAME), websocket.transports);
            assertEquals(List.of(Polling.NAME, WebSocket.NAME), upgrade.transports);
        }
    }

    @Test
    @Order(5)
    void noWebSocketWithoutTheEngineIoChecks() throws Exception {
        String key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
        // Straight to the endpoint's own path, with a protocol version Engine.IO refuses: the configurator refuses it
        // (403; Spring Boot's error handling on Jetty makes that a 500), or the runtime passes it on to the servlet,
        // which checks it like any other request (400)
        String direct = rawUpgrade(runtime.contextPath() + "/socket.io/.engineio-websocket?EIO=9&transport=websocket",
                key);
        assertTrue(direct.matches("(?s)HTTP/1\\.1 [45]\\d\\d .*"),
                "a direct connection to the endpoint's path: " + direct);
        String badVersion = rawUpgrade(runtime.socketIoPath() + "/?EIO=9&transport=websocket", key);
        assertTrue(badVersion.startsWith("HTTP/1.1 400") && badVersion.contains("application/json"),
                "an unsupported EIO: " + badVersion);
        String noKey = rawUpgrade(runtime.socketIoPath() + "/?EIO=4&transport=websocket", "");
        assertTrue(noKey.startsWith("HTTP/1.1 400"), "an upgrade without Sec-WebSocket-Key: " + noKey);
        HttpResponse<String> handshake = RuntimeProcess.get(runtime.uri("/socket.io/?EIO=4&transport=polling"));
        assertTrue(handshake.body().contains("\"upgrades\":[\"websocket\"]"), "still offered: " + handshake.body());
    }

    @Test
    @Order(6)
    void blockingHandlersRunOnTheContainersManagedExecutorWhereThereIsOne() throws Exception {
        try (JavaChatUser user = JavaChatUser.of(runtime.origin(), runtime.socketIoPath(), "java-worker",
                WebSocket.NAME)) {
            assertEquals("connected", user.connect());
            String thread = String.valueOf(user.ask("whereami")[0]);
            if (runtime.hasManagedExecutor()) {
                assertTrue(!thread.startsWith("socketee-handler-"), "a blocking handler on the managed executor: "
                        + thread);
                assertTrue(runtime.log().contains("blocking handlers of " + runtime.contextPath()
                        + " run on java:comp/DefaultManagedExecutorService"), RuntimeProcess.tail(runtime.log()));
            } else {
                assertTrue(thread.startsWith("socketee-handler-"), "a blocking handler on the library's workers: "
                        + thread);
            }
        }
    }

    @Test
    @Order(9)
    void stoppingDisconnectsWithServerShuttingDownAndLeavesNoThreadOfOurs() throws Exception {
        if (runtime.runsAfterUndeploy()) {
            assertTrue(runtime.threadNames().contains("socketee-engineio-timer"), "our timer runs while deployed");
        }
        // socket.io-client 4.x over WebSocket and polling, and the Java client over polling (over WebSocket it does
        // not notice a close frame from the server until its ping timeout: OkHttp 3 waits for it to answer)
        RuntimeProcess leavers = RuntimeProcess.start(Path.of("."), runtime.work.resolve("node-leavers.log"),
                Map.of(), List.of("node", LEAVERS_SCRIPT.toString(), runtime.origin().toString(),
                        runtime.socketIoPath(), "leaver"));
        try (JavaChatUser polling = JavaChatUser.of(runtime.origin(), runtime.socketIoPath(), "leaver-java",
                Polling.NAME)) {
            assertEquals("connected", polling.connect());
            RuntimeProcess.await("the node users connected", NODE_TIMEOUT,
                    () -> leavers.output().contains("READY") || !leavers.alive(), leavers::output);
            runtime.undeploy();
            assertTrue(leavers.awaitExit(Duration.ofSeconds(20)), "node users still connected: " + leavers.output());
            assertTrue(leavers.output().contains("DISCONNECTED leaver-websocket transport close")
                    && leavers.output().contains("DISCONNECTED leaver-polling transport close"), leavers.output());
            polling.disconnected.get(JavaChatUser.WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            leavers.stop(Duration.ofSeconds(5));
        }
        if (runtime.logsWhileStopping()) {
            await("the handlers see \"server shutting down\"", () -> List.of("websocket", "polling", "java").stream()
                    .allMatch(u -> runtime.log().contains("chat: leaver-" + u + " left (server shutting down)")));
        }
        if (runtime.runsAfterUndeploy()) {   // the runtime may finish undeploying after it stopped serving the path
            List<List<String>> seen = new java.util.ArrayList<>();
            RuntimeProcess.await("no thread of ours left after the undeploy", Duration.ofSeconds(30), () -> {
                seen.add(ours());
                return seen.get(seen.size() - 1).isEmpty();
            }, () -> "threads of ours: " + seen.get(seen.size() - 1) + "\n" + RuntimeProcess.tail(runtime.log()));
        }
        String log = runtime.log();
        assertTrue(!log.contains(WEBSOCKET_OFF), RuntimeProcess.tail(log));
    }

    private List<String> ours() {
        try {
            return runtime.threadNames().stream().filter(n -> n.startsWith("socketee-")).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("(interrupted)");
        }
    }

    private void announce(String text) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(runtime.uri("/announce")).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(text)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, "POST /announce: " + response.statusCode() + " " + response.body());
    }

    /** The status line and headers a raw WebSocket upgrade request gets (the JDK's HttpClient cannot send one). */
    private String rawUpgrade(String pathAndQuery, String extraHeaders) throws Exception {
        int port = runtime.origin().getPort();
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + runtime.origin().getPort()
                    + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" + extraHeaders + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                head.append((char) c);
            }
            return head.toString();
        }
    }

    private void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        RuntimeProcess.await(what, Duration.ofSeconds(JavaChatUser.WAIT_SECONDS), condition,
                () -> RuntimeProcess.tail(runtime.log()));
    }

    static URI uri(String text) {
        return URI.create(text);
    }
}
