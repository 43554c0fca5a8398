package io.socketee.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.engineio.spi.WebSocketChannel;
import io.socketee.engineio.spi.WebSocketHandler;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The server's heartbeat (EIO=4) goes on however quickly the client answers. A client that answers a ping while the
 * ping is still being sent (here: at once, on the sending thread) used to stop the pings: the pong asked the running
 * ping task whether it was done, which it is not until it returns, so no next ping was scheduled, and the session was
 * later dropped as idle (or for a ping timeout).
 */
class HeartbeatTest {

    /** A WebSocket client that answers every ping with a pong before the send even completes. */
    private static final class EagerClient implements WebSocketChannel {
        final AtomicReference<WebSocketHandler> handler = new AtomicReference<>();
        final AtomicInteger pings = new AtomicInteger();
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        @Override
        public void sendText(String text, SendCallback callback) {
            if (text.equals("2")) {
                pings.incrementAndGet();
                handler.get().onText("3");
            }
            callback.onSent();
        }

        @Override
        public void sendBinary(ByteBuffer data, SendCallback callback) {
            callback.onSent();
        }

        @Override
        public void close(int code, String reason) {
            closed.complete(null);
        }
    }

    @Test
    void aPongThatComesWhileThePingIsBeingSentKeepsTheHeartbeatGoing() throws Exception {
        EngineIoServer server = EngineIoServer.create(EngineIoConfig.builder()
                .pingInterval(Duration.ofMillis(20))
                .pingTimeout(Duration.ofMillis(100))
                .build());
        AtomicReference<CloseReason> reason = new AtomicReference<>();
        server.onConnection(session -> session.onClose(reason::set));
        EagerClient client = new EagerClient();
        try {
            // the handler is set before the first ping (20 ms away) can be sent
            client.handler.set(server.openWebSocket(client, new EngineIoRequest("GET", "/engine.io/?EIO=4",
                    Map.of("EIO", "4", "transport", "websocket"), Map.of("host", List.of("localhost")),
                    "127.0.0.1", false, Map.of())));
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5_000);
            while (client.pings.get() < 15 && System.nanoTime() < end && reason.get() == null) {
                Thread.sleep(10);
            }
            assertEquals(null, reason.get(), "the session closed after " + client.pings.get() + " ping(s)");
            assertTrue(client.pings.get() >= 15, client.pings.get() + " pings in 5 s at a 20 ms interval");
            assertEquals(1, server.clientsCount());
        } finally {
            server.close();
        }
    }
}
