package io.socketee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Engine.IO behaviour every container must show, driven by raw HTTP and by the real npm clients.
 * Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineIoContract {
    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    protected EngineIoServer echo;
    protected int port;
    protected Http http;

    @BeforeAll
    void startContainer() throws Exception {
        echo = EngineIoServer.create(EngineIoConfig.builder()
                .pingInterval(Duration.ofMillis(300))
                .pingTimeout(Duration.ofMillis(200))
                .allowEIO3(true)
                .build());
        container = harness();
        port = container.start(new EchoApp(echo, "/engine.io"));
        http = new Http(port);
    }

    @AfterAll
    void stopContainer() throws Exception {
        echo.close();
        container.close();
    }

    @Test
    void handshakeOverPollingV4() throws Exception {
        HttpResponse<byte[]> r = http.get("/engine.io/?EIO=4&transport=polling");
        assertEquals(200, r.statusCode());
        String body = Http.text(r);
        assertTrue(body.matches("0\\{\"sid\":\"[A-Za-z0-9_-]{24}\",\"upgrades\":\\[\"websocket\"],"
                + "\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000000}"), body);
    }
}
