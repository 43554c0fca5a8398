package io.socketee.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.FakePoll;
import io.socketee.socketio.adapter.ConnectionStateRecovery;
import io.socketee.socketio.adapter.InMemoryAdapter;
import io.socketee.socketio.adapter.SessionToPersist;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connection state recovery on one node, in process (the in-memory adapter, a virtual clock for expiry): the wire
 * (CONNECT reply with pid, offsets as last argument), what resumes (id, rooms, data, missed packets in order right
 * after the reply, middlewares skipped), and what does not (a clean disconnect, an expired session, a replay buffer
 * that overflowed, an unknown pid or offset).
 */
class ConnectionStateRecoveryTest {
    private static final Pattern CONNECT_REPLY = Pattern.compile("40\\{\"sid\":\"([\\w-]{20})\",\"pid\":\"([\\w-]{20})\"}");
    /** An event whose last argument is an offset: {@code 42["name",…,"<offset>"]}. */
    private static final Pattern WITH_OFFSET = Pattern.compile("42\\[(.*),\"([0-9A-Za-z]{9,})\"]");

    private EngineIoServer engine = EngineIoServer.create(EngineIoConfig.builder().build());
    private final LinkedBlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();
    private final VirtualTime clock = new VirtualTime();
    private SocketIoServer io;

    /** A clock the test moves by hand. */
    private static final class VirtualTime extends Clock {
        private final AtomicLong millis = new AtomicLong(1_000_000);

        void advance(Duration step) {
            millis.addAndGet(step.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private void start(ConnectionStateRecovery recovery) {
        io = SocketIoServer.create(engine, SocketIoConfig.builder().connectionStateRecovery(recovery).build(), clock);
        io.onConnection(sockets::add);
    }

    private void start() {
        start(ConnectionStateRecovery.builder().maxDisconnectionDuration(Duration.ofSeconds(60)).build());
    }

    @AfterEach
    void close() {
        if (io != null) {
            io.close();
        }
    }

    /** A client in {@code /}: its session's sid and pid, and the server's socket. */
    private record Joined(FakeClient client, String sid, String pid, Socket socket) {
    }

    private Joined join(String connect) throws InterruptedException {
        FakeClient client = FakeClient.open(engine);
        client.send(connect);
        String reply = client.next("40");
        Matcher m = CONNECT_REPLY.matcher(reply);
        assertTrue(m.matches(), reply);
        Socket socket = sockets.poll(5, TimeUnit.SECONDS);
        assertTrue(socket != null && socket.connected());
        assertEquals(m.group(1), socket.id());
        return new Joined(client, m.group(1), m.group(2), socket);
    }

    private Joined join() throws InterruptedException {
        return join("40");
    }

    private static String resume(Joined before, String offset) {
        return "40{\"pid\":\"" + before.pid() + "\",\"offset\":\"" + offset + "\"}";
    }

    /** The offset the next event carries; its other content must be {@code body}. */
    private static String offsetOf(FakeClient client, String body) throws InterruptedException {
        String frame = client.next("42");
        Matcher m = WITH_OFFSET.matcher(frame);
        assertTrue(m.matches(), frame);
        assertEquals(body, m.group(1), frame);
        return m.group(2);
    }

    @Test
    void withoutRecoveryTheReplyHasNoPidAndEventsNoOffset() throws Exception {
        io = SocketIoServer.create(engine, SocketIoConfig.builder().build(), clock);
        io.onConnection(sockets::add);
        FakeClient client = FakeClient.open(engine);
        client.send("40");
        assertTrue(client.next("40").matches("40\\{\"sid\":\"[\\w-]{20}\"}"));
        sockets.take().emit("hi", 1);
        assertEquals("42[\"hi\",1]", client.next("42"));
    }

    @Test
    void everyEventWithoutAckCarriesAnOffsetAndOthersDoNot() throws Exception {
        start();
        Joined ann = join();
        ann.socket().emit("direct", "a");
        String first = offsetOf(ann.client(), "\"direct\",\"a\"");
        io.emit("broadcast", 2);
        String second = offsetOf(ann.client(), "\"broadcast\",2");
        io.to(ann.sid()).emit("to-room");
        String third = offsetOf(ann.client(), "\"to-room\"");
        assertEquals(3, Set.of(first, second, third).size(), "each packet has its own offset");

        ann.socket().emitWithAck(Duration.ofMinutes(1), "asks", 1);
        assertEquals("420[\"asks\",1]", ann.client().next("42"), "an event with an ack id is not kept");
        ann.socket().volatileEmit("volatile", 1);
        assertEquals("42[\"volatile\",1]", ann.client().next("42"), "a volatile event is not kept");
    }

    @Test
    void resumesIdRoomsDataAndReplaysMissedPacketsInOrderRightAfterTheReply() throws Exception {
        start();
        AtomicInteger middlewareRuns = new AtomicInteger();
        io.use((socket, next) -> {
            middlewareRuns.incrementAndGet();
            next.proceed();
        });
        List<Boolean> bindings = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.sockets().useAlways((socket, next) -> {   // as the CDI binding attaches its handlers
            bindings.add(socket.recovered());
            next.proceed();
        });
        Joined ann = join();
        Joined bob = join();
        ann.socket().join("lobby", "kitchen");
        ann.socket().data().put("name", "ann");
        io.to("lobby").emit("before", 1);
        String offset = offsetOf(ann.client(), "\"before\",1");
        AtomicReference<Set<String>> roomsWhenDisconnecting = new AtomicReference<>();
        LinkedBlockingQueue<DisconnectReason> reasons = new LinkedBlockingQueue<>();
        ann.socket().onDisconnecting(reason -> roomsWhenDisconnecting.set(ann.socket().rooms()));
        ann.socket().onDisconnect(reasons::add);

        ann.client().hangUp();   // the network is gone: no DISCONNECT, no close packet
        assertEquals(DisconnectReason.TRANSPORT_CLOSE, reasons.poll(5, TimeUnit.SECONDS));
        assertEquals(Set.of(ann.sid(), "lobby", "kitchen"), roomsWhenDisconnecting.get(),
                "the disconnecting listeners still see the rooms");
        io.to("lobby").emit("missed", 1);
        io.to("elsewhere").emit("not-for-ann");
        io.except("kitchen").emit("not-for-ann-either");
        io.emit("missed", 2);
        bob.socket().to("kitchen").emit("missed", 3);

        Joined again = join(resume(ann, offset));
        assertEquals(ann.sid(), again.sid(), "same socket id");
        assertEquals(ann.pid(), again.pid(), "same private session id");
        assertTrue(again.socket().recovered());
        assertEquals(Set.of(ann.sid(), "lobby", "kitchen"), again.socket().rooms());
        assertEquals("ann", again.socket().data().get("name"));
        assertEquals(2, middlewareRuns.get(), "middlewares skipped for the recovered socket");
        assertEquals(List.of(false, false, true), bindings, "but not those added with useAlways");
        offsetOf(again.client(), "\"missed\",1");
        offsetOf(again.client(), "\"missed\",2");
        offsetOf(again.client(), "\"missed\",3");
        io.to("kitchen").emit("live");
        offsetOf(again.client(), "\"live\"");
        assertFalse(bob.socket().recovered());
    }

    @Test
    void whatIsSentWhileTheMiddlewaresRunComesAfterTheMissedPackets() throws Exception {
        start(ConnectionStateRecovery.builder().skipMiddlewares(false).build());
        LinkedBlockingQueue<Middleware.Next> waiting = new LinkedBlockingQueue<>();
        AtomicInteger runs = new AtomicInteger();
        io.use((socket, next) -> {
            if (runs.incrementAndGet() == 1) {
                next.proceed();
            } else {
                waiting.add(next);
            }
        });
        Joined ann = join();
        ann.socket().join("lobby");
        io.to("lobby").emit("seen");
        String offset = offsetOf(ann.client(), "\"seen\"");
        ann.client().hangUp();
        io.to("lobby").emit("missed");

        FakeClient client = FakeClient.open(engine);
        client.send(resume(ann, offset));
        Middleware.Next next = waiting.poll(5, TimeUnit.SECONDS);
        assertTrue(next != null, "the middleware runs when skipMiddlewares is false");
        io.to("lobby").emit("meanwhile");
        assertTrue(client.drain().stream().noneMatch(f -> f.startsWith("4")), "nothing before the CONNECT reply");
        next.proceed();
        assertTrue(CONNECT_REPLY.matcher(client.next("40")).matches());
        offsetOf(client, "\"missed\"");
        offsetOf(client, "\"meanwhile\"");
        assertTrue(sockets.take().recovered());
    }

    @Test
    void whatAMiddlewareEmitsComesRightAfterTheReplyWithAnOffsetAndAfterTheMissedPacketsOnAResume() throws Exception {
        start(ConnectionStateRecovery.builder().skipMiddlewares(false).build());
        io.use((socket, next) -> {
            socket.emit("welcome", socket.recovered());
            next.proceed();
        });
        Joined ann = join();
        String first = offsetOf(ann.client(), "\"welcome\",false");
        ann.socket().join("lobby");
        io.to("lobby").emit("seen");
        String offset = offsetOf(ann.client(), "\"seen\"");
        assertFalse(first.equals(offset), "the held emit got an offset of its own");
        ann.client().hangUp();
        io.to("lobby").emit("missed");

        Joined again = join(resume(ann, offset));
        assertTrue(again.socket().recovered());
        offsetOf(again.client(), "\"missed\"");
        offsetOf(again.client(), "\"welcome\",true");
        io.to("lobby").emit("live");
        offsetOf(again.client(), "\"live\"");
    }

    @Test
    void whatAMiddlewareEmitsBeforeRefusingIsDropped() throws Exception {
        start();
        io.use((socket, next) -> {
            socket.emit("never");
            next.refuse(new ConnectionRefusedException("no"));
        });
        FakeClient client = FakeClient.open(engine);
        client.send("40");
        String reply = client.next("44");
        assertTrue(reply.contains("no"), reply);
        assertTrue(client.drain().stream().noneMatch(f -> f.startsWith("42")), "nothing emitted gets out");
    }

    @Test
    void aConnectionLostWhileItsSocketRecoversLeavesTheSessionForTheNextTry() throws Exception {
        start(ConnectionStateRecovery.builder().skipMiddlewares(false).build());
        LinkedBlockingQueue<Middleware.Next> waiting = new LinkedBlockingQueue<>();
        AtomicInteger runs = new AtomicInteger();
        io.use((socket, next) -> {
            if (runs.incrementAndGet() == 2) {
                waiting.add(next);   // the second connection hangs in the middleware
            } else {
                next.proceed();
            }
        });
        Joined ann = join();
        ann.socket().join("lobby");
        io.to("lobby").emit("seen");
        String offset = offsetOf(ann.client(), "\"seen\"");
        ann.client().hangUp();
        io.to("lobby").emit("missed");
        FakeClient second = FakeClient.open(engine);
        second.send(resume(ann, offset));
        Middleware.Next stuck = waiting.poll(5, TimeUnit.SECONDS);
        assertTrue(stuck != null);
        second.hangUp();
        stuck.proceed();   // too late: its connection is gone
        assertEquals(Set.of(), io.sockets().adapter().sockets(Set.of("lobby"), Set.of()), "left the rooms it rejoined");
        Joined third = join(resume(ann, offset));
        assertTrue(third.socket().recovered(), "the session was left behind again");
        offsetOf(third.client(), "\"missed\"");
    }

    /**
     * The earliest a client can resume is the moment its session is left behind: the resume runs inside the adapter's
     * {@code persistSession}. The old socket must be out of its rooms and its namespace by then, else its leaving
     * takes the resumed socket's rooms (same id) and what is sent to them after is lost.
     */
    @Test
    void aResumeTheMomentTheSessionIsLeftKeepsItsRoomsAndGetsWhatFollows() throws Exception {
        AtomicReference<Runnable> onPersist = new AtomicReference<>();
        io = SocketIoServer.create(engine, SocketIoConfig.builder()
                .connectionStateRecovery(ConnectionStateRecovery.builder().build())
                .adapter(host -> new InMemoryAdapter(host) {
                    @Override
                    public void persistSession(SessionToPersist session) {
                        super.persistSession(session);
                        Runnable resume = onPersist.getAndSet(null);
                        if (resume != null) {
                            resume.run();
                        }
                    }
                }).build(), clock);
        io.onConnection(sockets::add);
        Joined ann = join();
        ann.socket().join("lobby");
        io.to("lobby").emit("seen");
        String offset = offsetOf(ann.client(), "\"seen\"");
        AtomicReference<Joined> again = new AtomicReference<>();
        onPersist.set(() -> {
            try {
                again.set(join(resume(ann, offset)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ann.client().hangUp();
        assertTrue(again.get() != null && again.get().socket().recovered(), "resumed inside persistSession");
        assertEquals(Set.of(ann.sid()), io.sockets().adapter().sockets(Set.of("lobby"), Set.of()));
        io.to("lobby").emit("after");
        offsetOf(again.get().client(), "\"after\"");
    }

    @Test
    void broadcastsDuringTheResumeReachTheSocketOnceEachAndInOrder() throws Exception {
        start();
        for (int round = 0; round < 30; round++) {
            Joined ann = join();
            ann.socket().join("live");
            io.to("live").emit("n", -1);
            String offset = offsetOf(ann.client(), "\"n\",-1");
            ann.client().hangUp();
            waitUntilGone(ann.socket());
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            AtomicInteger sent = new AtomicInteger();
            Thread sender = new Thread(() -> {
                while (!stop.get()) {
                    io.to("live").emit("n", sent.getAndIncrement());
                }
            });
            sender.start();
            Thread.sleep(2);
            Joined again = join(resume(ann, offset));
            Thread.sleep(5);
            stop.set(true);
            sender.join();
            assertTrue(again.socket().recovered());
            int last = sent.get() - 1;
            for (int n = 0; n <= last; n++) {
                offsetOf(again.client(), "\"n\"," + n);   // every one, once, in order
            }
            again.client().send("41");
        }
    }

    @Test
    void aRefusingMiddlewareTurnsARecoveringSocketAwayAndItLeavesItsRooms() throws Exception {
        start(ConnectionStateRecovery.builder().skipMiddlewares(false).build());
        AtomicInteger runs = new AtomicInteger();
        io.use((socket, next) -> {
            if (runs.incrementAndGet() == 1) {
                next.proceed();
            } else {
                next.refuse(new ConnectionRefusedException("not again"));
            }
        });
        Joined ann = join();
        ann.socket().join("lobby");
        io.to("lobby").emit("seen");
        String offset = offsetOf(ann.client(), "\"seen\"");
        ann.client().hangUp();
        FakeClient client = FakeClient.open(engine);
        client.send(resume(ann, offset));
        assertEquals("44{\"message\":\"not again\"}", client.next("4"));
        assertEquals(Set.of(), io.sockets().adapter().sockets(Set.of("lobby"), Set.of()));
    }

    @Test
    void aCleanDisconnectIsNotRecoverable() throws Exception {
        start();
        Joined ann = join();
        ann.socket().emit("x");
        String offset = offsetOf(ann.client(), "\"x\"");
        ann.client().send("41");   // the client's socket.disconnect()
        Joined again = join(resume(ann, offset));
        assertNotEquals(ann.sid(), again.sid());
        assertFalse(again.socket().recovered());

        again.socket().emit("y");
        String offset2 = offsetOf(again.client(), "\"y\"");
        again.socket().disconnect();   // the server's socket.disconnect()
        Joined third = join(resume(again, offset2));
        assertFalse(third.socket().recovered());

        third.socket().emit("z");
        String offset3 = offsetOf(third.client(), "\"z\"");
        third.socket().disconnect(true);   // and with the connection
        assertFalse(join(resume(third, offset3)).socket().recovered());
    }

    /**
     * A polling client whose held GET's TCP connection was reset: Jetty and Tomcat do not see it until they write to
     * it, so the session looks alive when the client comes back with its pid. Only that client knows the pid: its old
     * connection is closed as lost ("transport error") and the session resumes, as on Node (which sees the reset).
     */
    @Test
    void aPollingClientBackBeforeItsResetGetWasSeenResumes() throws Exception {
        start();
        FakePoll handshake = FakePoll.handshake("4");
        engine.handlePolling(handshake);
        String body = handshake.text();
        String engineSid = body.substring(body.indexOf("\"sid\":\"") + 7, body.indexOf('"', body.indexOf("\"sid\":\"") + 7));
        engine.handlePolling(FakePoll.post("4", engineSid, "40"));
        FakePoll reply = FakePoll.get("4", engineSid);
        engine.handlePolling(reply);
        Matcher connected = CONNECT_REPLY.matcher(reply.text());
        assertTrue(connected.matches(), reply.text());
        Socket old = sockets.poll(5, TimeUnit.SECONDS);
        List<DisconnectReason> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
        old.onDisconnect(reasons::add);
        old.join("room");
        io.to("room").emit("x");
        FakePoll event = FakePoll.get("4", engineSid);
        engine.handlePolling(event);
        Matcher withOffset = WITH_OFFSET.matcher(event.text());
        assertTrue(withOffset.matches(), event.text());
        FakePoll held = FakePoll.get("4", engineSid);
        engine.handlePolling(held);   // its connection is reset now, unseen: no abort
        io.to("room").emit("y");      // written to the held GET, into the void

        Joined back = join("40{\"pid\":\"" + connected.group(2) + "\",\"offset\":\"" + withOffset.group(2) + "\"}");
        assertEquals(List.of(DisconnectReason.TRANSPORT_ERROR), reasons, "the old connection closed as lost");
        assertTrue(back.socket().recovered());
        assertEquals(old.id(), back.sid());
        offsetOf(back.client(), "\"y\"");   // the packet lost with the GET, replayed
    }

    @Test
    void anExpiredSessionIsNotRecovered() throws Exception {
        start();
        Joined ann = join();
        ann.socket().emit("x");
        String offset = offsetOf(ann.client(), "\"x\"");
        ann.client().hangUp();
        clock.advance(Duration.ofSeconds(61));
        Joined again = join(resume(ann, offset));
        assertFalse(again.socket().recovered());
        assertNotEquals(ann.sid(), again.sid());
    }

    @Test
    void aSessionWithinTheDurationIsRecoveredOnceOnly() throws Exception {
        start();
        Joined ann = join();
        ann.socket().emit("x");
        String offset = offsetOf(ann.client(), "\"x\"");
        ann.client().hangUp();
        clock.advance(Duration.ofSeconds(59));
        assertTrue(join(resume(ann, offset)).socket().recovered());
        assertFalse(join(resume(ann, offset)).socket().recovered(), "a second client with the same pid is new");
    }

    @Test
    void aReplayBufferThatOverflowedFailsRecoveryCleanly() throws Exception {
        start(ConnectionStateRecovery.builder().maxPackets(3).build());
        Joined ann = join();
        ann.socket().emit("x");
        String offset = offsetOf(ann.client(), "\"x\"");
        ann.client().hangUp();
        for (int i = 0; i < 4; i++) {
            io.emit("flood", i);   // five packets, three kept: "x" and the first flood are gone
        }
        Joined again = join(resume(ann, offset));
        assertFalse(again.socket().recovered());
        assertNotEquals(ann.sid(), again.sid());
        again.socket().emit("works");
        offsetOf(again.client(), "\"works\"");
    }

    @Test
    void aReplayBufferOverItsBytesFailsRecoveryCleanly() throws Exception {
        start(ConnectionStateRecovery.builder().maxBytes(200).build());
        Joined ann = join();
        ann.socket().emit("x");
        String offset = offsetOf(ann.client(), "\"x\"");
        ann.client().hangUp();
        io.emit("big", "a".repeat(300));
        assertFalse(join(resume(ann, offset)).socket().recovered());
    }

    @Test
    void aRecoveryWithinTheBoundsStillWorksWhenOlderPacketsWereDropped() throws Exception {
        start(ConnectionStateRecovery.builder().maxPackets(3).build());
        Joined ann = join();
        for (int i = 0; i < 5; i++) {
            io.emit("old", i);
        }
        String offset = null;
        for (int i = 0; i < 5; i++) {
            offset = offsetOf(ann.client(), "\"old\"," + i);
        }
        ann.client().hangUp();
        io.emit("new", 1);
        io.emit("new", 2);
        Joined again = join(resume(ann, offset));
        assertTrue(again.socket().recovered());
        offsetOf(again.client(), "\"new\",1");
        offsetOf(again.client(), "\"new\",2");
    }

    @Test
    void sessionsBeyondTheCapAreDroppedOldestFirst() throws Exception {
        start(ConnectionStateRecovery.builder().maxSessions(1).build());
        Joined ann = join();
        Joined bob = join();
        io.emit("x");
        String annOffset = offsetOf(ann.client(), "\"x\"");
        String bobOffset = offsetOf(bob.client(), "\"x\"");
        ann.client().hangUp();
        bob.client().hangUp();
        waitUntilGone(ann.socket());
        waitUntilGone(bob.socket());
        assertFalse(join(resume(ann, annOffset)).socket().recovered(), "ann's session made room for bob's");
        assertTrue(join(resume(bob, bobOffset)).socket().recovered());
    }

    private static void waitUntilGone(Socket socket) throws InterruptedException {
        for (int i = 0; i < 500 && socket.connected(); i++) {
            Thread.sleep(10);
        }
        assertFalse(socket.connected());
    }

    @Test
    void anUnknownPidOrAForeignOffsetConnectsANewSocket() throws Exception {
        start();
        Joined ann = join();
        ann.socket().emit("x");
        String offset = offsetOf(ann.client(), "\"x\"");
        ann.client().hangUp();
        waitUntilGone(ann.socket());
        assertFalse(join("40{\"pid\":\"nobody\",\"offset\":\"" + offset + "\"}").socket().recovered());
        assertFalse(join("40{\"pid\":\"" + ann.pid() + "\",\"offset\":\"bogus\"}").socket().recovered());
        assertFalse(join("40{\"pid\":1,\"offset\":[]}").socket().recovered(), "not strings: no recovery asked");
    }

    @Test
    void aPingTimeoutIsRecoverable() throws Exception {
        engine = EngineIoServer.create(EngineIoConfig.builder().pingInterval(Duration.ofMillis(100))
                .pingTimeout(Duration.ofMillis(100)).build());
        start();
        Joined ann = join();   // the fake client never answers a ping
        LinkedBlockingQueue<DisconnectReason> reasons = new LinkedBlockingQueue<>();
        ann.socket().onDisconnect(reasons::add);
        ann.socket().emit("x");
        String offset = offsetOf(ann.client(), "\"x\"");
        assertEquals(DisconnectReason.PING_TIMEOUT, reasons.poll(5, TimeUnit.SECONDS));
        assertTrue(join(resume(ann, offset)).socket().recovered());
    }

    @Test
    void offAndAnyListenersCanBeRemovedAndPrepended() throws Exception {
        start();
        Joined ann = join();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventListener first = (args, ack) -> seen.add("first");
        EventListener second = (args, ack) -> seen.add("second");
        AnyListener any = (event, args) -> seen.add("any");
        ann.socket().on("e", first);
        ann.socket().on("e", second);
        ann.socket().onAny(any);
        ann.socket().prependAny((event, args) -> seen.add("prepended"));
        ann.client().send("42[\"e\"]");
        assertEquals(List.of("prepended", "any", "first", "second"), seen);
        seen.clear();
        assertTrue(ann.socket().off("e", first));
        assertFalse(ann.socket().off("e", first));
        assertTrue(ann.socket().offAny(any));
        ann.client().send("42[\"e\"]");
        assertEquals(List.of("prepended", "second"), seen);
        seen.clear();
        ann.socket().off("e");
        ann.socket().offAny();
        ann.client().send("42[\"e\"]");
        assertEquals(List.of(), seen);
    }

    @Test
    void broadcastWithAcksFailsAtTheTimeoutWithTheAnswersThatCame() throws Exception {
        start();
        Joined ann = join();
        Joined bob = join();
        var answers = io.timeout(Duration.ofMillis(300)).emitWithAck("poll");
        String annFrame = ann.client().next("42");
        bob.client().next("42");   // bob never answers
        Matcher m = Pattern.compile("42(\\d+)\\[\"poll\"]").matcher(annFrame);
        assertTrue(m.matches(), annFrame);
        ann.client().send("43" + m.group(1) + "[\"yes\"]");
        var failure = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> answers.get(5, TimeUnit.SECONDS));
        BroadcastAckTimeoutException timeout = org.junit.jupiter.api.Assertions.assertInstanceOf(
                BroadcastAckTimeoutException.class, failure.getCause());
        assertEquals(List.of(jakarta.json.Json.createValue("yes")),
                timeout.responses());
    }
}
