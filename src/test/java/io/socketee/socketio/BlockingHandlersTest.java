package io.socketee.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import jakarta.json.JsonNumber;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Blocking listeners in process (no container): they run off the thread that read the packet, which returns at once;
 * one socket's listeners run in order and never concurrently, inline ones waiting behind blocking ones; a full queue
 * answers the event's ack with an error; connection listeners on the worker come before the socket's events and
 * their emits are delivered; disconnect listeners come after the queued events; the catch-all sees the events nobody
 * handles.
 */
class BlockingHandlersTest {
    private static final String QUEUE_FULL_ACK = "[{\"message\":\"Too many events waiting on this socket\"}]";

    private final EngineIoServer engine = EngineIoServer.create(EngineIoConfig.builder().build());
    private final LinkedBlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    /** Four threads, so that a socket's tasks could overlap if the queue let them. */
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private SocketIoServer io;

    private SocketIoServer start(UnaryOperator<SocketIoConfig.Builder> config) {
        io = SocketIoServer.create(engine, config.apply(SocketIoConfig.builder().blockingExecutor(pool)).build());
        io.onError((socket, error) -> errors.add(error));
        return io;
    }

    @AfterEach
    void close() {
        if (io != null) {
            io.close();
        }
        pool.shutdownNow();
        assertTrue(errors.isEmpty(), () -> "errors: " + errors);
    }

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

    @Test
    void blockingListenerRunsOffTheReadingThreadWhichReturnsAtOnce() throws Exception {
        start(c -> c).onConnection(sockets::add);
        Joined joined = join();
        CountDownLatch release = new CountDownLatch(1);
        LinkedBlockingQueue<Thread> ranOn = new LinkedBlockingQueue<>();
        joined.socket().on("slow", HandlerMode.BLOCKING, (args, ack) -> {
            ranOn.add(Thread.currentThread());
            await(release);
            ack.send("done");
        });
        joined.client().send("421[\"slow\"]");   // returns while the listener still blocks
        Thread worker = ranOn.poll(5, TimeUnit.SECONDS);
        assertNotEquals(Thread.currentThread(), worker);
        assertTrue(joined.client().drain().isEmpty());
        release.countDown();
        assertEquals("431[\"done\"]", joined.client().next());
    }

    @Test
    void oneSocketsEventsRunInOrderNeverConcurrentlyInlineOnesBehindBlockingOnes() throws Exception {
        start(c -> c).onConnection(sockets::add);
        Joined joined = join();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        EventListener record = (args, ack) -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2);
                order.add(String.valueOf(((JsonNumber) args.get(0)).intValue()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                active.decrementAndGet();
            }
            ack.send();
        };
        joined.socket().on("slow", HandlerMode.BLOCKING, record);
        joined.socket().on("fast", HandlerMode.INLINE, record);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            joined.client().send("42" + i + "[\"" + (i % 3 == 0 ? "fast" : "slow") + "\"," + i + "]");
            expected.add(String.valueOf(i));
        }
        for (int i = 0; i < 40; i++) {
            assertEquals("43" + i + "[]", joined.client().next());
        }
        assertEquals(expected, order);
        assertEquals(1, maxActive.get());
    }

    @Test
    void anEventBeyondTheQueueIsNotHandledAndItsAckGetsAnError() throws Exception {
        start(c -> c.maxQueuedEvents(3)).onConnection(sockets::add);
        Joined joined = join();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        joined.socket().on("slow", HandlerMode.BLOCKING, (args, ack) -> {
            first.countDown();
            await(release);
            handled.incrementAndGet();
            ack.send(args.get(0));
        });
        joined.client().send("420[\"slow\",0]");
        assertTrue(first.await(5, TimeUnit.SECONDS));        // running: the queue is empty again
        for (int i = 1; i <= 5; i++) {
            joined.client().send("42" + i + "[\"slow\"," + i + "]");
        }
        joined.client().send("42[\"slow\",6]");               // no ack asked: dropped silently (and logged)
        assertEquals("434" + QUEUE_FULL_ACK, joined.client().next());
        assertEquals("435" + QUEUE_FULL_ACK, joined.client().next());
        release.countDown();
        for (int i = 0; i <= 3; i++) {
            assertEquals("43" + i + "[" + i + "]", joined.client().next());
        }
        Thread.sleep(50);
        assertEquals(4, handled.get());
        assertTrue(joined.client().drain().isEmpty());
        assertTrue(joined.socket().connected());
    }

    @Test
    void connectionListenerOnTheWorkerComesBeforeTheSocketsEventsAndItsEmitsAreDelivered() throws Exception {
        start(c -> c).onConnection(HandlerMode.BLOCKING, socket -> {
            sleep(100);   // blocking work; the client's first event arrives meanwhile
            socket.emit("welcome", socket.id());
            socket.on("hello", (args, ack) -> ack.send("hi"));
        });
        FakeClient client = FakeClient.open(engine);
        client.send("40");
        client.send("421[\"hello\"]");
        assertTrue(client.next("40").startsWith("40{\"sid\":"));
        assertTrue(client.next().startsWith("42[\"welcome\","));
        assertEquals("431[\"hi\"]", client.next());
    }

    @Test
    void disconnectListenerRunsAfterTheQueuedEvents() throws Exception {
        start(c -> c).onConnection(sockets::add);
        Joined joined = join();
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        joined.socket().on("slow", HandlerMode.BLOCKING, (args, ack) -> {
            sleep(20);
            seen.add("event " + args.get(0));
        });
        joined.socket().onDisconnect(HandlerMode.INLINE, reason -> seen.add("disconnect " + reason.text()));
        for (int i = 0; i < 3; i++) {
            joined.client().send("42[\"slow\"," + i + "]");
        }
        joined.client().send("41");
        for (String expected : List.of("event 0", "event 1", "event 2", "disconnect client namespace disconnect")) {
            assertEquals(expected, seen.poll(5, TimeUnit.SECONDS));
        }
        assertFalse(joined.socket().connected());
    }

    @Test
    void wholeServerBlockingRunsEveryListenerOnTheWorker() throws Exception {
        Thread test = Thread.currentThread();
        LinkedBlockingQueue<Boolean> offReader = new LinkedBlockingQueue<>();
        start(c -> c.handlers(HandlerMode.BLOCKING)).onConnection(socket -> {
            offReader.add(Thread.currentThread() != test);
            socket.on("echo", (args, ack) -> {
                offReader.add(Thread.currentThread() != test);
                ack.send(args.toArray());
            });
            sockets.add(socket);
        });
        Joined joined = join();
        joined.client().send("427[\"echo\",\"a\"]");
        assertEquals("437[\"a\"]", joined.client().next());
        assertEquals(List.of(true, true), List.of(offReader.poll(5, TimeUnit.SECONDS),
                offReader.poll(5, TimeUnit.SECONDS)));
    }

    @Test
    void catchAllHandlesTheEventsNoListenerHandlesAndMayAnswer() throws Exception {
        start(c -> c).onConnection(sockets::add);
        Joined joined = join();
        LinkedBlockingQueue<String> caught = new LinkedBlockingQueue<>();
        joined.socket().on("known", (args, ack) -> ack.send("known"));
        joined.socket().onUnhandled((event, args, ack) -> {
            caught.add(event + args);
            ack.send("caught " + event);
        });
        joined.client().send("421[\"known\"]");
        assertEquals("431[\"known\"]", joined.client().next());
        joined.client().send("422[\"other\",1,{\"a\":2}]");
        assertEquals("432[\"caught other\"]", joined.client().next());
        assertEquals("other[1, {\"a\":2}]", caught.poll(5, TimeUnit.SECONDS));
        assertTrue(caught.isEmpty());
    }

    @Test
    void closeWaitsForTheBlockingWorkAndTheDisconnectListeners() throws Exception {
        start(c -> c).onConnection(sockets::add);
        Joined joined = join();
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        joined.socket().on("slow", HandlerMode.BLOCKING, (args, ack) -> {
            sleep(100);
            seen.add("event");
        });
        joined.socket().onDisconnect(HandlerMode.BLOCKING, reason -> seen.add(reason.text()));
        joined.client().send("42[\"slow\"]");
        io.close();
        assertEquals(List.of("event", "server shutting down"), List.copyOf(seen));
    }

    @Test
    void whatAConnectMiddlewareEmitsArrivesRightAfterTheConnectReplyAndNotWhenRefused() throws Exception {
        start(c -> c);
        io.use((socket, next) -> {
            socket.emit("early", socket.handshake().auth());
            if (socket.handshake().auth().containsKey("refuse")) {
                next.refuse(new ConnectionRefusedException("no"));
            } else {
                next.proceed();
            }
        });
        io.onConnection(socket -> socket.emit("connection"));
        FakeClient client = FakeClient.open(engine);
        client.send("40{\"a\":1}");
        assertTrue(client.next("40").startsWith("40{\"sid\":"));
        assertEquals("42[\"early\",{\"a\":1}]", client.next());
        assertEquals("42[\"connection\"]", client.next());
        FakeClient refused = FakeClient.open(engine);
        refused.send("40{\"refuse\":true}");
        assertEquals("44{\"message\":\"no\"}", refused.next("4"));
        Thread.sleep(50);
        assertTrue(refused.drain().isEmpty());
    }

    @Test
    void withoutAnExecutorTheServersOwnRunsTheWorkOnItsNamedThreads() throws Exception {
        io = SocketIoServer.create(engine, SocketIoConfig.builder().build());
        io.onConnection(sockets::add);
        Joined joined = join();
        LinkedBlockingQueue<String> names = new LinkedBlockingQueue<>();
        joined.socket().on("where", HandlerMode.BLOCKING, (args, ack) -> names.add(Thread.currentThread().getName()));
        joined.client().send("42[\"where\"]");
        String name = names.poll(5, TimeUnit.SECONDS);
        assertTrue(name != null && name.startsWith("socketee-handler-"), name);
    }

    @Test
    void virtualThreadsExactlyWhenTheJvmHasThem() {
        var virtual = BlockingWorkers.virtualThreads();
        assertEquals(Runtime.version().feature() >= 21, virtual != null);
        if (virtual != null) {
            virtual.shutdown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
