package io.socketee.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Acknowledgements the server waits for when the socket goes away first, in process (no container): a socket's
 * {@code emitWithAck} fails at once and leaves no timer behind; a broadcast with acks stops waiting for it.
 */
class AcksOnDisconnectTest {
    /** Long enough that only a disconnect can end the wait within a test. */
    private static final Duration LONG = Duration.ofMinutes(10);
    private static final Pattern EVENT_WITH_ACK = Pattern.compile("42(\\d+)\\[.*");

    private final EngineIoServer engine = EngineIoServer.create(EngineIoConfig.builder().build());
    private final LinkedBlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    private SocketIoServer io;

    @BeforeEach
    void start() {
        io = SocketIoServer.create(engine);
        io.onConnection(sockets::add);
        io.onError((socket, error) -> errors.add(error));
    }

    @AfterEach
    void close() {
        io.close();
    }

    /** A client in the main namespace, and its socket on the server. */
    private record Joined(FakeClient client, Socket socket) {
    }

    private Joined join() throws InterruptedException {
        FakeClient client = FakeClient.open(engine);
        client.send("40");
        assertTrue(client.next("40").startsWith("40{\"sid\":"));
        Socket socket = sockets.poll(5, TimeUnit.SECONDS);
        assertTrue(socket != null && socket.connected());
        return new Joined(client, socket);
    }

    /** The ack id of the next event with an ack the client receives. */
    private static String ackIdOfNextEvent(FakeClient client) throws InterruptedException {
        String frame = client.next("42");
        Matcher m = EVENT_WITH_ACK.matcher(frame);
        assertTrue(m.matches(), frame);
        return m.group(1);
    }

    private static void assertFailsAsDisconnected(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause(), String.valueOf(e.getCause()));
    }

    private static Set<String> strings(List<JsonValue> answers) {
        return answers.stream().map(v -> ((JsonString) v).getString()).collect(Collectors.toSet());
    }

    /** Ways a socket leaves while the server waits for its answers. */
    enum Leaving {
        CLIENT_LEAVES_THE_NAMESPACE((client, socket) -> client.send("41")),
        CLIENT_HANGS_UP((client, socket) -> client.hangUp()),
        SERVER_DISCONNECTS_THE_SOCKET((client, socket) -> socket.disconnect()),
        SERVER_CLOSES_THE_CONNECTION((client, socket) -> socket.disconnect(true));

        final BiConsumer<FakeClient, Socket> leave;

        Leaving(BiConsumer<FakeClient, Socket> leave) {
            this.leave = leave;
        }
    }

    @ParameterizedTest
    @EnumSource(Leaving.class)
    void emitWithAckFailsAtOnceWhenTheSocketDisconnectsFirst(Leaving how) throws Exception {
        Joined joined = join();
        Socket socket = joined.socket();
        CompletableFuture<List<JsonValue>> first = socket.emitWithAck(LONG, "ask", 1);
        CompletableFuture<List<JsonValue>> second = socket.emitWithAck(LONG, "ask", 2);
        assertEquals(2, socket.pendingAckCount());
        assertEquals(2, io.scheduledTasks(), "one timer per ack (the connect timeout ended with the CONNECT)");

        how.leave.accept(joined.client(), socket);

        assertFailsAsDisconnected(first);
        assertFailsAsDisconnected(second);
        assertEquals(0, socket.pendingAckCount());
        assertEquals(0, io.scheduledTasks(), "the ack timers were cancelled");
    }

    @Test
    void anAckThatComesAfterTheDisconnectIsIgnored() throws Exception {
        Joined joined = join();
        FakeClient client = joined.client();
        CompletableFuture<List<JsonValue>> asked = joined.socket().emitWithAck(LONG, "ask");
        String ackId = ackIdOfNextEvent(client);
        client.send("41");
        assertFailsAsDisconnected(asked);

        client.send("43" + ackId + "[\"too late\"]");   // for a namespace it has left
        client.send("40");                               // back in, with a new socket
        Socket again = sockets.poll(5, TimeUnit.SECONDS);
        client.send("43" + ackId + "[\"too late\"]");   // for an ack the new socket never asked for

        assertFailsAsDisconnected(asked);
        assertTrue(again != null && again.connected());
        assertEquals(0, again.pendingAckCount());
        assertEquals(List.of(), List.copyOf(errors));
        assertFalse(client.closedByServer(), "the connection stays");
    }

    @Test
    void aBroadcastWithAcksCountsARecipientThatDisconnectsAsAnsweredWithNothing() throws Exception {
        Joined ann = join();
        Joined bob = join();
        Joined cid = join();
        CompletableFuture<List<JsonValue>> answers = io.timeout(LONG).emitWithAck("poll", "lunch?");
        String annId = ackIdOfNextEvent(ann.client());
        String bobId = ackIdOfNextEvent(bob.client());
        ackIdOfNextEvent(cid.client());

        cid.client().send("41");
        assertFalse(answers.isDone(), "ann and bob have not answered yet");
        ann.client().send("43" + annId + "[\"yes from ann\"]");
        bob.client().send("43" + bobId + "[\"yes from bob\"]");

        assertEquals(Set.of("yes from ann", "yes from bob"), strings(answers.get(5, TimeUnit.SECONDS)));
        assertEquals(0, io.scheduledTasks(), "the broadcast's timer was cancelled");
    }

    @Test
    void aBroadcastWithAcksWhoseRecipientsAllLeaveCompletesWithNoAnswers() throws Exception {
        Joined ann = join();
        Joined bob = join();
        CompletableFuture<List<JsonValue>> answers = io.timeout(LONG).emitWithAck("poll");
        ackIdOfNextEvent(ann.client());
        ackIdOfNextEvent(bob.client());
        ann.client().hangUp();
        bob.socket().disconnect();

        assertEquals(List.of(), answers.get(5, TimeUnit.SECONDS));
        assertEquals(0, io.scheduledTasks());
    }
}
