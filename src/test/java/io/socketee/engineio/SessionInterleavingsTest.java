package io.socketee.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.testing.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Thousands of randomized interleavings of what a polling client, an upgrade, the server's sends, its heartbeat and
 * closes from either side can do to one session, on the in-process tier (fake hosts, virtual clock, seeded: a failure
 * names its seed and replays). After each run the invariants must hold: the client got a prefix of what the server
 * sent, in order, nothing twice; the server got a prefix of what the client sent; the close listener ran exactly
 * once; every GET was answered; nothing of the session's is still scheduled once it has closed. The mix is tuned so
 * that about a sixth of the runs are still open at the end and two thirds upgrade (checked while writing it); breaking
 * the write buffer or forgetting a timer at the close makes it fail within the first few dozen seeds.
 */
class SessionInterleavingsTest {
    private static final int RUNS = 1500;
    private static final int STEPS = 120;

    @Test
    void everyInterleavingKeepsTheInvariants() {
        for (int seed = 0; seed < RUNS; seed++) {
            try {
                new Run(seed).play();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    /** One session and the client model that drives it. */
    private static final class Run {
        private final Random random;
        private final VirtualClock clock = new VirtualClock();
        private final EngineIoServer server;
        private final List<String> serverSent = new ArrayList<>();
        private final List<String> serverGot = new ArrayList<>();
        private final List<String> clientSent = new ArrayList<>();
        private final List<String> clientGot = new ArrayList<>();
        private final AtomicInteger closes = new AtomicInteger();
        private final List<FakePoll> gets = new ArrayList<>();
        private final List<String> trace = new ArrayList<>();
        private EngineIoSocket session;
        private String sid;
        private FakePoll pendingGet;
        private FakeWebSocket ws;
        private int wsSeen;
        private boolean probed;
        private boolean upgraded;
        private boolean pongDue;
        private boolean clientDone;

        Run(int seed) {
            random = new Random(seed);
            server = EngineIoServer.create(EngineIoConfig.builder()
                    .pingInterval(Duration.ofMillis(1000))
                    .pingTimeout(Duration.ofMillis(600))
                    .upgradeTimeout(Duration.ofMillis(1500))
                    .build(), clock);
            server.onConnection(s -> {
                session = s;
                s.onText(serverGot::add);
                s.onClose(reason -> closes.incrementAndGet());
            });
        }

        void play() {
            FakePoll handshake = FakePoll.handshake("4");
            server.handlePolling(handshake);
            String body = handshake.text();
            sid = body.substring(body.indexOf("\"sid\":\"") + 7, body.indexOf("\"sid\":\"") + 31);
            for (int step = 0; step < STEPS; step++) {
                act(random.nextInt(100));
                readWebSocket();
            }
            finish();
            check();
        }

        private void act(int dice) {
            boolean open = session.isOpen();
            if (dice < 18) {
                if (open && session.send("s" + serverSent.size())) {
                    serverSent.add("s" + serverSent.size());
                    trace.add("server sends");
                }
            } else if (dice < 38) {
                if (!upgraded && !clientDone && pendingGet == null) {
                    trace.add("client GET");
                    pendingGet = FakePoll.get("4", sid);
                    gets.add(pendingGet);
                    server.handlePolling(pendingGet);
                }
            } else if (dice < 50) {
                clientSends();
            } else if (dice < 56) {
                if (pongDue && !clientDone) {
                    trace.add("client pong");
                    pongDue = false;
                    sendPackets(List.of("3"));
                }
            } else if (dice < 72) {
                long millis = random.nextInt(450);
                trace.add("time +" + millis);
                clock.advance(Duration.ofMillis(millis));
            } else if (dice < 78) {
                if (ws == null && !clientDone && open) {
                    trace.add("client opens the upgrade WebSocket");
                    ws = FakeWebSocket.open(server, Map.of("EIO", "4", "transport", "websocket", "sid", sid));
                    ws.receive("2probe");
                }
            } else if (dice < 84) {
                if (ws != null && probed && !upgraded && pendingGet == null && !clientDone) {
                    trace.add("client sends the upgrade packet");
                    ws.receive("5");
                    upgraded = true;
                }
            } else if (dice < 87) {
                if (!clientDone && random.nextInt(6) == 0) {
                    trace.add("client closes");
                    sendPackets(List.of("1"));
                    clientDone = true;
                }
            } else if (dice < 90) {
                if (random.nextInt(6) == 0) {
                    trace.add("server closes");
                    session.close();
                }
            } else if (dice < 92) {
                if (pendingGet != null && !pendingGet.answered() && random.nextInt(6) == 0) {
                    trace.add("client aborts its GET");
                    pendingGet.abort();
                    gets.remove(pendingGet);   // gone: nobody reads its answer
                    pendingGet = null;
                    clientDone = true;   // as the real client: a failed poll ends its connection
                }
            } else {
                readPoll();
            }
            readPoll();
        }

        private void clientSends() {
            if (clientDone) {
                return;
            }
            List<String> batch = new ArrayList<>();
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                batch.add("4c" + (clientSent.size() + i));
            }
            trace.add("client sends " + n);
            if (sendPackets(batch)) {
                batch.forEach(p -> clientSent.add(p.substring(1)));
            }
        }

        /** Sends packets the way the client would now; true when the server took them. */
        private boolean sendPackets(List<String> packets) {
            if (upgraded) {
                for (String p : packets) {
                    ws.receive(p);
                }
                return ws.closeCode() == null;
            }
            FakePoll post = FakePoll.post("4", sid, String.join("\u001e", packets));
            server.handlePolling(post);
            return post.answered() && post.status() == 200;
        }

        /** What the held GET got, if it was answered. */
        private void readPoll() {
            if (pendingGet == null || !pendingGet.answered()) {
                return;
            }
            FakePoll answered = pendingGet;
            pendingGet = null;
            if (answered.status() != 200) {
                clientDone = true;
                return;
            }
            for (String packet : answered.text().split("\u001e")) {
                take(packet);
            }
        }

        private void readWebSocket() {
            if (ws == null) {
                return;
            }
            List<String> frames = ws.sent();
            for (; wsSeen < frames.size(); wsSeen++) {
                String frame = frames.get(wsSeen);
                if (frame.equals("3probe")) {
                    probed = true;
                } else if (upgraded) {
                    take(frame);
                }
            }
        }

        private void take(String packet) {
            if (packet.startsWith("4")) {
                clientGot.add(packet.substring(1));
            } else if (packet.equals("2")) {
                pongDue = true;   // answered by a later step, or at once most of the time (as clients do)
                if (random.nextInt(10) < 7 && !clientDone) {
                    pongDue = false;
                    trace.add("client pongs at once");
                    sendPackets(List.of("3"));
                }
            } else if (packet.equals("1")) {
                clientDone = true;
            }
        }

        /** Ends the session whatever state it is in, then lets every timer run out. */
        private void finish() {
            session.close();
            for (int i = 0; i < 3 && !clientDone && pendingGet == null && !upgraded; i++) {
                pendingGet = FakePoll.get("4", sid);   // a client still polling fetches the last packets
                gets.add(pendingGet);
                server.handlePolling(pendingGet);
                readPoll();
            }
            readWebSocket();
            if (closes.get() > 0) {   // closed already: nothing of the session's may still be scheduled
                int allowance = server.takeLastPoll(session) ? 1 : 0;   // the racing GET's, the server's own
                assertTrue(clock.pendingDueMillis().size() <= allowance, "timers left at the close: "
                        + clock.pendingDueMillis() + " at " + clock.millis() + " after " + trace.subList(
                        Math.max(0, trace.size() - 12), trace.size()));
            }
            clock.advance(Duration.ofSeconds(10));
            readPoll();
        }

        private void check() {
            String where = " after " + String.join(", ", trace.subList(Math.max(0, trace.size() - 12), trace.size()));
            assertTrue(isPrefix(clientGot, serverSent),
                    "the client got " + clientGot + " of " + serverSent + where);
            assertTrue(isPrefix(serverGot, clientSent),
                    "the server got " + serverGot + " of " + clientSent + where);
            assertEquals(1, closes.get(), "close listener calls" + where);
            assertEquals(0, server.clientsCount(), where);
            for (FakePoll get : gets) {
                assertTrue(get.answered(), "a GET left unanswered" + where);
            }
            assertEquals(List.of(), clock.pendingDueMillis(), "timers left" + where);
        }

        private static boolean isPrefix(List<String> got, List<String> sent) {
            return got.size() <= sent.size() && sent.subList(0, got.size()).equals(got);
        }
    }
}
