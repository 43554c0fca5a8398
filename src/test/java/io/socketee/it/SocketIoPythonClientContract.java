package io.socketee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Python client python-socketio 5 (the Debian package {@code python3-socketio}) against {@link SocketIoClientsApp}
 * in a real container, over polling only and WebSocket only: three namespaces with auth, acks both ways with non-ASCII
 * text, binary both ways, a room broadcast, a namespace disconnect by the server, a refused namespace with the
 * middleware's data. Skipped where the package is not installed. Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SocketIoPythonClientContract {
    /** Debian's interpreter, which sees Debian's python3-* packages (a python3 earlier on the PATH may not). */
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path DIR = Path.of(System.getProperty("socketee.node.dir", "src/test/node"))
            .resolveSibling("python");

    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    private SocketIoClientsApp app;
    private String url;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && NodeClients.runProcess(List.of(PYTHON.toString(), "-c",
                "import socketio, websocket"), DIR, Duration.ofSeconds(20)).ok(),
                "python3-socketio and python3-websocket are not installed (Debian: apt-get install python3-socketio "
                        + "python3-websocket)");
        app = new SocketIoClientsApp();
        container = harness();
        url = "http://127.0.0.1:" + container.start(app);
    }

    @AfterAll
    void stop() throws Exception {
        if (container != null) {
            container.close();
        }
        if (app != null) {
            app.io().close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"polling", "websocket"})
    void talksToThePythonClient(String transport) throws Exception {
        NodeClients.Result result = NodeClients.runProcess(List.of(PYTHON.toString(), "sio_client.py", url, transport),
                DIR, Duration.ofSeconds(60));
        assertTrue(result.ok(), result.output());
        String output = result.output().strip();
        JsonObject seen = Json.createReader(new StringReader(output.substring(output.lastIndexOf('\n') + 1)))
                .readObject();
        assertEquals(transport, seen.getString("transport"));
        assertEquals("/", seen.getJsonArray("whoami").getString(0));
        assertEquals(transport, seen.getJsonArray("whoami").getString(2));
        assertEquals("[\"héllo € 😀\",{\"n\":1,\"list\":[true,null]}]", seen.getJsonArray("ack").toString());
        assertEquals("[\"010203\",\"x\"]", seen.getJsonArray("binary-ack").toString());
        assertEquals("[\"010203\",\"x\",\"090807\"]", seen.getJsonArray("binary-back").toString());
        assertEquals("[[\"answer to\",\"q?\"]]", seen.getJsonArray("ask-result").toString());
        assertEquals("{\"token\":\"secret\"}", seen.getJsonObject("welcome").toString());
        assertEquals("{\"to\":\"room\"}", seen.getJsonObject("room-msg").toString());
        assertEquals(true, seen.getBoolean("still-connected"));
        assertEquals("{\"message\":\"not authorized\",\"data\":{\"code\":42}}", seen.get("refused").toString());
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (app.engine().clientsCount() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(0, app.engine().clientsCount(), "connections left open after the client went away");
    }
}
