package io.socketee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import io.socketee.jakarta.ClientBundleServlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.server.ServerContainer;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The servlet binding on a real container, where the runtime does or does not do its part: WebSocket handed to the
 * JSR-356 endpoint registered beside the Engine.IO path; no JSR-356 container, or one that returns from the upgrade
 * without performing it (as Tyrus did for endpoints it did not know), switches WebSocket off with one warning and no
 * upgrade offered; a handshake request no runtime would upgrade never reaches the runtime; a mapping that does not take
 * fails the deployment naming the path; servlet names every runtime maps. A container per test. Subclasses pick it.
 */
public abstract class HostBindingContract {
    private static final String CONTAINER_ATTRIBUTE = ServerContainer.class.getName();
    private static final String TRANSPORT_UNKNOWN = "{\"code\":0,\"message\":\"Transport unknown\"}";
    private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    protected abstract ContainerHarness harness();

    private final List<LogRecord> log = new CopyOnWriteArrayList<>();
    private final Logger socketee = Logger.getLogger("io.socketee");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private ContainerHarness container;
    private EngineIoServer server;
    private int port;

    @BeforeEach
    void setUp() {
        socketee.addHandler(capture);
        server = EngineIoServer.create(EngineIoConfig.builder().build());
        server.onConnection(socket -> socket.onText(socket::send));
        container = harness();
    }

    @AfterEach
    void tearDown() throws Exception {
        container.close();
        server.close();
        socketee.removeHandler(capture);
    }

    @Test
    void upgradesThroughTheEndpointRegisteredBesideThePathAndSaysWhatItServes() throws Exception {
        port = container.serve(server);
        assertTrue(handshake().contains("\"upgrades\":[\"websocket\"]"), handshake());
        Ws ws = Ws.connect(port, "/socket.io/?EIO=4&transport=websocket");
        assertTrue(String.valueOf(ws.next()).startsWith("0{\"sid\":"));
        ws.send("4hello");
        assertEquals("4hello", ws.nextIgnoringHeartbeat());
        assertEquals(List.of("engine.io: serving /socket.io over long-polling and WebSocket"), messages(Level.INFO,
                "engine.io: serving"));
        assertEquals(List.of(), messages(Level.WARNING, ""));
    }

    @Test
    void refusesAConnectionStraightToTheEndpointsPath() throws Exception {
        port = container.serve(server);
        String direct = rawUpgrade("/socket.io/.engineio-websocket?EIO=4&transport=websocket", KEY);
        assertTrue(direct.startsWith("HTTP/1.1 403"), direct);
        assertEquals(0, server.clientsCount());
    }

    @Test
    void aContextWithoutJsr356OffersNoUpgradeSaysWhyAndServesPolling() throws Exception {
        container = harness().withoutWebSocket();
        port = container.start((classes, context) -> EngineIoServlet.register(context, server, "/socket.io"));
        assertTrue(handshake().contains("\"upgrades\":[]"), handshake());
        String upgrade = rawUpgrade("/socket.io/?EIO=4&transport=websocket", KEY);
        assertTrue(upgrade.startsWith("HTTP/1.1 400") && upgrade.endsWith(TRANSPORT_UNKNOWN), upgrade);
        List<String> warnings = messages(Level.WARNING, "");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("has no Jakarta WebSocket (JSR-356) container in the application at "
                + "/socket.io"), warnings.get(0));
        assertEquals(List.of("engine.io: serving /socket.io over long-polling only"),
                messages(Level.INFO, "engine.io: serving"));
        assertPollingEchoes();
    }

    @Test
    void aRuntimeThatReturnsWithoutUpgradingGetsWebSocketSwitchedOffWithOneWarning() throws Exception {
        AtomicInteger upgrades = new AtomicInteger();
        container = harness().withoutWebSocket();
        port = container.start((classes, context) -> {
            context.setAttribute(CONTAINER_ATTRIBUTE, doNothingContainer(upgrades));
            EngineIoServlet.register(context, server, "/socket.io");
        });
        assertTrue(handshake().contains("\"upgrades\":[\"websocket\"]"), "offered while nothing is known yet");
        String upgrade = rawUpgrade("/socket.io/?EIO=4&transport=websocket", KEY);
        assertEquals(1, upgrades.get());
        assertTrue(upgrade.startsWith("HTTP/1.1 400") && upgrade.endsWith(TRANSPORT_UNKNOWN),
                "never a silent 200: " + upgrade);
        assertTrue(handshake().contains("\"upgrades\":[]"), handshake());
        rawUpgrade("/socket.io/?EIO=4&transport=websocket", KEY);
        assertEquals(1, upgrades.get(), "refused before the runtime from then on");
        List<String> warnings = messages(Level.WARNING, "");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("returned from ServerContainer.upgradeHttpToWebSocket without upgrading"),
                warnings.get(0));
        assertPollingEchoes();
    }

    @Test
    void aHandshakeNoRuntimeWouldUpgradeNeverReachesTheRuntime() throws Exception {
        AtomicInteger upgrades = new AtomicInteger();
        container = harness().withoutWebSocket();
        port = container.start((classes, context) -> {
            context.setAttribute(CONTAINER_ATTRIBUTE, doNothingContainer(upgrades));
            EngineIoServlet.register(context, server, "/socket.io");
        });
        for (String headers : List.of("", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n",
                "Sec-WebSocket-Key: c2hvcnQ=\r\nSec-WebSocket-Version: 13\r\n", KEY.replace("13", "8"))) {
            String upgrade = rawUpgrade("/socket.io/?EIO=4&transport=websocket", headers);
            assertTrue(upgrade.startsWith("HTTP/1.1 400"), headers + " -> " + upgrade);
        }
        assertEquals(0, upgrades.get());
        assertTrue(handshake().contains("\"upgrades\":[\"websocket\"]"), "still offered: " + handshake());
        assertEquals(List.of(), messages(Level.WARNING, ""));
    }

    @Test
    void aMappingThatDoesNotTakeFailsTheDeploymentNamingThePath() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ServletContainerInitializer app = (classes, context) -> {
            context.addServlet("someone-else", new HttpServlet() { }).addMapping("/socket.io/*");
            try {
                EngineIoServlet.register(context, server, "/socket.io");
            } catch (RuntimeException e) {
                failure.set(e);
                throw e;
            }
        };
        assertThrows(Exception.class, () -> container.start(app));
        assertTrue(failure.get() instanceof IllegalStateException
                && failure.get().getMessage().contains("another servlet already holds /socket.io/*"),
                String.valueOf(failure.get()));
    }

    @Test
    void aSecondServerAtOnePathFailsTheDeployment() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        EngineIoServer other = EngineIoServer.create(EngineIoConfig.builder().build());
        try {
            ServletContainerInitializer app = (classes, context) -> {
                EngineIoServlet.register(context, server, "/socket.io");
                try {
                    EngineIoServlet.register(context, other, "/socket.io/");
                } catch (RuntimeException e) {
                    failure.set(e);
                    throw e;
                }
            };
            assertThrows(Exception.class, () -> container.start(app));
        } finally {
            other.close();
        }
        assertTrue(failure.get() instanceof IllegalStateException
                && failure.get().getMessage().contains("a servlet named socketee-engineio/socket.io is already "
                + "registered"), String.valueOf(failure.get()));
    }

    @Test
    void namesItsServletsSoThatEveryRuntimeRegistersThemWithJmx() throws Exception {
        List<String> names = new ArrayList<>();
        port = container.start((classes, context) -> {
            EngineIoServlet.register(context, server, "/socket.io");
            ClientBundleServlet.register(context, "/socket.io");
            context.getServletRegistrations().keySet().stream().filter(n -> n.startsWith("socketee-"))
                    .forEach(names::add);
        });
        assertEquals(2, names.size(), names.toString());
        for (String name : names) {
            new ObjectName("test:type=Servlet,name=" + name);   // GlassFish and Payara do this; a ':' fails it
        }
    }

    private void assertPollingEchoes() throws Exception {
        Http http = new Http(port);
        String sid = Http.sid(handshake());
        assertEquals("ok", Http.text(http.post("/socket.io/?EIO=4&transport=polling&sid=" + sid, "4hi")));
        assertEquals("4hi", Http.text(http.get("/socket.io/?EIO=4&transport=polling&sid=" + sid)));
    }

    private String handshake() throws Exception {
        return Http.text(new Http(port).get("/socket.io/?EIO=4&transport=polling"));
    }

    private List<String> messages(Level level, String prefix) {
        return log.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage)
                .filter(m -> m.startsWith(prefix)).toList();
    }

    /** A JSR-356 container that takes the endpoint and returns from every upgrade without doing anything. */
    private static ServerContainer doNothingContainer(AtomicInteger upgrades) {
        return (ServerContainer) Proxy.newProxyInstance(HostBindingContract.class.getClassLoader(),
                new Class<?>[] {ServerContainer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("upgradeHttpToWebSocket")) {
                        upgrades.incrementAndGet();
                    }
                    return switch (method.getName()) {
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "a container that does nothing";
                        default -> null;
                    };
                });
    }

    /** The response (head and a short body) to a raw upgrade request. */
    private String rawUpgrade(String pathAndQuery, String extraHeaders) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: Upgrade\r\n"
                    + "Upgrade: websocket\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            int contentLength = -1;
            while (true) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                response.append((char) c);
                String text = response.toString();
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0) {
                    if (contentLength < 0) {
                        java.util.regex.Matcher m = java.util.regex.Pattern
                                .compile("(?im)^content-length:\\s*(\\d+)").matcher(text.substring(0, end));
                        contentLength = m.find() ? Integer.parseInt(m.group(1)) : 0;
                    }
                    if (text.length() >= end + 4 + contentLength) {
                        break;
                    }
                }
            }
            return response.toString();
        }
    }
}
