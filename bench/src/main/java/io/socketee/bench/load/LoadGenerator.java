package io.socketee.bench.load;

import java.util.Locale;

/**
 * The load generator of the Socketee benchmarks: thousands of wire-level Socket.IO (or raw WebSocket) clients on one
 * thread and one selector, running the scenarios A-E (see {@link Scenarios} and bench/README.md) against one server,
 * and appending the figures to a TSV file that {@code io.socketee.bench.report.Report} turns into RESULTS.md.
 *
 * <p>Every scenario is bounded in count and in time and stops by itself; {@code --max-seconds} bounds the whole run.
 * Targets loopback only. Server CPU comes from {@code /proc/<pid>/stat} (utime+stime), RSS from
 * {@code /proc/<pid>/status}, heap after a forced GC from the server's {@code stats} event.
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            System.out.print(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        if (!options.host.startsWith("127.") && !options.host.equals("localhost") && !options.host.equals("::1")) {
            System.err.println("load: refusing a non-loopback target " + options.host);
            System.exit(2);
            return;
        }
        Run run = new Run(options);
        long t0 = System.nanoTime();
        System.err.printf(Locale.ROOT, "load: %s on %s, scenarios %s%s, load average %.2f%n", options.impl,
                run.target.hostPort(), options.scenarios, options.quick ? " (quick)" : "", ProcStat.loadAverage());
        int failures = 0;
        try {
            Run.Stats first = run.stats(false); // connects the control client; its count is the baseline
            System.err.println("load: server counts " + first.connections() + " connection(s) at the start");
            if (options.warmupRun > 0) {
                System.err.println("load: warming the server up for " + options.warmupRun + " s ...");
                Scenarios.warmup(run, options.warmupRun);
            }
            for (String scenario : options.scenarios) {
                if (run.outOfTime()) {
                    System.err.println("load: out of time (--max-seconds " + options.maxSeconds + "), skipping "
                            + scenario);
                    continue;
                }
                long s0 = System.nanoTime();
                System.err.println("load: scenario " + scenario + " ...");
                try {
                    switch (scenario) {
                        case "A" -> Scenarios.connections(run);
                        case "B" -> Scenarios.echo(run);
                        case "C" -> Scenarios.broadcast(run);
                        case "D" -> Scenarios.polling(run);
                        case "E" -> Scenarios.hold(run);
                        default -> throw new IllegalStateException(scenario);
                    }
                } catch (RuntimeException e) {
                    failures++;
                    System.err.println("load: scenario " + scenario + " failed: " + e);
                    e.printStackTrace();
                }
                System.err.printf(Locale.ROOT, "load: scenario %s took %.1f s%n", scenario,
                        (System.nanoTime() - s0) / 1e9);
            }
            run.closeControl();
            failures += run.stalls.size();
            run.stalls.forEach(line -> System.err.println("load: no progress in " + line));
        } finally {
            run.writeMetrics();
            run.loop.close();
        }
        System.err.printf(Locale.ROOT, "load: done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        System.exit(failures == 0 ? 0 : 1);
    }
}
