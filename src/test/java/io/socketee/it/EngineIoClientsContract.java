package io.socketee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socketee.engineio.CloseReason;
import io.socketee.engineio.CorsConfig;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real npm clients against an echo server in a real container: engine.io-client 6.x (EIO=4) and 3.x (EIO=3), over
 * polling only, WebSocket only, and polling upgraded to WebSocket. Subclasses pick the container.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineIoClientsContract {
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(40);

    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    private EngineIoServer echo;
    private String url;
    private final Map<CloseReason, AtomicInteger> closes = new ConcurrentHashMap<>();

    @BeforeAll
    void start() throws Exception {
        assumeTrue(NodeClients.available(), "npm clients not installed (run: npm ci in src/test/node)");
        echo = EngineIoServer.create(EngineIoConfig.builder()
                .pingInterval(Duration.ofMillis(300))
                .pingTimeout(Duration.ofMillis(200))
                .allowEIO3(true)
                .cors(CorsConfig.anyOrigin())
                .build());
        echo.onConnection(socket -> {
            socket.onText(text -> {
                if (text.equals("close me")) {
                    socket.close();
                }
            });
            socket.onClose(reason -> closes.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet());
        });
        container = harness();
        int port = container.start(new EchoApp(echo, "/engine.io"));
        url = "http://127.0.0.1:" + port;
    }

    @AfterAll
    void stop() throws Exception {
        if (echo != null) {
            echo.close();
        }
        if (container != null) {
            container.close();
        }
    }

    @AfterEach
    void noSessionLeft() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (echo.clientsCount() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(0, echo.clientsCount(), "sessions left open after the client went away");
    }

    private String run(String client, String scenario, String mode, String extra) {
        String transports = switch (mode) {
            case "polling" -> "[\"polling\"]";
            case "websocket" -> "[\"websocket\"]";
            default -> "[\"polling\",\"websocket\"]";
        };
        String expect = mode.equals("polling") ? "polling" : "websocket";
        String json = "{\"url\":\"" + url + "\",\"path\":\"/engine.io\",\"client\":\"" + client + "\","
                + "\"transports\":" + transports + ",\"upgrade\":" + mode.equals("upgrade") + ","
                + "\"waitUpgrade\":" + mode.equals("upgrade") + ",\"expectTransport\":\"" + expect + "\","
                + "\"scenario\":\"" + scenario + "\"" + extra + "}";
        NodeClients.Result result = NodeClients.run("eio-client.js", json, NODE_TIMEOUT);
        assertTrue(result.ok(), () -> "engine.io-client " + client + " " + scenario + " over " + mode + " on "
                + container.name() + ": " + result.output());
        return result.output();
    }

    @ParameterizedTest(name = "engine.io-client {0}.x, {1}")
    @CsvSource({"6, polling", "6, websocket", "6, upgrade", "3, polling", "3, websocket", "3, upgrade"})
    void echoesTextAndBinary(String client, String mode) {
        run(client, "echo", mode, "");
    }

    @ParameterizedTest(name = "engine.io-client {0}.x, {1}, base64")
    @CsvSource({"3, polling", "3, websocket", "3, upgrade"})
    void echoesBinaryToClientsThatAskForBase64(String client, String mode) {
        run(client, "echo", mode, ",\"forceBase64\":true");
    }

    @ParameterizedTest(name = "engine.io-client {0}.x, {1}")
    @CsvSource({"6, polling", "6, websocket", "6, upgrade", "3, polling", "3, websocket"})
    void echoesMessagesOfAlmostOneMegabyte(String client, String mode) {
        run(client, "big", mode, "");
    }

    @ParameterizedTest(name = "engine.io-client {0}.x, {1}")
    @CsvSource({"6, polling", "6, websocket", "3, polling", "3, websocket"})
    void dropsAClientThatStopsAnsweringTheHeartbeat(String client, String mode) {
        int before = count(CloseReason.PING_TIMEOUT);
        String output = run(client, "silent", mode, "");
        assertTrue(count(CloseReason.PING_TIMEOUT) > before, "server saw no ping timeout; client said " + output);
    }

    @ParameterizedTest(name = "engine.io-client {0}.x")
    @ValueSource(strings = {"6", "3"})
    void serverCloseReachesTheClient(String client) {
        for (String mode : List.of("polling", "websocket")) {
            run(client, "closeByServer", mode, "");
        }
    }

    private int count(CloseReason reason) {
        AtomicInteger n = closes.get(reason);
        return n == null ? 0 : n.get();
    }
}
