package io.socketee.bench.load;

import io.socketee.bench.load.Run.Cpu;
import io.socketee.bench.load.Run.Opening;
import io.socketee.bench.load.Run.Stats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scenarios. Each is bounded in count and in time, and leaves no client connected when it returns.
 * <ul>
 *   <li>A: open 1k/5k/10k WebSocket connections: connect rate, handshake p50/p99, server memory per connection.</li>
 *   <li>B: echo with ack over WebSocket: closed loop (100 and 1000 clients) and an open loop at a fixed rate.</li>
 *   <li>C: broadcast fan-out to a room of 1000 and 10000 receivers from one emitter.</li>
 *   <li>D: echo with ack over long-polling, 100 clients, keep-alive and fresh-connection variants (raw: the raw
 *       long-polling echo).</li>
 *   <li>E: hold many WebSocket connections (100k asked; from several loopback source addresses) for a while.</li>
 * </ul>
 */
final class Scenarios {
    private static final long SECOND = Run.SECOND;
    private static final SioClient.Handler NOOP = new SioClient.Handler() {
    };

    private Scenarios() {
    }

    static String pad(int size) {
        return "x".repeat(Math.max(1, size));
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }

    private static double us(double nanos) {
        return nanos / 1e3;
    }

    private static int openCount(List<SioClient> clients) {
        int n = 0;
        for (SioClient c : clients) {
            if (c.isOpen()) {
                n++;
            }
        }
        return n;
    }

    // ================================================================ warm-up (not measured)

    /**
     * Warms the server up (JIT, pools) before anything is measured: for 3/8 of the time, rounds of 200 connections
     * opened and closed (the handshake path); then 3/8 with 200 clients in a closed echo loop over WebSocket; then 1/4
     * with the long-polling echo of D (keep-alive), whose HTTP path nothing else runs. A JVM server then goes on until
     * its JIT is done ({@link JitQueue}): without that, D measured the compiler at work (Jetty's keep-alive polling
     * 256, 157, 102, 76, 79 µs per message in five rounds from a cold start, the queue of 400-470 methods drained
     * during the fourth). Only the warm-up's length and the JIT queue left are recorded.
     */
    static void warmup(Run run, double seconds) {
        long t0 = System.nanoTime();
        warmupMix(run, seconds);
        // A JVM server: on with short rounds, each after a pause that leaves the core to the compiler, until its JIT
        // queue is (nearly) empty after a round, at most MAX_EXTRA_WARMUP s more. Node's JIT needs no such
        // wait: its D figure did not move over five rounds without a warm-up.
        int queued = run.options.quick ? -1 : JitQueue.length(run.serverPid);   // a smoke check does not wait
        int rounds = 0;
        while (queued > JIT_QUEUE_QUIET && !run.outOfTime()
                && (System.nanoTime() - t0) / 1e9 < seconds + MAX_EXTRA_WARMUP) {
            run.log.println("load: warm-up: " + queued + " methods queued for the JIT; another round");
            long pause = run.deadline(JIT_PAUSE_SECONDS);
            while (JitQueue.length(run.serverPid) > JIT_QUEUE_QUIET && System.nanoTime() - pause < 0) {
                run.loop.runFor(SECOND);
            }
            warmupMix(run, WARMUP_ROUND_SECONDS);
            queued = JitQueue.length(run.serverPid);
            rounds++;
        }
        double took = (System.nanoTime() - t0) / 1e9;
        run.metric("W", "server warm-up", "seconds", took, "s");
        if (queued >= 0) {
            run.metric("W", "server warm-up", "jit_queue_after", queued, "methods");
            run.metric("W", "server warm-up", "extra_rounds", rounds, "");
        }
    }

    /** At most this many methods queued for the JIT: the warm-up is over (a JVM that is done shows 0-2). */
    private static final int JIT_QUEUE_QUIET = 5;
    private static final double MAX_EXTRA_WARMUP = 240;
    private static final double WARMUP_ROUND_SECONDS = 16;
    private static final double JIT_PAUSE_SECONDS = 15;

    private static void warmupMix(Run run, double seconds) {
        boolean raw = run.target.raw();
        double webSocketShare = seconds * 3 / 8;
        long churnEnd = System.nanoTime() + (long) (webSocketShare * SECOND);
        int rounds = 0;
        while (System.nanoTime() - churnEnd < 0 && !run.outOfTime() && rounds < 50) {
            List<SioClient> churn = new ArrayList<>();
            run.open(churn, 200, new Opening(NOOP), raw, 10);
            run.closeAll(churn);
            rounds++;
        }
        Echo echo = new Echo(raw, run.options.payload);
        List<SioClient> clients = new ArrayList<>();
        Opening op = run.open(clients, 200, new Opening(echo), raw, 30);
        if (op.connected < 200) {
            run.log.println("load: warm-up: " + op.connected + " of 200 connected (" + op.firstFailure + ")");
        }
        for (SioClient c : clients) {
            if (c.isOpen()) {
                echo.send(c, System.nanoTime());
            }
        }
        run.loop.runUntil(() -> false, run.deadline(webSocketShare));
        echo.stop = true;
        run.loop.runUntil(() -> echo.inFlight <= 0, run.deadline(5));
        run.closeAll(clients);
        run.awaitServerConnections(20);
        if (!run.outOfTime()) {
            pollingLoad(run, true, seconds / 4, 0, false);
        }
    }

    // ================================================================ A: connections

    static void connections(Run run) {
        Options o = run.options;
        boolean raw = run.target.raw();
        Stats base = run.stats(true);
        List<SioClient> clients = new ArrayList<>();
        for (int level : o.connLevels) {
            if (run.outOfTime()) {
                break;
            }
            int more = level - clients.size();
            if (more <= 0) {
                continue;
            }
            String variant = level + " conns";
            long t0 = System.nanoTime();
            Cpu cpu0 = Cpu.now(run.serverPid);
            Opening op = run.open(clients, more, new Opening(NOOP), raw, 30 + more * 0.005);
            Cpu cpu1 = Cpu.now(run.serverPid);
            double seconds = (System.nanoTime() - t0) / 1e9;
            run.metric("A", variant, "connect_rate", op.connected / seconds, "conn/s");
            double cpu = cpu0.serverSeconds(cpu1);
            if (!Double.isNaN(cpu) && op.connected > 0) {
                run.metric("A", variant, "server_cpu_per_conn", cpu * 1e6 / op.connected, "us");
            }
            run.metric("A", variant, "handshake_p50", ms(op.handshake.percentileNanos(50)), "ms");
            run.metric("A", variant, "handshake_p99", ms(op.handshake.percentileNanos(99)), "ms");
            run.metric("A", variant, "failed", op.failed + op.inProgress, "conns");
            if (op.firstFailure != null) {
                run.log.println("load: A " + variant + ": first failure: " + op.firstFailure);
            }
            run.loop.runFor(SECOND); // settle
            Stats s = run.stats(true);
            int open = openCount(clients);
            run.metric("A", variant, "open", open, "conns");
            if (s.rss() > 0 && base.rss() > 0 && open > 0) {
                run.metric("A", variant, "rss_per_conn", (double) (s.rss() - base.rss()) / open, "B");
                run.metric("A", variant, "rss_total", s.rss() / 1048576.0, "MiB");
            }
            if (s.heapUsed() > 0 && base.heapUsed() > 0 && open > 0) {
                run.metric("A", variant, "heap_per_conn", (double) (s.heapUsed() - base.heapUsed()) / open, "B");
            }
            if (op.failed + op.inProgress > more / 10) {
                run.log.println("load: A: too many failures at " + level + ", not going further");
                break;
            }
        }
        run.closeAll(clients);
        run.awaitServerConnections(20);
    }

    // ================================================================ B: echo with ack (WebSocket)

    /** The state of one echo run, shared by its clients' handlers. */
    static final class Echo implements SioClient.Handler {
        final boolean raw;
        final byte[] message;
        final Histogram latency = new Histogram();
        boolean measuring;
        boolean closedLoop = true;
        boolean stop;
        long acks;
        long inFlight;

        Echo(boolean raw, int payload) {
            this.raw = raw;
            this.message = raw ? pad(payload).getBytes(StandardCharsets.US_ASCII)
                    : ("[\"echo\",\"" + pad(payload) + "\"]").getBytes(StandardCharsets.US_ASCII);
        }

        void send(SioClient c, long intendedNanos) {
            c.pushSendTime(intendedNanos);
            inFlight++;
            if (raw) {
                c.sendRaw(message);
            } else {
                c.emit(message, true);
            }
        }

        private void answered(SioClient c) {
            long now = System.nanoTime();
            long sent = c.popSendTime();
            if (sent < 0) {
                return;
            }
            inFlight--;
            if (measuring) {
                latency.record(now - sent);
                acks++;
            }
            if (closedLoop && !stop) {
                send(c, System.nanoTime());
            }
        }

        @Override
        public void onAck(SioClient c, long ackId, byte[] data, int offset, int length) {
            answered(c);
        }

        @Override
        public void onEvent(SioClient c, byte[] data, int offset, int length) {
            if (raw) {
                answered(c);
            }
        }

        @Override
        public void onClose(SioClient c, String reason) {
            inFlight -= c.inFlight();
            c.clearInFlight();
        }
    }

    static void echo(Run run) {
        Options o = run.options;
        for (int n : o.echoClients) {
            if (run.outOfTime()) {
                return;
            }
            echoRun(run, "closed c=" + n, n, -1);
        }
        if (!run.outOfTime() && o.openRate > 0) {
            echoRun(run, "open c=" + o.openClients + " r=" + o.openRate, o.openClients, o.openRate);
        }
    }

    private static void echoRun(Run run, String variant, int clientsWanted, int rate) {
        Options o = run.options;
        Echo echo = new Echo(run.target.raw(), o.payload);
        echo.closedLoop = rate <= 0;
        List<SioClient> clients = new ArrayList<>();
        Opening op = run.open(clients, clientsWanted, new Opening(echo), run.target.raw(), 30 + clientsWanted * 0.01);
        if (op.failed + op.inProgress > 0) {
            run.metric("B", variant, "failed", op.failed + op.inProgress, "conns");
        }
        List<SioClient> live = clients.stream().filter(SioClient::isOpen).toList();
        if (live.isEmpty()) {
            run.log.println("load: B " + variant + ": no client connected (" + op.firstFailure + ")");
            run.closeAll(clients);
            return;
        }
        long start = System.nanoTime();
        long[] sent = {0};
        Runnable tick = null;
        if (echo.closedLoop) {
            for (SioClient c : live) {
                echo.send(c, System.nanoTime());
            }
        } else {
            double perNano = rate / 1e9;
            long cap = (long) (rate * (o.warmup + o.duration + 1));
            tick = () -> {
                if (echo.stop) {
                    return;
                }
                long now = System.nanoTime();
                long due = Math.min(cap, (long) ((now - start) * perNano));
                while (sent[0] < due) {
                    SioClient c = live.get((int) (sent[0] % live.size()));
                    long intended = start + (long) (sent[0] / perNano);
                    sent[0]++;
                    if (c.isOpen()) {
                        echo.send(c, intended);
                    }
                }
            };
        }
        run.loop.runUntil(() -> false, run.deadline(o.warmup), tick, SECOND / 1000);
        echo.measuring = true;
        Cpu cpu0 = Cpu.now(run.serverPid);
        run.loop.runUntil(() -> false, run.deadline(o.duration), tick, SECOND / 1000);
        Cpu cpu1 = Cpu.now(run.serverPid);
        long acks = echo.acks;
        Histogram latency = echo.latency;
        echo.measuring = false;
        echo.stop = true;
        run.loop.runUntil(() -> echo.inFlight <= 0, run.deadline(5));
        double wall = cpu0.wallSeconds(cpu1);
        if (!echo.closedLoop) {
            run.metric("B", variant, "offered_rate", rate, "msg/s");
        }
        run.metric("B", variant, "acks_per_s", acks / wall, "msg/s");
        run.metric("B", variant, "latency_p50", us(latency.percentileNanos(50)), "us");
        run.metric("B", variant, "latency_p99", us(latency.percentileNanos(99)), "us");
        run.cpuMetrics("B", variant, cpu0, cpu1, acks, "msg");
        if (acks == 0) {
            run.stalled("B", variant, String.format(Locale.ROOT, "no ack in %.1f s (%d in flight)", wall,
                    echo.inFlight));
        }
        if (echo.inFlight > 0) {
            run.metric("B", variant, "unanswered", echo.inFlight, "msgs");
        }
        run.closeAll(clients);
        run.awaitServerConnections(20);
    }

    // ================================================================ C: broadcast fan-out

    static final class Broadcast implements SioClient.Handler {
        static final int MAX_BROADCASTS = 200_000;
        final boolean raw;
        final String padding;
        final int[] delivered = new int[MAX_BROADCASTS];
        final long[] emittedAt = new long[MAX_BROADCASTS];
        final boolean[] done = new boolean[MAX_BROADCASTS];
        final Histogram delay = new Histogram();
        /** Sequence numbers of the broadcasts in flight. */
        final java.util.ArrayDeque<Integer> pending = new java.util.ArrayDeque<>();
        /** Receivers in the room: a broadcast is complete when this many got it. */
        int room = Integer.MAX_VALUE;
        int joined;
        int nextSeq;
        int inFlight;
        int completed;
        int expired;
        boolean measuring;
        long deliveriesInWindow;
        int firstMeasuredSeq = -1;
        int lastMeasuredSeq = Integer.MAX_VALUE;

        Broadcast(boolean raw, int payload) {
            this.raw = raw;
            this.padding = pad(Math.max(1, payload - 24));
        }

        @Override
        public void onConnect(SioClient c) {
            if (raw) {
                c.sendRaw("#join".getBytes(StandardCharsets.US_ASCII));
            } else {
                c.emit("[\"join\",\"bench\"]".getBytes(StandardCharsets.US_ASCII), true);
            }
        }

        @Override
        public void onAck(SioClient c, long ackId, byte[] data, int offset, int length) {
            if (!raw) {
                joined++;
            }
        }

        @Override
        public void onEvent(SioClient c, byte[] data, int offset, int length) {
            int end = offset + length;
            int p;
            if (raw) {
                if (data[offset] == '#') {
                    if (length == 3 && data[offset + 1] == 'o') {
                        joined++;
                    }
                    return;
                }
                p = offset;
            } else {
                // 42["bcast","<seq>,<nanos>,<padding>"]: the digits after the first ,"
                p = offset + 2;
                while (p < end - 1 && !(data[p] == ',' && data[p + 1] == '"')) {
                    p++;
                }
                p += 2;
            }
            long seq = 0;
            while (p < end && data[p] >= '0' && data[p] <= '9') {
                seq = seq * 10 + (data[p++] - '0');
            }
            if (p >= end || data[p] != ',' || seq >= nextSeq) {
                return;
            }
            int s = (int) seq;
            long now = System.nanoTime();
            delivered[s]++;
            if (measuring) {
                deliveriesInWindow++;
            }
            if (firstMeasuredSeq >= 0 && s >= firstMeasuredSeq && s <= lastMeasuredSeq) {
                delay.record(now - emittedAt[s]);
            }
            if (delivered[s] >= room && !done[s]) {
                done[s] = true;
                inFlight--;
                completed++;
                pending.remove(s);
            }
        }

        /** The message of the next broadcast; its payload is {@code <seq>,<emit nanos>,<padding>}. */
        byte[] next(long now) {
            int seq = nextSeq++;
            emittedAt[seq] = now;
            inFlight++;
            pending.add(seq);
            String payload = seq + "," + now + "," + padding;
            return (raw ? "#bcast " + payload : "[\"broadcast\",\"bench\",\"" + payload + "\"]")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        /** Gives up on broadcasts in flight for longer than the timeout. */
        void expire(long now, long timeoutNanos) {
            Integer s;
            while ((s = pending.peek()) != null && now - emittedAt[s] > timeoutNanos) {
                pending.poll();
                done[s] = true;
                inFlight--;
                expired++;
            }
        }
    }

    static void broadcast(Run run) {
        Options o = run.options;
        boolean raw = run.target.raw();
        for (int n : o.bcastReceivers) {
            if (run.outOfTime()) {
                return;
            }
            broadcastRun(run, n, raw, 0, o.duration);
        }
        // what servers usually see: a paced emitter (open loop), not the closed loop's saturation
        for (int[] paced : o.bcastPaced) {
            if (run.outOfTime()) {
                return;
            }
            broadcastRun(run, paced[0], raw, paced[1], o.bcastRateSeconds);
        }
    }

    /**
     * One room of {@code n} receivers and one emitter: closed loop ({@code rate} 0: {@code bcastWindow} broadcasts in
     * flight), or {@code rate} broadcasts per second on a fixed schedule, each one's delay counted from when it was
     * due (a late emitter shows as delay, not as a lower rate); measured for {@code seconds} after the warm-up.
     */
    private static void broadcastRun(Run run, int n, boolean raw, int rate, double seconds) {
        Options o = run.options;
        String variant = n + " receivers" + (rate > 0 ? " " + rate + "/s" : "");
        Broadcast fan = new Broadcast(raw, Math.max(o.payload, 64));
        List<SioClient> receivers = new ArrayList<>();
        Opening op = run.open(receivers, n, new Opening(fan), raw, 30 + n * 0.005);
        int live = op.connected;
        if (op.failed + op.inProgress > 0) {
            run.metric("C", variant, "failed", op.failed + op.inProgress, "conns");
        }
        run.loop.runUntil(() -> fan.joined >= live, run.deadline(30));
        fan.room = fan.joined; // the receivers that joined are the room
        List<SioClient> emitters = new ArrayList<>();
        Opening eo = run.open(emitters, 1, new Opening(NOOP), raw, 15);
        if (eo.connected != 1 || fan.room == 0) {
            run.log.println("load: C " + variant + ": " + fan.joined + " of " + n + " joined; emitter "
                    + (eo.connected == 1 ? "connected" : "failed (" + eo.firstFailure + ")"));
            run.closeAll(emitters);
            run.closeAll(receivers);
            return;
        }
        if (fan.room < n) {
            run.log.println("load: C " + variant + ": only " + fan.room + " receivers joined");
        }
        SioClient emitter = emitters.get(0);
        long timeout = 5 * SECOND;
        boolean[] stop = {false};
        java.util.function.Consumer<byte[]> emit = message -> {
            if (raw) {
                emitter.sendRaw(message);
            } else {
                emitter.emit(message, true);
            }
        };
        Runnable tick;
        if (rate <= 0) {
            tick = () -> {
                fan.expire(System.nanoTime(), timeout);
                while (!stop[0] && fan.inFlight < o.bcastWindow && fan.nextSeq < Broadcast.MAX_BROADCASTS) {
                    emit.accept(fan.next(System.nanoTime()));
                }
            };
        } else {
            long start = System.nanoTime();
            long interval = SECOND / rate;
            long[] emitted = {0};
            tick = () -> {
                long now = System.nanoTime();
                fan.expire(now, timeout);
                // by the schedule: the k-th broadcast is due at start + k × interval, however late the loop turned
                while (!stop[0] && now - (start + emitted[0] * interval) >= 0
                        && fan.nextSeq < Broadcast.MAX_BROADCASTS) {
                    emit.accept(fan.next(start + emitted[0]++ * interval));
                }
            };
        }
        run.loop.runUntil(() -> false, run.deadline(o.warmup), tick, SECOND / 1000);
        fan.firstMeasuredSeq = fan.nextSeq;
        fan.measuring = true;
        int completedBefore = fan.completed;
        Cpu cpu0 = Cpu.now(run.serverPid);
        run.loop.runUntil(() -> false, run.deadline(seconds), tick, SECOND / 1000);
        Cpu cpu1 = Cpu.now(run.serverPid);
        fan.measuring = false;
        fan.lastMeasuredSeq = fan.nextSeq - 1;
        long deliveries = fan.deliveriesInWindow;
        int completedInWindow = fan.completed - completedBefore;
        stop[0] = true;
        run.loop.runUntil(() -> fan.inFlight <= 0, run.deadline(6), () -> fan.expire(System.nanoTime(), timeout),
                SECOND / 10);
        long expected = 0;
        long got = 0;
        for (int s = fan.firstMeasuredSeq; s <= fan.lastMeasuredSeq; s++) {
            expected += fan.room;
            got += Math.min(fan.delivered[s], fan.room);
        }
        double wall = cpu0.wallSeconds(cpu1);
        run.metric("C", variant, "room", fan.room, "receivers");
        if (rate > 0) {
            run.metric("C", variant, "emit_rate", rate, "1/s");
        }
        run.metric("C", variant, "deliveries_per_s", deliveries / wall, "msg/s");
        run.metric("C", variant, "broadcasts_per_s", completedInWindow / wall, "1/s");
        run.metric("C", variant, "delivery_ratio", expected == 0 ? Double.NaN : (double) got / expected, "");
        run.metric("C", variant, "delay_p50", ms(fan.delay.percentileNanos(50)), "ms");
        run.metric("C", variant, "delay_p99", ms(fan.delay.percentileNanos(99)), "ms");
        run.cpuMetrics("C", variant, cpu0, cpu1, deliveries, "delivery");
        if (deliveries == 0) {
            run.stalled("C", variant, String.format(Locale.ROOT, "nothing delivered in %.1f s", wall));
        }
        if (fan.expired > 0) {
            run.metric("C", variant, "broadcasts_timed_out", fan.expired, "");
        }
        run.closeAll(emitters);
        run.closeAll(receivers);
        run.awaitServerConnections(20);
    }

    // ================================================================ D: long-polling echo

    /**
     * D against Socket.IO servers, and against the raw references too: there the same clients speak the raw
     * long-polling echo at /raw-poll (a message POSTed, the held GET bringing it back = one ack), the physical limit of
     * long-polling on that container.
     */
    static void polling(Run run) {
        for (boolean keepAlive : new boolean[] {true, false}) {
            if (run.outOfTime()) {
                return;
            }
            pollingLoad(run, keepAlive, run.options.warmup, run.options.duration, true);
        }
    }

    /** {@code o.pollClients} polling clients in a closed echo loop; measured after {@code warmup} unless warming up. */
    private static void pollingLoad(Run run, boolean keepAlive, double warmup, double duration, boolean measure) {
        Options o = run.options;
        String variant = (keepAlive ? "keep-alive" : "fresh-conn") + " c=" + o.pollClients;
        byte[] message = (run.target.raw() ? pad(o.payload) : "[\"echo\",\"" + pad(o.payload) + "\"]")
                .getBytes(StandardCharsets.US_ASCII);
        Histogram latency = new Histogram();
        long[] acks = {0};
        long[] inFlight = {0};
        int[] connected = {0};
        int[] errors = {0};
        boolean[] measuring = {false};
        boolean[] stop = {false};
        String[] firstError = {null};
        List<PollingClient> clients = new ArrayList<>();
        PollingClient.Handler handler = new PollingClient.Handler() {
            @Override
            public void onConnect(PollingClient c) {
                connected[0]++;
            }

            @Override
            public void onAck(PollingClient c, long ackId) {
                long now = System.nanoTime();
                inFlight[0]--;
                if (measuring[0]) {
                    latency.record(now - c.sendNanos);
                    acks[0]++;
                }
                if (!stop[0]) {
                    c.sendNanos = System.nanoTime();
                    inFlight[0]++;
                    c.emitWithAck(message);
                }
            }

            @Override
            public void onError(PollingClient c, String reason) {
                errors[0]++;
                if (firstError[0] == null) {
                    firstError[0] = reason;
                }
                if (c.sendNanos != 0 && !stop[0]) {
                    inFlight[0]--;
                }
            }
        };
        for (int i = 0; i < o.pollClients; i++) {
            PollingClient c = new PollingClient(run.loop, run.target, keepAlive, handler);
            clients.add(c);
            c.start();
        }
        run.loop.runUntil(() -> connected[0] + errors[0] >= o.pollClients, run.deadline(30));
        if (connected[0] == 0) {
            run.log.println("load: D " + variant + ": no client connected (" + firstError[0] + ")");
            clients.forEach(PollingClient::close);
            run.loop.runFor(SECOND / 2);
            return;
        }
        for (PollingClient c : clients) {
            if (c.connected) {
                c.sendNanos = System.nanoTime();
                inFlight[0]++;
                c.emitWithAck(message);
            }
        }
        run.loop.runUntil(() -> false, run.deadline(warmup));
        if (!measure) {
            stop[0] = true;
            run.loop.runUntil(() -> inFlight[0] <= 0, run.deadline(5));
            if (errors[0] > 0) {
                run.log.println("load: warm-up: " + errors[0] + " polling errors, the first: " + firstError[0]);
            }
            clients.forEach(PollingClient::close);
            run.loop.runFor(SECOND / 2);
            run.awaitServerConnections(30);
            return;
        }
        measuring[0] = true;
        long requests0 = clients.stream().mapToLong(c -> c.requests).sum();
        long connects0 = HttpConn.opened;
        Cpu cpu0 = Cpu.now(run.serverPid);
        run.loop.runUntil(() -> false, run.deadline(duration));
        Cpu cpu1 = Cpu.now(run.serverPid);
        measuring[0] = false;
        stop[0] = true;
        long requests = clients.stream().mapToLong(c -> c.requests).sum() - requests0;
        long connects = HttpConn.opened - connects0;
        run.loop.runUntil(() -> inFlight[0] <= 0, run.deadline(5));
        double wall = cpu0.wallSeconds(cpu1);
        run.metric("D", variant, "acks_per_s", acks[0] / wall, "msg/s");
        run.metric("D", variant, "http_requests_per_s", requests / wall, "req/s");
        run.metric("D", variant, "tcp_connects_per_s", connects / wall, "conn/s");
        run.metric("D", variant, "latency_p50", us(latency.percentileNanos(50)), "us");
        run.metric("D", variant, "latency_p99", us(latency.percentileNanos(99)), "us");
        run.cpuMetrics("D", variant, cpu0, cpu1, acks[0], "msg");
        if (acks[0] == 0) {
            run.stalled("D", variant, String.format(Locale.ROOT, "no ack in %.1f s (%d of %d clients connected, "
                    + "%d in flight, %d errors, the first: %s)", wall, connected[0], o.pollClients, inFlight[0],
                    errors[0], firstError[0]));
        }
        if (errors[0] > 0) {
            run.metric("D", variant, "errors", errors[0], "");
            run.log.println("load: D " + variant + ": first error: " + firstError[0]);
        }
        clients.forEach(PollingClient::close);
        run.loop.runFor(SECOND / 2);
        run.awaitServerConnections(30);
    }

    // ================================================================ E: hold many connections

    /** The soft open-files limit of a process (self when pid <= 0), or -1. */
    static long openFilesLimit(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + (pid <= 0 ? "self" : Long.toString(pid))
                    + "/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    static void hold(Run run) {
        Options o = run.options;
        long limit = openFilesLimit(0);
        long serverLimit = run.serverPid > 0 ? openFilesLimit(run.serverPid) : -1;
        long cap = Long.MAX_VALUE;
        if (limit > 0) {
            cap = Math.min(cap, limit - 500);
        }
        if (serverLimit > 0) {
            cap = Math.min(cap, serverLimit - 500);
        }
        int n = (int) Math.min(o.holdConns, cap);
        String variant = n + " conns " + (int) o.holdSeconds + "s";
        if (n < o.holdConns) {
            run.log.println("load: E: " + o.holdConns + " asked, capped to " + n + " by the open-files limit "
                    + "(generator " + limit + ", server " + serverLimit + ")");
            run.metric("E", variant, "asked", o.holdConns, "conns");
        }
        List<String> saved = o.sourceAddresses;
        if (saved.isEmpty()) {
            // ~28k ephemeral ports per source address towards one server port: use 127.0.0.1, .2, ...
            List<String> sources = new ArrayList<>();
            for (int i = 0; i <= (n - 1) / 25_000; i++) {
                sources.add("127.0.0." + (i + 1));
            }
            o.sourceAddresses = sources;
        }
        Stats base = run.stats(true);
        List<SioClient> clients = new ArrayList<>();
        int savedConcurrency = o.concurrency;
        o.concurrency = Math.max(o.concurrency, 500);
        long t0 = System.nanoTime();
        Opening op = run.open(clients, n, new Opening(NOOP), run.target.raw(), 60 + n * 0.003);
        double seconds = (System.nanoTime() - t0) / 1e9;
        o.concurrency = savedConcurrency;
        o.sourceAddresses = saved;
        run.metric("E", variant, "connect_rate", op.connected / seconds, "conn/s");
        run.metric("E", variant, "failed", op.failed + op.inProgress, "conns");
        if (op.firstFailure != null) {
            run.log.println("load: E: first failure: " + op.firstFailure);
        }
        int openedCount = op.connected;
        run.loop.runUntil(() -> false, run.deadline(o.holdSeconds));
        Stats s = run.stats(true);
        int open = openCount(clients);
        run.metric("E", variant, "held", open, "conns");
        run.metric("E", variant, "dropped_while_held", openedCount - open, "conns");
        if (s.rss() > 0 && base.rss() > 0 && open > 0) {
            run.metric("E", variant, "rss_per_conn", (double) (s.rss() - base.rss()) / open, "B");
        }
        if (s.heapUsed() > 0 && base.heapUsed() > 0 && open > 0) {
            run.metric("E", variant, "heap_per_conn", (double) (s.heapUsed() - base.heapUsed()) / open, "B");
        }
        run.closeAll(clients);
        run.awaitServerConnections(30);
    }
}
