package io.socketee.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.CloseReason;
import io.socketee.engineio.CookieConfig;
import io.socketee.engineio.CorsConfig;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import jakarta.servlet.ServletContainerInitializer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Engine.IO on the wire, byte for byte, through raw HTTP and WebSocket: handshakes, framings of both generations,
 * JSONP, the upgrade, heartbeats, and every error of the Node server. After each case no session may be left open.
 * Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineIoHttpContract {
    private static final String SID = "\"sid\":\"[A-Za-z0-9_-]{24}\"";

    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    /** Long heartbeat, both generations, any origin: for exact framing checks. */
    private EngineIoServer raw;
    /** Short heartbeat (300/200 ms): for heartbeat checks. */
    private EngineIoServer fast;
    /** EIO=4 only, 1000-byte limit, cookie, one allowed origin with credentials, a request filter. */
    private EngineIoServer strict;
    private final Map<String, CloseReason> closed = new ConcurrentHashMap<>();
    private int port;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        raw = EngineIoServer.create(EngineIoConfig.builder().allowEIO3(true).cors(CorsConfig.anyOrigin()).build());
        fast = EngineIoServer.create(EngineIoConfig.builder().allowEIO3(true)
                .pingInterval(Duration.ofMillis(300)).pingTimeout(Duration.ofMillis(200)).build());
        strict = EngineIoServer.create(EngineIoConfig.builder()
                .maxHttpBufferSize(1000)
                .cookie(CookieConfig.defaults())
                .cors(CorsConfig.origins(true, "https://app.example"))
                .allowRequest(request -> request.header("X-Deny").isEmpty())
                .allowedOrigins("https://app.example")
                .build());
        for (EngineIoServer server : List.of(raw, fast, strict)) {
            server.onConnection(socket -> {
                socket.onText(socket::send);
                socket.onBinary(socket::send);
                socket.onClose(reason -> closed.put(socket.id(), reason));
            });
        }
        container = harness();
        ServletContainerInitializer app = (classes, context) -> {
            EngineIoServlet.register(context, raw, "/raw.io");
            EngineIoServlet.register(context, fast, "/fast.io");
            EngineIoServlet.register(context, strict, "/strict.io");
        };
        port = container.start(app);
        http = new Http(port);
    }

    @AfterAll
    void stop() throws Exception {
        raw.close();
        fast.close();
        strict.close();
        container.close();
    }

    /**
     * Closes what a test left open the way a client would see it: a polling session without a held GET keeps its
     * close packet for the next GET, which this sends. Then no session may remain.
     */
    @AfterEach
    void noSessionLeaks() throws Exception {
        Map<EngineIoServer, String> paths = Map.of(raw, "/raw.io/", fast, "/fast.io/", strict, "/strict.io/");
        for (var entry : paths.entrySet()) {
            for (var socket : entry.getKey().sockets()) {
                boolean polling = socket.transport() == io.socketee.engineio.TransportName.POLLING;
                socket.close();
                if (polling && entry.getKey().socket(socket.id()).isPresent()) {
                    String last = Http.text(http.get(entry.getValue() + "?EIO=" + socket.protocolVersion().number()
                            + "&transport=polling&sid=" + socket.id()));
                    assertTrue(last.endsWith("1"), "a closed session's last GET ends with a close packet: " + last);
                }
            }
        }
        awaitNoSessions();
    }

    private void awaitNoSessions() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < end
                && raw.clientsCount() + fast.clientsCount() + strict.clientsCount() > 0) {
            Thread.sleep(10);
        }
        assertEquals(0, raw.clientsCount() + fast.clientsCount() + strict.clientsCount(), "sessions leaked");
    }

    private CloseReason awaitClosed(String sid) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (!closed.containsKey(sid) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertTrue(closed.containsKey(sid), "session " + sid + " did not close");
        return closed.get(sid);
    }

    private String handshake(String path, String query) throws Exception {
        HttpResponse<byte[]> r = http.get(path + "?" + query);
        assertEquals(200, r.statusCode(), Http.text(r));
        return Http.sid(new String(r.body(), UTF_8));
    }

    /** Containers may reformat a content type (Jetty writes {@code text/plain;charset=utf-8}); the meaning counts. */
    private static void assertContentType(String expected, HttpResponse<byte[]> r) {
        String actual = r.headers().firstValue("Content-Type").orElse("");
        assertEquals(expected.replace(" ", "").toLowerCase(), actual.replace(" ", "").toLowerCase());
    }

    private static void assertError(HttpResponse<byte[]> r, int status, int code, String message) {
        assertEquals(status, r.statusCode());
        assertEquals("{\"code\":" + code + ",\"message\":\"" + message + "\"}", Http.text(r));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    // ------------------------------------------------------------------ handshakes

    @Test
    void handshakeOverPollingV4HasExactlyTheFiveKeys() throws Exception {
        HttpResponse<byte[]> r = http.get("/raw.io/?EIO=4&transport=polling");
        assertEquals(200, r.statusCode());
        assertContentType("text/plain; charset=UTF-8", r);
        assertTrue(Http.text(r).matches("0\\{" + SID + ",\"upgrades\":\\[\"websocket\"],"
                + "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}"), Http.text(r));
    }

    @Test
    void handshakeOverPollingV3UsesLengthPrefixedStringFraming() throws Exception {
        String body = Http.text(http.get("/raw.io/?EIO=3&transport=polling&b64=1"));
        int colon = body.indexOf(':');
        assertEquals(body.length() - colon - 1, Integer.parseInt(body.substring(0, colon)), body);
        assertTrue(body.substring(colon + 1).matches("0\\{" + SID + ".*\"pingInterval\":25000.*}"), body);
    }

    @Test
    void handshakeOverWebSocketAdvertisesNoUpgrades() throws Exception {
        Ws ws = Ws.connect(port, "/raw.io/?EIO=4&transport=websocket");
        String open = (String) ws.next();
        assertTrue(open.matches("0\\{" + SID + ",\"upgrades\":\\[],\"pingInterval\":25000,\"pingTimeout\":20000,"
                + "\"maxPayload\":1000000}"), open);
        ws.send("4héllo €😀");
        assertEquals("4héllo €😀", ws.next());
        ws.send(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) ws.next(), "EIO=4 binary frames are raw bytes");
        ws.abort();
    }

    @Test
    void webSocketBinaryFramesCarryTheTypeByteUnderV3() throws Exception {
        Ws ws = Ws.connect(port, "/raw.io/?EIO=3&transport=websocket");
        assertTrue(((String) ws.next()).startsWith("0{"));
        ws.send(new byte[] {4, 9, 8});
        assertArrayEquals(new byte[] {4, 9, 8}, (byte[]) ws.next());
        ws.send("b4AQI=");
        assertArrayEquals(new byte[] {4, 1, 2}, (byte[]) ws.next(), "base64 in, binary frame out");
        ws.abort();
    }

    @Test
    void webSocketV3ClientAskingForBase64GetsBinaryAsText() throws Exception {
        Ws ws = Ws.connect(port, "/raw.io/?EIO=3&transport=websocket&b64=1");
        ws.next();
        ws.send(new byte[] {4, 1, 2, 3});
        assertEquals("b4AQID", ws.next());
        ws.abort();
    }

    // ------------------------------------------------------------------ polling framings

    @Test
    void pollingV4CarriesTextAndBase64BinaryJoinedByRecordSeparator() throws Exception {
        String sid = handshake("/raw.io/", "EIO=4&transport=polling");
        HttpResponse<byte[]> post = http.post("/raw.io/?EIO=4&transport=polling&sid=" + sid, "4€😀\u001ebAQID");
        assertEquals(200, post.statusCode());
        assertEquals("ok", Http.text(post));
        assertEquals("4€😀\u001ebAQID", Http.text(http.get("/raw.io/?EIO=4&transport=polling&sid=" + sid)));
    }

    @Test
    void pollingV3AnswersBinaryWithXhr2FramingUnlessTheClientAskedForBase64() throws Exception {
        String sid = handshake("/raw.io/", "EIO=3&transport=polling");
        http.post("/raw.io/?EIO=3&transport=polling&sid=" + sid, "6:b4AQID2:4€");
        HttpResponse<byte[]> r = http.get("/raw.io/?EIO=3&transport=polling&sid=" + sid);
        assertContentType("application/octet-stream", r);
        assertArrayEquals(new byte[] {1, 4, (byte) 0xFF, 4, 1, 2, 3, 0, 4, (byte) 0xFF, '4', (byte) 0xE2,
                (byte) 0x82, (byte) 0xAC}, r.body());

        String b64 = handshake("/raw.io/", "EIO=3&transport=polling&b64=1");
        http.post("/raw.io/?EIO=3&transport=polling&sid=" + b64, "6:b4AQID2:4€");
        assertEquals("6:b4AQID2:4€", Http.text(http.get("/raw.io/?EIO=3&transport=polling&sid=" + b64)));
    }

    @Test
    void pollingV3AcceptsXhr2BinaryPostBodies() throws Exception {
        String sid = handshake("/raw.io/", "EIO=3&transport=polling&b64=1");
        byte[] body = {1, 3, (byte) 0xFF, 4, 7, 7, 0, 5, (byte) 0xFF, '4', 'h', (byte) 0xC3, (byte) 0xA9, '!'};
        HttpResponse<byte[]> post = http.post("/raw.io/?EIO=3&transport=polling&sid=" + sid, body,
                "Content-Type", "application/octet-stream");
        assertEquals("ok", Http.text(post));
        assertEquals("6:b4Bwc=4:4hé!", Http.text(http.get(
                "/raw.io/?EIO=3&transport=polling&sid=" + sid)));
    }

    @Test
    void jsonpWrapsPayloadsInTheCallbackAndReadsFormPosts() throws Exception {
        HttpResponse<byte[]> open = http.get("/raw.io/?EIO=3&transport=polling&j=2");
        String body = Http.text(open);
        assertContentType("text/javascript; charset=UTF-8", open);
        assertTrue(body.startsWith("___eio[2](\"") && body.endsWith("\");"), body);
        String sid = Http.sid(body.replace("\\\"", "\""));
        String form = "d=" + java.net.URLEncoder.encode("10:4a\\nb\u2028\"c\\\\nd", UTF_8);
        HttpResponse<byte[]> post = http.post("/raw.io/?EIO=3&transport=polling&j=2&sid=" + sid, form,
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals("ok", Http.text(post));
        assertEquals("___eio[2](\"10:4a\\nb\\u2028\\\"c\\\\nd\");",
                Http.text(http.get("/raw.io/?EIO=3&transport=polling&j=2&sid=" + sid)));
    }

    // ------------------------------------------------------------------ errors

    @Test
    void refusesMissingOrUnknownProtocolVersions() throws Exception {
        assertError(http.get("/raw.io/?transport=polling"), 400, 5, "Unsupported protocol version");
        assertError(http.get("/raw.io/?EIO=5&transport=polling"), 400, 5, "Unsupported protocol version");
        assertError(http.get("/strict.io/?EIO=3&transport=polling"), 400, 5, "Unsupported protocol version");
    }

    @Test
    void answersEveryRequestErrorLikeTheNodeServer() throws Exception {
        assertError(http.get("/raw.io/?EIO=4&transport=carrier-pigeon"), 400, 0, "Transport unknown");
        assertError(http.get("/raw.io/?EIO=4"), 400, 0, "Transport unknown");
        assertError(http.get("/raw.io/?EIO=4&transport=polling&sid=nope"), 400, 1, "Session ID unknown");
        assertError(http.post("/raw.io/?EIO=4&transport=polling", "4x"), 400, 2, "Bad handshake method");
        assertError(http.get("/raw.io/?EIO=4&transport=polling&j=alert(1)"), 400, 3, "Bad request");
        assertError(http.get("/strict.io/?EIO=4&transport=polling", "X-Deny", "1"), 403, 4, "Forbidden");
        assertError(http.get("/raw.io/?EIO=4&transport=websocket"), 400, 0, "Transport unknown");
    }

    @Test
    void overlappingGetIsRefusedAndClosesTheSession() throws Exception {
        String sid = handshake("/raw.io/", "EIO=4&transport=polling");
        CompletableFuture<HttpResponse<byte[]>> held = http.getAsync("/raw.io/?EIO=4&transport=polling&sid=" + sid);
        Thread.sleep(200);
        assertFalse(held.isDone(), "the first GET should be held");
        assertError(http.get("/raw.io/?EIO=4&transport=polling&sid=" + sid), 400, 3, "Bad request");
        assertEquals("1", Http.text(held.get(5, TimeUnit.SECONDS)), "the held GET gets a close packet");
        assertEquals(CloseReason.TRANSPORT_ERROR, awaitClosed(sid));
    }

    @Test
    void postOverMaxHttpBufferSizeIs413WhateverContentLengthSays() throws Exception {
        String sid = handshake("/strict.io/", "EIO=4&transport=polling");
        HttpResponse<byte[]> r = http.post("/strict.io/?EIO=4&transport=polling&sid=" + sid, "4" + "x".repeat(1000));
        assertEquals(413, r.statusCode());
        assertEquals(CloseReason.TRANSPORT_ERROR, awaitClosed(sid));

        // Chunked, so no Content-Length to trust: the bytes read are counted.
        String sid2 = handshake("/strict.io/", "EIO=4&transport=polling");
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            String chunk = "4" + "y".repeat(1500);
            out.write(("POST /strict.io/?EIO=4&transport=polling&sid=" + sid2 + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Transfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                    + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n").getBytes(UTF_8));
            out.flush();
            s.setSoTimeout(5000);
            String status = new String(s.getInputStream().readNBytes(12), UTF_8);
            assertEquals("HTTP/1.1 413", status);
        }
        assertEquals(CloseReason.TRANSPORT_ERROR, awaitClosed(sid2));
    }

    @Test
    void binaryPostUnderV4IsABadRequest() throws Exception {
        String sid = handshake("/raw.io/", "EIO=4&transport=polling");
        HttpResponse<byte[]> r = http.post("/raw.io/?EIO=4&transport=polling&sid=" + sid, new byte[] {1, 2},
                "Content-Type", "application/octet-stream");
        assertError(r, 400, 3, "Bad request");
        assertEquals(CloseReason.TRANSPORT_ERROR, awaitClosed(sid));
    }

    @Test
    void malformedPayloadClosesTheSessionWithParseError() throws Exception {
        String sid = handshake("/raw.io/", "EIO=4&transport=polling");
        assertEquals(400, http.post("/raw.io/?EIO=4&transport=polling&sid=" + sid, "9oops").statusCode());
        assertEquals(CloseReason.PARSE_ERROR, awaitClosed(sid));

        String v3 = handshake("/raw.io/", "EIO=3&transport=polling&b64=1");
        assertEquals(400, http.post("/raw.io/?EIO=3&transport=polling&sid=" + v3, "99:4short").statusCode());
        assertEquals(CloseReason.PARSE_ERROR, awaitClosed(v3));
    }

    /**
     * A client that hangs up on a held GET loses its session within one heartbeat. Neither Jetty's nor Tomcat's
     * HTTP/1.1 connector reads from a connection whose request is suspended, so neither reports the hang-up to the
     * AsyncListener (the listener is in place for containers that do); the ping written to the dead poll gets no
     * answer and the session closes at pingInterval + pingTimeout.
     */
    @Test
    void clientHangingUpOnAHeldGetClosesItsSession() throws Exception {
        String sid = handshake("/fast.io/", "EIO=4&transport=polling");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(("GET /fast.io/?EIO=4&transport=polling&sid=" + sid
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(UTF_8));
            s.getOutputStream().flush();
            Thread.sleep(100);
        }
        CloseReason reason = awaitClosed(sid);
        assertTrue(reason == CloseReason.PING_TIMEOUT || reason == CloseReason.TRANSPORT_ERROR, reason.text());
    }

    @Test
    void keepAliveConnectionServesManyPolls() throws Exception {
        String sid = handshake("/raw.io/", "EIO=4&transport=polling");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 20; i++) {
                String body = "4m" + i;
                out.write(("POST /raw.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(UTF_8));
                out.write(("GET /raw.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(UTF_8));
                out.flush();
                assertTrue(readResponse(in).endsWith("ok"));
                assertTrue(readResponse(in).endsWith(body));
            }
        }
    }

    private static String readResponse(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new AssertionError("connection closed after: " + head);
            }
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), UTF_8);
    }

    // ------------------------------------------------------------------ heartbeat

    @Test
    void serverPingsV4ClientsAndDropsThemWithoutPong() throws Exception {
        String sid = handshake("/fast.io/", "EIO=4&transport=polling");
        assertEquals("2", Http.text(http.get("/fast.io/?EIO=4&transport=polling&sid=" + sid)));
        assertEquals(CloseReason.PING_TIMEOUT, awaitClosed(sid));
        assertError(http.get("/fast.io/?EIO=4&transport=polling&sid=" + sid), 400, 1, "Session ID unknown");
    }

    @Test
    void v4SessionLivesWhileItAnswersPings() throws Exception {
        String sid = handshake("/fast.io/", "EIO=4&transport=polling");
        for (int i = 0; i < 4; i++) {
            assertEquals("2", Http.text(http.get("/fast.io/?EIO=4&transport=polling&sid=" + sid)));
            assertEquals("ok", Http.text(http.post("/fast.io/?EIO=4&transport=polling&sid=" + sid, "3")));
        }
        assertFalse(closed.containsKey(sid));
    }

    @Test
    void v3ClientPingsAndTheServerAnswersPong() throws Exception {
        String sid = handshake("/fast.io/", "EIO=3&transport=polling&b64=1");
        for (int i = 0; i < 3; i++) {
            Thread.sleep(250);
            http.post("/fast.io/?EIO=3&transport=polling&sid=" + sid, "1:2");
            assertEquals("1:3", Http.text(http.get("/fast.io/?EIO=3&transport=polling&sid=" + sid)));
        }
        assertFalse(closed.containsKey(sid), "pinged within pingInterval + pingTimeout");
        assertEquals(CloseReason.PING_TIMEOUT, awaitClosed(sid));
    }

    @Test
    void heartbeatInTheWrongDirectionIsATransportError() throws Exception {
        String sid = handshake("/raw.io/", "EIO=4&transport=polling");
        http.post("/raw.io/?EIO=4&transport=polling&sid=" + sid, "2");
        assertEquals(CloseReason.TRANSPORT_ERROR, awaitClosed(sid));
    }

    // ------------------------------------------------------------------ upgrade

    @Test
    void upgradeProbeReleasesTheHeldPollAndThenPollingIsOver() throws Exception {
        String sid = handshake("/raw.io/", "EIO=4&transport=polling");
        CompletableFuture<HttpResponse<byte[]>> held = http.getAsync("/raw.io/?EIO=4&transport=polling&sid=" + sid);
        Ws ws = Ws.connect(port, "/raw.io/?EIO=4&transport=websocket&sid=" + sid);
        ws.send("2probe");
        assertEquals("3probe", ws.next());
        assertEquals("6", Http.text(held.get(5, TimeUnit.SECONDS)), "the held poll is released with a noop");
        ws.send("5");
        ws.send("4after upgrade");
        assertEquals("4after upgrade", ws.next());
        assertError(http.get("/raw.io/?EIO=4&transport=polling&sid=" + sid), 400, 3, "Bad request");
        ws.abort();
        awaitClosed(sid);
    }

    /**
     * As Node: a second WebSocket for a session that has upgraded already completes its handshake (101) and is then
     * closed, and the session carries on over the first one.
     */
    @Test
    void aSecondWebSocketForAnUpgradedSessionIsOpenedThenClosedAndTheSessionCarriesOn() throws Exception {
        String sid = handshake("/raw.io/", "EIO=4&transport=polling");
        Ws ws = Ws.connect(port, "/raw.io/?EIO=4&transport=websocket&sid=" + sid);
        ws.send("2probe");
        assertEquals("3probe", ws.next());
        ws.send("5");
        Ws second = Ws.connect(port, "/raw.io/?EIO=4&transport=websocket&sid=" + sid);
        Object frame = second.next();
        assertInstanceOf(Ws.Closed.class, frame, "the second WebSocket gets a close, nothing else: " + frame);
        assertFalse(closed.containsKey(sid), "the session survives the second WebSocket");
        ws.send("4still here");
        assertEquals("4still here", ws.nextIgnoringHeartbeat());
        ws.abort();
        awaitClosed(sid);
    }

    /** The same while the first WebSocket is still probing: the second is closed, the upgrade goes on. */
    @Test
    void aSecondWebSocketDuringAnUpgradeIsOpenedThenClosedAndTheUpgradeGoesOn() throws Exception {
        String sid = handshake("/raw.io/", "EIO=4&transport=polling");
        Ws ws = Ws.connect(port, "/raw.io/?EIO=4&transport=websocket&sid=" + sid);
        ws.send("2probe");
        assertEquals("3probe", ws.next());
        Ws second = Ws.connect(port, "/raw.io/?EIO=4&transport=websocket&sid=" + sid);
        assertInstanceOf(Ws.Closed.class, second.next());
        ws.send("5");
        ws.send("4upgraded");
        assertEquals("4upgraded", ws.nextIgnoringHeartbeat());
        ws.abort();
        awaitClosed(sid);
    }

    @Test
    void upgradeOfAV3SessionAnswersTheHeldPollWithFramedNoop() throws Exception {
        String sid = handshake("/raw.io/", "EIO=3&transport=polling&b64=1");
        CompletableFuture<HttpResponse<byte[]>> held = http.getAsync("/raw.io/?EIO=3&transport=polling&sid=" + sid);
        Ws ws = Ws.connect(port, "/raw.io/?EIO=3&transport=websocket&sid=" + sid);
        ws.send("2probe");
        assertEquals("3probe", ws.next());
        assertEquals("1:6", Http.text(held.get(5, TimeUnit.SECONDS)));
        ws.send("5");
        ws.send("2");
        assertEquals("3", ws.next(), "EIO=3 pings go on over the WebSocket");
        ws.abort();
    }

    @Test
    void webSocketWithAnUnknownSidIsRefusedWithTheJsonError() throws Exception {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> Ws.attempt(port, "/raw.io/?EIO=4&transport=websocket&sid=nope").get(5, TimeUnit.SECONDS));
        assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(400, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }

    @Test
    void webSocketMessageOverTheLimitClosesTheSocket() throws Exception {
        Ws ws = Ws.connect(port, "/strict.io/?EIO=4&transport=websocket");
        String sid = Http.sid((String) ws.next());
        ws.send("4" + "z".repeat(999));
        assertEquals("4" + "z".repeat(999), ws.next());
        ws.send("4" + "z".repeat(1000));
        Object frame = ws.nextIgnoringHeartbeat();
        assertInstanceOf(Ws.Closed.class, frame);
        assertEquals(1009, ((Ws.Closed) frame).code());
        awaitClosed(sid);
    }

    /** The limit counts UTF-8 bytes, as for POST bodies and in Node's {@code ws}: 334 chars of € are 1,003 bytes. */
    @Test
    void webSocketMessageLimitCountsUtf8Bytes() throws Exception {
        Ws ws = Ws.connect(port, "/strict.io/?EIO=4&transport=websocket");
        String sid = Http.sid((String) ws.next());
        ws.send("4" + "€".repeat(333));   // 1 + 999 bytes: at the limit
        assertEquals("4" + "€".repeat(333), ws.nextIgnoringHeartbeat());
        ws.send("4" + "€".repeat(334));   // 335 chars, 1,003 bytes
        Object frame = ws.nextIgnoringHeartbeat();
        assertInstanceOf(Ws.Closed.class, frame, "over the limit in bytes: " + frame);
        assertEquals(1009, ((Ws.Closed) frame).code());
        awaitClosed(sid);
        String polled = handshake("/strict.io/", "EIO=4&transport=polling");
        assertEquals(413, http.post("/strict.io/?EIO=4&transport=polling&sid=" + polled, "4" + "€".repeat(334))
                .statusCode(), "the same POSTed");
        awaitClosed(polled);
    }

    // ------------------------------------------------------------------ options

    @Test
    void corsPreflightAndResponsesFollowTheConfiguredOrigins() throws Exception {
        HttpResponse<byte[]> pre = http.request("OPTIONS", "/strict.io/?EIO=4&transport=polling",
                "Origin", "https://app.example", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type");
        assertEquals(204, pre.statusCode());
        assertEquals("https://app.example", pre.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("true", pre.headers().firstValue("Access-Control-Allow-Credentials").orElseThrow());
        assertEquals("content-type", pre.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());

        HttpResponse<byte[]> other = http.get("/strict.io/?EIO=4&transport=polling", "Origin", "https://evil.example");
        assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

        HttpResponse<byte[]> any = http.get("/raw.io/?EIO=4&transport=polling", "Origin", "http://localhost:9");
        assertEquals("*", any.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    }

    @Test
    void allowedOriginsKeepOtherSitesOutOfPollingAndWebSocket() throws Exception {
        assertError(http.get("/strict.io/?EIO=4&transport=polling", "Origin", "https://evil.example"),
                403, 4, "Forbidden");
        assertEquals(200, http.get("/strict.io/?EIO=4&transport=polling", "Origin", "https://app.example")
                .statusCode());
        String sid = handshake("/strict.io/", "EIO=4&transport=polling");
        assertError(http.get("/strict.io/?EIO=4&transport=polling&sid=" + sid, "Origin", "https://evil.example"),
                403, 4, "Forbidden");
        ExecutionException hijack = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                        .header("Origin", "https://evil.example")
                        .buildAsync(java.net.URI.create("ws://127.0.0.1:" + port
                                + "/strict.io/?EIO=4&transport=websocket"), new Ws())
                        .get(5, TimeUnit.SECONDS));
        assertEquals(403, ((WebSocketHandshakeException) hijack.getCause()).getResponse().statusCode());
    }

    @Test
    void cookieCarriesTheSidWhenEnabled() throws Exception {
        HttpResponse<byte[]> r = http.get("/strict.io/?EIO=4&transport=polling");
        String sid = Http.sid(Http.text(r));
        assertEquals("io=" + sid + "; Path=/; HttpOnly; SameSite=Lax",
                r.headers().firstValue("Set-Cookie").orElseThrow());
        assertTrue(http.get("/raw.io/?EIO=4&transport=polling").headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    void clientCloseEndsTheSession() throws Exception {
        String sid = handshake("/raw.io/", "EIO=4&transport=polling");
        assertEquals("ok", Http.text(http.post("/raw.io/?EIO=4&transport=polling&sid=" + sid, "1")));
        assertEquals(CloseReason.TRANSPORT_CLOSE, awaitClosed(sid));
    }

    /** As Node: the client's close packet over polling releases the held GET with a noop; later GETs are a 400. */
    @Test
    void aClientsCloseOverPollingAnswersTheHeldGetWithANoop() throws Exception {
        for (String eio : List.of("4", "3")) {
            String query = "EIO=" + eio + "&transport=polling";
            String sid = handshake("/raw.io/", query);
            CompletableFuture<HttpResponse<byte[]>> held = http.getAsync("/raw.io/?" + query + "&sid=" + sid);
            Thread.sleep(100);
            assertFalse(held.isDone(), "the GET should be held");
            String close = eio.equals("4") ? "1" : "1:1";
            assertEquals("ok", Http.text(http.post("/raw.io/?" + query + "&sid=" + sid, close)));
            HttpResponse<byte[]> released = held.get(5, TimeUnit.SECONDS);
            assertEquals(200, released.statusCode());
            assertEquals(eio.equals("4") ? "6" : "1:6", Http.text(released));
            assertEquals(CloseReason.TRANSPORT_CLOSE, awaitClosed(sid));
            Thread.sleep(1_200);   // past the moment a racing GET is still answered
            assertError(http.get("/raw.io/?" + query + "&sid=" + sid), 400, 1, "Session ID unknown");
        }
    }

    /**
     * A GET and the close POST sent at the same moment: whichever the container handles first, the GET gets the noop
     * (Node's answer when it holds the GET), never a 400. 100 tries.
     */
    @Test
    void aGetRacingTheClientsCloseGetsTheNoopEveryTime() throws Exception {
        for (int i = 0; i < 100; i++) {
            String sid = handshake("/raw.io/", "EIO=4&transport=polling");
            CompletableFuture<HttpResponse<byte[]>> get = http.getAsync("/raw.io/?EIO=4&transport=polling&sid=" + sid);
            HttpResponse<byte[]> post = http.post("/raw.io/?EIO=4&transport=polling&sid=" + sid, "1");
            assertEquals("ok", Http.text(post));
            HttpResponse<byte[]> answer = get.get(5, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), "try " + i + ": " + Http.text(answer));
            assertEquals("6", Http.text(answer), "try " + i);
            assertEquals(CloseReason.TRANSPORT_CLOSE, awaitClosed(sid));
        }
    }
}
