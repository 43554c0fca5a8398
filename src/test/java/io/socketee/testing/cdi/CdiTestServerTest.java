package io.socketee.testing.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.testing.TestClient;
import io.socketee.testing.cdi.app.Chat;
import io.socketee.testing.cdi.app.Greeter;
import io.socketee.testing.cdi.broken.BadSignature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CDI handler beans on Weld SE, tested as deployed: found, checked and bound by the extension, with injection. */
class CdiTestServerTest {

    @Test
    void runsHandlerBeansWithInjection() {
        try (CdiTestServer cdi = CdiTestServer.start(Chat.class, Greeter.class)) {
            TestClient alice = cdi.server().client().namespace("/chat").auth(Map.of("name", "alice")).connect();
            assertEquals("hello alice", alice.emitWithAck("whoami").arg(0, String.class));
            TestClient bob = cdi.server().client().namespace("/chat").auth(Map.of("name", "bob")).connect();
            assertEquals("delivered", bob.emitWithAck("message", new Chat.Message("hi")).arg(0, String.class));
            var message = alice.received("message");
            assertEquals("bob", message.text(0));
            assertEquals("hi", message.text(1));
            bob.didNotReceive("message");
        }
    }

    @Test
    void anOnConnectThatSaysNoRefusesTheClient() {
        try (CdiTestServer cdi = CdiTestServer.start(Chat.class, Greeter.class)) {
            TestClient nobody = cdi.server().client().namespace("/chat").attempt();
            assertEquals("Connection rejected by server", nobody.connectError().orElseThrow().message());
        }
    }

    @Test
    void closingRunsTheDisconnectHandlersWhileTheBeansLive() {
        List<String> left;
        try (CdiTestServer cdi = CdiTestServer.start(Chat.class, Greeter.class)) {
            cdi.server().client().namespace("/chat").auth(Map.of("name", "carol")).connect().disconnect();
            cdi.server().client().namespace("/chat").auth(Map.of("name", "dave")).connect();
            left = cdi.container().select(Chat.class).get().left();
            assertEquals(List.of("carol: client namespace disconnect"), List.copyOf(left));
        }
        assertEquals(List.of("carol: client namespace disconnect", "dave: server shutting down"), List.copyOf(left));
    }

    @Test
    void aBadHandlerSignatureFailsTheStartNamingTheMethod() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> CdiTestServer.start(BadSignature.class));
        String message = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : e.getCause().getMessage());
        assertTrue(message.contains("BadSignature.x"), message);
        // and the server it made is closed again: a new one starts
        try (CdiTestServer cdi = CdiTestServer.start(Chat.class, Greeter.class)) {
            cdi.server().client().namespace("/chat").auth(Map.of("name", "erin")).connect();
        }
    }
}
