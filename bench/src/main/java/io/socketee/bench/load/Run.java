package io.socketee.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the scenarios share: the loop, the target, the server's PID, the options, and where metrics go. */
final class Run {
    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    final Loop loop = new Loop();
    final Options options;
    final Target target;
    final long serverPid;
    final PrintStream log = System.err;
    private final List<String> metrics = new ArrayList<>();
    /** Measured windows in which nothing was delivered: the run fails on them, they are not figures. */
    final List<String> stalls = new ArrayList<>();
    private final long globalDeadline;
    private SioClient control;
    /** What the server counted when the run started (the control connection, and anything left by others). */
    private long baselineConnections = -1;
    private long statsAckId = -1;
    private String statsAnswer;

    Run(Options options) {
        this.options = options;
        this.target = new Target(options.host, options.port, options.rawTarget(), "/raw", "/raw-poll");
        this.serverPid = options.serverPid;
        this.globalDeadline = System.nanoTime() + (long) (options.maxSeconds * SECOND);
    }

    /** Whether the run's overall time bound has passed (the remaining scenarios are skipped). */
    boolean outOfTime() {
        return System.nanoTime() - globalDeadline >= 0;
    }

    long deadline(double seconds) {
        long d = System.nanoTime() + (long) (seconds * SECOND);
        return d - globalDeadline > 0 ? globalDeadline : d;
    }

    // ---------------------------------------------------------------- metrics

    /**
     * Records that a measured window made no progress (the server stalled or refused every client): logged, and the
     * load generator then exits with a failure, so that a zero is never read as a measurement.
     */
    void stalled(String scenario, String variant, String what) {
        String line = scenario + " " + variant + ": " + what;
        stalls.add(line);
        log.println("load: STALLED " + line);
    }

    /** Records one figure: a TSV line {@code impl scenario variant metric value unit}, and a log line. */
    void metric(String scenario, String variant, String metric, double value, String unit) {
        String v = Double.isNaN(value) ? "NaN" : value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.6g", value);
        metrics.add(String.join("\t", options.impl, scenario, variant, metric, v, unit));
        log.printf(Locale.ROOT, "  %-4s %-24s %-22s %14s %s%n", scenario, variant, metric, v, unit);
    }

    void writeMetrics() {
        if (options.out == null) {
            return;
        }
        try {
            Path out = Path.of(options.out);
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            StringBuilder text = new StringBuilder();
            for (String line : metrics) {
                text.append(line).append('\n');
            }
            Files.writeString(out, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- CPU

    /** CPU time of the server and of this process, and the wall clock, at one moment. */
    record Cpu(long server, long self, long wall, long serverSwitches) {
        static Cpu now(long serverPid) {
            return new Cpu(serverPid > 0 ? ProcStat.cpuNanos(serverPid) : -1, ProcStat.cpuNanos(0), System.nanoTime(),
                    serverPid > 0 ? ProcStat.contextSwitches(serverPid) : -1);
        }

        /** Server CPU seconds between two snapshots, or NaN. */
        double serverSeconds(Cpu later) {
            return server < 0 || later.server < 0 ? Double.NaN : (later.server - server) / 1e9;
        }

        double selfSeconds(Cpu later) {
            return (later.self - self) / 1e9;
        }

        double wallSeconds(Cpu later) {
            return (later.wall - wall) / 1e9;
        }
    }

    /** Records server CPU per unit (µs), server and generator utilization (% of one core) over a window. */
    void cpuMetrics(String scenario, String variant, Cpu start, Cpu end, long units, String perWhat) {
        double server = start.serverSeconds(end);
        double wall = start.wallSeconds(end);
        if (!Double.isNaN(server)) {
            metric(scenario, variant, "server_cpu_per_" + perWhat, units == 0 ? Double.NaN : server * 1e6 / units, "us");
            metric(scenario, variant, "server_cpu_util", 100 * server / wall, "%");
        }
        if (start.serverSwitches() >= 0 && end.serverSwitches() >= 0 && units > 0) {
            // the hand-offs between the server's threads per unit of work: what open-loop traffic pays most for
            metric(scenario, variant, "server_switches_per_" + perWhat,
                    (double) (end.serverSwitches() - start.serverSwitches()) / units, "");
        }
        metric(scenario, variant, "generator_cpu_util", 100 * start.selfSeconds(end) / wall, "%");
    }

    // ---------------------------------------------------------------- opening clients

    /** Counts of one batch of connections being opened. */
    static final class Opening implements SioClient.Handler {
        final SioClient.Handler delegate;
        final Histogram handshake = new Histogram();
        int inProgress;
        int connected;
        int failed;
        int closedAfterConnect;
        String firstFailure;

        Opening(SioClient.Handler delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onConnect(SioClient client) {
            inProgress--;
            connected++;
            handshake.record(client.connectedNanos - client.connectStartNanos);
            delegate.onConnect(client);
        }

        @Override
        public void onEvent(SioClient client, byte[] data, int offset, int length) {
            delegate.onEvent(client, data, offset, length);
        }

        @Override
        public void onAck(SioClient client, long ackId, byte[] data, int offset, int length) {
            delegate.onAck(client, ackId, data, offset, length);
        }

        @Override
        public void onClose(SioClient client, String reason) {
            if (client.connectedNanos == 0) {
                inProgress--;
                failed++;
                if (firstFailure == null) {
                    firstFailure = reason;
                }
            } else {
                closedAfterConnect++;
                connected--;
            }
            delegate.onClose(client, reason);
        }
    }

    /**
     * Opens {@code count} more clients into {@code clients} (WebSocket, raw or Socket.IO as the target is), at most
     * {@code options.concurrency} handshakes at a time, round-robin over the source addresses; returns when all are
     * connected or failed, or at the deadline.
     */
    Opening open(List<SioClient> clients, int count, Opening opening, boolean raw, double timeoutSeconds) {
        Target t = raw == target.raw() ? target : new Target(target.host(), target.port(), raw, target.rawPath(),
                target.rawPollPath());
        InetSocketAddress remote = t.address();
        List<InetSocketAddress> sources = options.sourceAddresses.stream()
                .map(a -> new InetSocketAddress(a, 0)).toList();
        int[] started = {0};
        int first = clients.size();
        loop.runUntil(() -> started[0] == count && opening.inProgress == 0, deadline(timeoutSeconds), () -> {
            while (started[0] < count && opening.inProgress < options.concurrency) {
                SioClient c = new SioClient(loop, t, first + started[0], opening);
                clients.add(c);
                opening.inProgress++;
                InetSocketAddress local = sources.isEmpty() ? null : sources.get(started[0] % sources.size());
                started[0]++;
                c.connect(remote, local);
            }
        }, SECOND / 1000);
        return opening;
    }

    /** Closes clients and lets the loop turn a little so that the closes go out. */
    void closeAll(List<SioClient> clients) {
        for (SioClient c : clients) {
            c.close();
        }
        clients.clear();
        loop.runFor(SECOND / 5);
    }

    // ---------------------------------------------------------------- stats (control connection)

    /** The server's answer to {@code stats({gc})}: connections, heapUsed, rss (-1 where missing). */
    record Stats(long connections, long heapUsed, long rss) {
    }

    private final Pattern number = Pattern.compile("\"(connections|heapUsed|rss)\"\\s*:\\s*(-?[0-9.eE+]+)");

    Stats stats(boolean gc) {
        if (control == null || !control.isOpen()) {
            List<SioClient> one = new ArrayList<>(1);
            Opening opening = open(one, 1, new Opening(new SioClient.Handler() {
                @Override
                public void onAck(SioClient client, long ackId, byte[] data, int offset, int length) {
                    if (ackId == statsAckId) {
                        statsAnswer = new String(data, offset, length, StandardCharsets.UTF_8);
                    }
                }
            }), false, 15);
            if (opening.connected != 1) {
                log.println("load: control connection failed: " + opening.firstFailure);
                return new Stats(-1, -1, serverPid > 0 ? ProcStat.rssBytes(serverPid) : -1);
            }
            control = one.get(0);
            if (baselineConnections < 0) {
                baselineConnections = -2; // measured below, with this first answer
            }
        }
        statsAnswer = null;
        statsAckId = control.emit(gc ? "[\"stats\",{\"gc\":true}]".getBytes(StandardCharsets.US_ASCII)
                : "[\"stats\"]".getBytes(StandardCharsets.US_ASCII), true);
        loop.runUntil(() -> statsAnswer != null, deadline(30));
        long connections = -1;
        long heap = -1;
        long rss = -1;
        if (statsAnswer != null) {
            Matcher m = number.matcher(statsAnswer);
            while (m.find()) {
                long v = (long) Double.parseDouble(m.group(2));
                switch (m.group(1)) {
                    case "connections" -> connections = v;
                    case "heapUsed" -> heap = v;
                    default -> rss = v;
                }
            }
        } else {
            log.println("load: no answer to stats within 30 s");
        }
        if (baselineConnections == -2) {
            baselineConnections = Math.max(1, connections);
        }
        if (serverPid > 0) {
            long procRss = ProcStat.rssBytes(serverPid);
            if (procRss > 0) {
                rss = procRss;
            }
        }
        return new Stats(connections, heap, rss);
    }

    /**
     * Waits (bounded) until the server counts no more connections than when the run started (the control connection),
     * so that scenarios do not overlap.
     */
    void awaitServerConnections(double timeoutSeconds) {
        if (baselineConnections < 0) {
            baselineConnections = Math.max(1, stats(false).connections());
        }
        long expected = baselineConnections;
        long end = deadline(timeoutSeconds);
        long last = -1;
        while (System.nanoTime() - end < 0) {
            Stats s = stats(false);
            last = s.connections();
            if (s.connections() < 0 || s.connections() <= expected) {
                return;
            }
            loop.runFor(SECOND / 5);
        }
        log.println("load: the server still counts " + last + " connections (expected " + expected + ") after "
                + timeoutSeconds + " s");
    }

    void closeControl() {
        if (control != null) {
            control.close();
            control = null;
            loop.runFor(SECOND / 10);
        }
    }
}
