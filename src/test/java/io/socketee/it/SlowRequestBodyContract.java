package io.socketee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.EngineIoSocket;
import io.socketee.engineio.servlet.EngineIoServlet;
import io.socketee.jakarta.ClientBundleServlet;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that declare a request body and send it a byte a second ({@link SlowBody}), as a stalled network or an
 * attack on the server's threads would. Whatever the request, the server answers without waiting for the body and
 * the connection ends, so that no such client holds a container thread: Tomcat reads what is left of an unread body on
 * a request thread, with blocking reads, before it reuses the connection, and a few hundred slow clients held all of
 * its 200 threads. A POST still arriving when its session starts to close or upgrades is dropped, as Node does.
 * Subclasses pick the container; Tomcat's has {@link #WORKER_THREADS} request threads, fewer than the slow clients
 * of each kind.
 */
public abstract class SlowRequestBodyContract {
    /** Request threads of the container, where it lets them be set. */
    protected static final int WORKER_THREADS = 8;
    private static final int SLOW_PER_KIND = WORKER_THREADS + 2;
    /** Well under the POST's async timeout on the held engine (pingInterval + pingTimeout + 5 s = 50 s). */
    private static final long DROP_BOUND_SECONDS = 10;
    /** Twice the async timeout on the fast engine (pingInterval + pingTimeout + 5 s = 5.5 s). */
    private static final long ANSWER_BOUND_SECONDS = 11;
    private static final Pattern SID = Pattern.compile("(?:^|&)sid=([^&]+)");

    /** The container, with at most {@link #WORKER_THREADS} request threads where it could block on a body. */
    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    /** Short heartbeat (300/200 ms: the async timeout is 5.5 s); one allowed origin; the client bundle beside it. */
    private EngineIoServer fast;
    /** The default heartbeat (the async timeout is 50 s): sessions that only the test closes. */
    private EngineIoServer held;
    private boolean bundle;
    /** Completed when a POST of the session (by sid) came back from the servlet: its body is being read. */
    private final Map<String, CompletableFuture<Void>> reading = new ConcurrentHashMap<>();
    private final List<SlowBody> slowBodies = new ArrayList<>();
    private int port;
    private Http http;

    @BeforeEach
    void start() throws Exception {
        fast = EngineIoServer.create(EngineIoConfig.builder().allowedOrigins("http://127.0.0.1")
                .pingInterval(Duration.ofMillis(300)).pingTimeout(Duration.ofMillis(200)).build());
        held = EngineIoServer.create(EngineIoConfig.builder().build());
        for (EngineIoServer server : List.of(fast, held)) {
            server.onConnection(socket -> socket.onText(socket::send));
        }
        container = harness();
        ServletContainerInitializer app = (classes, context) -> {
            EngineIoServlet.register(context, fast, "/fast.io");
            EngineIoServlet.register(context, held, "/held.io");
            bundle = ClientBundleServlet.register(context, "/fast.io").isPresent();
            FilterRegistration.Dynamic probe = context.addFilter("slow-body-probe", (request, response, chain) -> {
                chain.doFilter(request, response);
                HttpServletRequest http = (HttpServletRequest) request;
                Matcher sid = SID.matcher(String.valueOf(http.getQueryString()));
                if (http.getMethod().equals("POST") && sid.find()) {
                    reading(sid.group(1)).complete(null);
                }
            });
            probe.setAsyncSupported(true);
            probe.addMappingForUrlPatterns(null, false, "/held.io/*");
        };
        port = container.start(app);
        http = new Http(port);
    }

    @AfterEach
    void stop() throws Exception {
        for (SlowBody slow : slowBodies) {
            slow.close();
        }
        fast.close();
        held.close();
        container.close();
    }

    private CompletableFuture<Void> reading(String sid) {
        return reading.computeIfAbsent(sid, s -> new CompletableFuture<>());
    }

    /** A kind of request that a slow client sends, and the status it must get (without its body being read). */
    private record Kind(String name, int status, SlowStart start) {
    }

    @FunctionalInterface
    private interface SlowStart {
        SlowBody start(int index) throws Exception;
    }

    /** The kinds of slow request; {@code sids} are sessions of the fast engine, one for each POST of a session. */
    private List<Kind> kinds(List<String> sids) {
        List<Kind> kinds = new ArrayList<>();
        // Dropped when the session times out (0.5 s), or refused if it did before the POST came: 400 either way.
        kinds.add(new Kind("polling POST of a session", 400, i -> SlowBody.start(port, "POST",
                "/fast.io/?EIO=4&transport=polling&sid=" + sids.get(i))));
        kinds.add(new Kind("polling handshake GET with a body", 200, i -> SlowBody.start(port, "GET",
                "/fast.io/?EIO=4&transport=polling")));
        kinds.add(new Kind("POST from a refused origin", 403, i -> SlowBody.start(port, "POST",
                "/fast.io/?EIO=4&transport=polling&sid=whatever", "Origin: http://elsewhere.example")));
        kinds.add(new Kind("WebSocket handshake with a body", 400, i -> SlowBody.start(port, "GET",
                "/fast.io/?EIO=4&transport=websocket", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13")));
        if (bundle) {
            kinds.add(new Kind("client bundle GET with a body", 400, i -> SlowBody.start(port, "GET",
                    "/fast.io/socket.io.js")));
        }
        return kinds;
    }

    private String handshake(String path) throws Exception {
        HttpResponse<byte[]> r = http.get(path + "?EIO=4&transport=polling");
        assertEquals(200, r.statusCode(), Http.text(r));
        return Http.sid(Http.text(r));
    }

    private SlowBody slow(SlowStart start, int index) throws Exception {
        SlowBody slow = start.start(index);
        slowBodies.add(slow);
        return slow;
    }

    @Test
    void slowBodiesHoldNoContainerThread() throws Exception {
        // The sessions first: once slow clients hold the container's threads, a handshake may wait for one.
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < SLOW_PER_KIND; i++) {
            sids.add(handshake("/fast.io/"));
        }
        List<Kind> kinds = kinds(sids);
        Map<SlowBody, Kind> clients = new LinkedHashMap<>();
        for (int i = 0; i < SLOW_PER_KIND; i++) {
            for (Kind kind : kinds) {
                clients.put(slow(kind.start(), i), kind);
            }
        }
        // Each is answered: at once, or when its session times out (0.5 s); the async timeout would be 5.5 s.
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(ANSWER_BOUND_SECONDS);
        Map<String, Integer> unanswered = new TreeMap<>();
        for (var client : clients.entrySet()) {
            if (!client.getKey().awaitAnswer(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))) {
                unanswered.merge(client.getValue().name(), 1, Integer::sum);
            }
        }
        long answered = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        int draining = container.threadsDrainingRequestBodies();
        // A newcomer is served all the same.
        String fresh;
        try {
            fresh = Http.text(http.getAsync("/fast.io/?EIO=4&transport=polling").get(10, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            fresh = "no answer within 10 s";
        }
        assertTrue(unanswered.isEmpty() && fresh.startsWith("0{") && draining == 0, "with " + clients.size()
                + " slow clients sending their bodies, unanswered after " + ANSWER_BOUND_SECONDS + " s: "
                + unanswered + "; container threads reading request bodies: " + draining + "; a new handshake: "
                + fresh);
        assertEquals("ok", Http.text(http.post("/fast.io/?EIO=4&transport=polling&sid=" + Http.sid(fresh),
                "4hello")));
        // Each slow client's connection ended, well before it would have sent its body, with the status its request
        // called for (when the answer came before the connection was reset).
        Map<String, Integer> resets = new TreeMap<>();
        for (var client : clients.entrySet()) {
            Kind kind = client.getValue();
            Optional<SlowBody.Ending> ending = client.getKey().awaitEnd(SlowBody.MAX_BYTES + 5);
            if (ending.isEmpty()) {
                fail(kind.name() + ": the connection is still open after " + client.getKey().sent()
                        + " bytes of the body (the server waits for the rest)");
            }
            SlowBody.Ending end = ending.get();
            if (end.status() >= 0) {
                assertEquals(kind.status(), end.status(), kind.name() + ": " + end);
            }
            resets.merge(kind.name(), end.status() < 0 ? 1 : 0, Integer::sum);
        }
        System.out.printf("slow bodies (%s): %d clients of %d kinds answered within %d ms, 0 container threads held;"
                + " connections reset before the answer was read: %s%n", container.name(), clients.size(),
                kinds.size(), answered, resets);
    }

    /** Starts a POST of a new session on the held engine and waits until the server is reading its body. */
    private SlowBody slowPostOfHeldSession(String sid) throws Exception {
        SlowBody post = slow(i -> SlowBody.start(port, "POST", "/held.io/?EIO=4&transport=polling&sid=" + sid), 0);
        reading(sid).get(10, TimeUnit.SECONDS);
        return post;
    }

    private static void assertDropped(SlowBody post) throws InterruptedException {
        Optional<SlowBody.Ending> ending = post.awaitEnd(DROP_BOUND_SECONDS);
        assertTrue(ending.isPresent(), "the POST is still open " + DROP_BOUND_SECONDS + " s after its session let"
                + " go of it, after " + post.sent() + " bytes");
        if (ending.get().status() >= 0) {
            assertEquals(400, ending.get().status(), ending.get().toString());
            assertTrue(ending.get().closesConnection(), ending.get().head());
        }
    }

    @Test
    void aPostStillArrivingIsDroppedWhenItsSessionCloses() throws Exception {
        String sid = handshake("/held.io/");
        SlowBody post = slowPostOfHeldSession(sid);
        EngineIoSocket socket = held.socket(sid).orElseThrow();
        socket.close(); // no GET is held: the session waits for the next one to send its close packet
        assertDropped(post);
        String last = Http.text(http.get("/held.io/?EIO=4&transport=polling&sid=" + sid));
        assertEquals("1", last, "the close packet");
        assertEquals(0, held.clientsCount());
    }

    @Test
    void aPostStillArrivingIsDroppedWhenItsSessionUpgrades() throws Exception {
        String sid = handshake("/held.io/");
        SlowBody post = slowPostOfHeldSession(sid);
        Ws ws = Ws.connect(port, "/held.io/?EIO=4&transport=websocket&sid=" + sid);
        ws.send("2probe");
        assertEquals("3probe", ws.next());
        ws.send("5");
        assertDropped(post);
        ws.send("4over websocket");
        assertEquals("4over websocket", ws.nextIgnoringHeartbeat());
        assertEquals(1, held.clientsCount(), "the session lives on over WebSocket");
    }
}
