package io.socketee.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JUnit 5 extension: fresh servers as parameters, shared with {@code @BeforeEach}, closed after each test. */
@ExtendWith(SocketeeTest.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SocketeeTestTest {
    private static TestServer previous;
    private static TestClient previousClient;
    private TestServer fromBeforeEach;

    @BeforeEach
    void handlers(TestServer server) {
        fromBeforeEach = server;
        server.io().onConnection(socket -> socket.emit("hello", "there"));
    }

    @Test
    @Order(1)
    void handsTheTestTheServerOfItsBeforeEachAndItsClock(TestServer server, VirtualClock clock) {
        assertSame(fromBeforeEach, server);
        assertSame(server.clock(), clock);
        previousClient = server.connect();
        assertEquals("there", previousClient.received("hello").text(0));
        previous = server;
    }

    @Test
    @Order(2)
    void closesItAfterTheTestAndGivesTheNextTestANewOne(TestServer server) {
        assertFalse(server == previous);
        assertEquals(ClientDisconnectReason.TRANSPORT_CLOSE, previousClient.disconnectReason().orElseThrow(),
                "the previous test's server was closed: its client is gone");
        assertEquals(0, previous.engine().clientsCount());
    }

    @Test
    @Order(3)
    void alsoMakesClustersOfTwo(TestCluster cluster) {
        TestClient bob = cluster.node(1).connect();
        cluster.node(0).io().emit("news", 1);
        bob.received("news");
        cluster.advance(Duration.ofMinutes(5));
        assertTrue(bob.connected());
    }

    @AfterAll
    static void forget() {
        previous = null;
        previousClient = null;
    }
}
