package io.socketee.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns one run of bench/run-all.sh into bench/RESULTS.md and a PNG chart: reads {@code metrics.tsv} (lines
 * {@code impl scenario variant metric value unit}, as the load generator appends them) and {@code meta.tsv}
 * ({@code key value}: date, machine, versions, command) from the run directory.
 *
 * <pre>java -cp bench/target/classes io.socketee.bench.report.Report --run bench/results/raw/&lt;run&gt;
 *     --out bench/RESULTS.md --chart bench/results-chart.png</pre>
 */
public final class Report {
    /** The implementations in column order; ours first, then the references. */
    static final List<String> IMPLS = List.of("jetty", "tomcat", "jettyvt", "tomcatvt", "jetty121", "jettyup",
            "tomcatup", "raw", "rawtomcat", "node", "netty");
    static final List<String> OURS = List.of("jetty", "tomcat", "jettyvt", "tomcatvt", "jetty121", "jettyup",
            "tomcatup");

    private static boolean onTomcat(String ours) {
        return ours.startsWith("tomcat");
    }

    /**
     * For the Servlet-upgrade experiment's impls and the virtual-thread ones, the library's JSR-356 endpoint on the
     * same container with its platform threads: jettyup's is jetty121 (the same Jetty 12.1) when the run has it, else
     * jetty (12.0); tomcatup's and tomcatvt's is tomcat, jettyvt's jetty.
     */
    static String jsrCounterpart(String ours, List<String> impls) {
        return switch (ours) {
            case "jettyup" -> impls.contains("jetty121") ? "jetty121" : "jetty";
            case "tomcatup", "tomcatvt" -> "tomcat";
            case "jettyvt" -> "jetty";
            default -> null;
        };
    }

    /**
     * The Jetty to hold a Tomcat of ours against (Tomcat's CPU per delivery ≤ 1.1× Jetty's): like for like, except
     * that tomcatvt is held against jetty on platform threads, the setting README recommends for Jetty (virtual
     * threads gain nothing there and cost more in saturated loops).
     */
    static String jettyCounterpart(String ours) {
        return switch (ours) {
            case "tomcat", "tomcatvt" -> "jetty";
            case "tomcatup" -> "jettyup";
            default -> null;
        };
    }

    /**
     * The raw reference on the same container as {@code ours}: Jetty's is {@code raw}, Tomcat's {@code rawtomcat}
     * (or {@code raw} when the run has no rawtomcat). Ours against another container's raw mixes the two containers'
     * costs into the ratio, so the headline compares each with its own.
     */
    static String sameContainerRaw(String ours, List<String> impls) {
        return onTomcat(ours) && impls.contains("rawtomcat") ? "rawtomcat" : "raw";
    }

    /** The references of the headline's ratio columns for one of ours: Node, netty, and its own container's raw. */
    static List<String> headlineRefs(String ours, List<String> impls) {
        return java.util.stream.Stream.of("node", "netty", sameContainerRaw(ours, impls), jsrCounterpart(ours, impls))
                .filter(r -> r != null && impls.contains(r)).toList();
    }

    record Key(String scenario, String variant, String metric) {
    }

    record Value(double value, String unit) {
    }

    /** What one run measured: figures by key and implementation, in the order first seen. */
    static final class Data {
        final Map<Key, Map<String, Value>> figures = new LinkedHashMap<>();
        final Set<String> impls = new LinkedHashSet<>();
        final Map<String, String> meta = new LinkedHashMap<>();

        Double get(String impl, String scenario, String variant, String metric) {
            Map<String, Value> byImpl = figures.get(new Key(scenario, variant, metric));
            Value v = byImpl == null ? null : byImpl.get(impl);
            return v == null || Double.isNaN(v.value()) ? null : v.value();
        }

        /** The variants of a scenario that have a metric, in order. */
        List<String> variants(String scenario, String metric) {
            List<String> out = new ArrayList<>();
            for (Key k : figures.keySet()) {
                if (k.scenario().equals(scenario) && k.metric().equals(metric) && !out.contains(k.variant())) {
                    out.add(k.variant());
                }
            }
            return out;
        }

        List<String> implsInOrder() {
            List<String> out = new ArrayList<>();
            for (String i : IMPLS) {
                if (impls.contains(i)) {
                    out.add(i);
                }
            }
            for (String i : impls) {
                if (!out.contains(i)) {
                    out.add(i);
                }
            }
            return out;
        }
    }

    static Data read(Path runDir) throws IOException {
        Data data = new Data();
        Path metrics = runDir.resolve("metrics.tsv");
        if (Files.exists(metrics)) {
            for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length < 6) {
                    continue;
                }
                double value;
                try {
                    value = Double.parseDouble(f[4]);
                } catch (NumberFormatException e) {
                    value = Double.NaN;
                }
                data.impls.add(f[0]);
                data.figures.computeIfAbsent(new Key(f[1], f[2], f[3]), k -> new LinkedHashMap<>())
                        .put(f[0], new Value(value, f[5]));
            }
        }
        Path meta = runDir.resolve("meta.tsv");
        if (Files.exists(meta)) {
            for (String line : Files.readAllLines(meta, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    data.meta.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        return data;
    }

    /** Whether a smaller value is better for a metric. */
    static boolean lowerIsBetter(String metric) {
        return metric.startsWith("server_cpu_per") || metric.startsWith("server_switches_per") || metric.contains("latency") || metric.contains("delay")
                || metric.contains("handshake") || metric.contains("per_conn") || metric.equals("failed")
                || metric.equals("rss_total") || metric.equals("unanswered") || metric.equals("errors")
                || metric.equals("dropped_while_held") || metric.equals("broadcasts_timed_out");
    }

    static String format(Double v) {
        if (v == null) {
            return "–";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 100_000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A cell: a per-connection memory delta below zero is noise (the heap or RSS shrank meanwhile), not a figure. */
    static String cell(Double v, String metric) {
        if (v != null && v < 0 && metric.contains("per_conn")) {
            return "<0 (noise)";
        }
        return format(v);
    }

    static String ratio(Double ours, Double ref) {
        if (ours == null || ref == null || ref == 0 || ours < 0 || ref < 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", ours / ref);
    }

    /** A headline row: one figure of one variant. */
    record Headline(String label, String scenario, String variant, String metric) {
    }

    /** The headline figures: the first variant where the metric exists, unless one is named. */
    static List<Headline> headlines(Data d) {
        List<Headline> rows = new ArrayList<>();
        if (!d.variants("W", "seconds").isEmpty()) {
            rows.add(new Headline("server warm-up, s (JVMs: until the JIT queue is empty)", "W", "server warm-up",
                    "seconds"));
            rows.add(new Headline("server warm-up: methods left queued for the JIT", "W", "server warm-up",
                    "jit_queue_after"));
        }
        List<String> aVariants = d.variants("A", "heap_per_conn");
        String aLast = aVariants.isEmpty() ? null : aVariants.get(aVariants.size() - 1);
        if (aLast != null) {
            rows.add(new Headline("A heap after GC per connection (" + aLast + "), bytes", "A", aLast, "heap_per_conn"));
            rows.add(new Headline("A RSS per connection (" + aLast + "), bytes", "A", aLast, "rss_per_conn"));
            rows.add(new Headline("A handshake p99 (" + aLast + "), ms", "A", aLast, "handshake_p99"));
            rows.add(new Headline("A connect rate (" + aLast + "), conn/s", "A", aLast, "connect_rate"));
            rows.add(new Headline("A server CPU per connection (" + aLast + "), µs", "A", aLast, "server_cpu_per_conn"));
        }
        for (String v : d.variants("B", "acks_per_s")) {
            rows.add(new Headline("B echo+ack " + v + ": acks/s", "B", v, "acks_per_s"));
            rows.add(new Headline("B echo+ack " + v + ": server CPU µs/msg", "B", v, "server_cpu_per_msg"));
            rows.add(new Headline("B echo+ack " + v + ": p99 µs", "B", v, "latency_p99"));
            rows.add(new Headline("B echo+ack " + v + ": server context switches/msg", "B", v,
                    "server_switches_per_msg"));
        }
        for (String v : d.variants("C", "deliveries_per_s")) {
            rows.add(new Headline("C broadcast " + v + ": deliveries/s", "C", v, "deliveries_per_s"));
            rows.add(new Headline("C broadcast " + v + ": server CPU µs/delivery", "C", v, "server_cpu_per_delivery"));
            rows.add(new Headline("C broadcast " + v + ": p99 delay ms", "C", v, "delay_p99"));
            rows.add(new Headline("C broadcast " + v + ": delivery ratio", "C", v, "delivery_ratio"));
            rows.add(new Headline("C broadcast " + v + ": server context switches/delivery", "C", v,
                    "server_switches_per_delivery"));
        }
        for (String v : d.variants("D", "acks_per_s")) {
            rows.add(new Headline("D polling " + v + ": acks/s", "D", v, "acks_per_s"));
            rows.add(new Headline("D polling " + v + ": server CPU µs/msg", "D", v, "server_cpu_per_msg"));
        }
        for (String v : d.variants("E", "held")) {
            rows.add(new Headline("E held " + v, "E", v, "held"));
            rows.add(new Headline("E heap per connection " + v + ", bytes", "E", v, "heap_per_conn"));
        }
        return rows;
    }

    static String markdown(Data d, String chartName) {
        List<String> impls = d.implsInOrder();
        List<String> ours = OURS.stream().filter(impls::contains).toList();
        StringBuilder md = new StringBuilder();
        Map<String, String> m = d.meta;
        md.append("# Benchmark results\n\n");
        md.append("Written by `bench/run-all.sh` (do not edit by hand; see bench/README.md for how to read it).\n\n");
        if (m.containsKey("note")) {
            md.append("> **").append(m.get("note")).append("**\n\n");
        }
        md.append("| | |\n|---|---|\n");
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (!e.getKey().equals("note")) {
                md.append("| ").append(e.getKey()).append(" | ").append(e.getValue().replace("|", "\\|")).append(" |\n");
            }
        }
        md.append('\n');
        if (chartName != null) {
            md.append("![chart](").append(chartName).append(")\n\n");
        }

        // headline table
        md.append("## Headline figures\n\n");
        md.append("Server pinned to one core, load generator to the other. Ratios are ours ÷ reference: below 1 is "
                + "better for CPU, latency and memory, above 1 for rates. Each of ours is compared with the raw "
                + "reference on its own container (jetty/raw, tomcat/rawtomcat); the Servlet-upgrade experiment's jettyup and "
                + "tomcatup, and the virtual-thread jettyvt and tomcatvt, also with the library's JSR-356 endpoint on "
                + "the same container with platform threads (jettyup/jetty121, tomcatup/tomcat, jettyvt/jetty, "
                + "tomcatvt/tomcat).\n\n");
        StringBuilder header = new StringBuilder("| figure |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String i : impls) {
            header.append(' ').append(i).append(" |");
            rule.append("---:|");
        }
        for (String o : ours) {
            for (String ref : headlineRefs(o, impls)) {
                header.append(' ').append(o).append('/').append(ref).append(" |");
                rule.append("---:|");
            }
        }
        md.append(header).append('\n').append(rule).append('\n');
        for (Headline h : headlines(d)) {
            md.append("| ").append(h.label()).append(" |");
            for (String i : impls) {
                md.append(' ').append(cell(d.get(i, h.scenario(), h.variant(), h.metric()), h.metric())).append(" |");
            }
            for (String o : ours) {
                for (String ref : headlineRefs(o, impls)) {
                    md.append(' ').append(ratio(d.get(o, h.scenario(), h.variant(), h.metric()),
                            d.get(ref, h.scenario(), h.variant(), h.metric()))).append(" |");
                }
            }
            md.append('\n');
        }
        md.append('\n');

        // targets
        md.append("## Targets (issue 19)\n\n");
        md.append("| target | ").append(String.join(" | ", ours)).append(" |\n|---|");
        md.append("---|".repeat(ours.size())).append('\n');
        Function<String, String> node = o -> "node";
        String bOpen = d.variants("B", "server_cpu_per_msg").stream().filter(v -> v.startsWith("open")).findFirst()
                .orElse(null);
        targetRow(md, d, ours, "echo with ack, open loop: CPU/msg ≤ 0.9× Node (B " + bOpen + ")", "B", bOpen,
                "server_cpu_per_msg", node, 0.9);
        for (String v : List.of("1000 receivers 100/s", "10000 receivers 5/s")) {
            if (d.variants("C", "delivery_ratio").contains(v)) {
                thresholdRow(md, d, ours, "broadcast delivered ≥ 99 % (C " + v + ")", "C", v, "delivery_ratio",
                        0.99);
            }
        }
        targetRow(md, d, ours, "broadcast p99 delay ≤ 1.5× Node (C 1000 receivers 100/s)", "C",
                d.variants("C", "delay_p99").contains("1000 receivers 100/s") ? "1000 receivers 100/s" : null,
                "delay_p99", node, 1.5);
        String c20 = d.variants("C", "server_cpu_per_delivery").contains("1000 receivers 20/s")
                ? "1000 receivers 20/s" : null;
        targetRow(md, d, ours, "Tomcat's CPU/delivery ≤ 1.1× Jetty's (C " + c20 + ")", "C", c20,
                "server_cpu_per_delivery", Report::jettyCounterpart, 1.1);
        List<String> aVariants = d.variants("A", "heap_per_conn");
        String a10k = aVariants.contains("10000 conns") ? "10000 conns"
                : aVariants.isEmpty() ? null : aVariants.get(aVariants.size() - 1);
        targetRow(md, d, ours, "connect CPU/connection ≤ Node's (A " + a10k + ")", "A", a10k,
                "server_cpu_per_conn", node, 1.0);
        if (a10k != null) {
            md.append("| heap after GC per idle connection ≤ 8 KB Jetty, ≤ 12 KB Tomcat (A ").append(a10k)
                    .append(") |");
            for (String o : ours) {
                Double h = d.get(o, "A", a10k, "heap_per_conn");
                double limit = onTomcat(o) ? 12 * 1024 : 8 * 1024;
                md.append(' ').append(h == null ? "–" : format(h) + " B " + (h <= limit ? "✅" : "❌")).append(" |");
            }
            md.append('\n');
        }
        for (String v : d.variants("D", "server_cpu_per_msg")) {
            if (v.startsWith("keep-alive")) {
                targetRow(md, d, ours, "polling keep-alive CPU/msg ≤ Node's (D " + v + ")", "D", v,
                        "server_cpu_per_msg", node, 1.0);
            }
        }
        for (String v : d.variants("B", "server_cpu_per_msg")) {
            if (v.startsWith("closed")) {
                targetRow(md, d, ours, "(info) closed loop CPU/msg ÷ Node, to hold (B " + v + ")", "B", v,
                        "server_cpu_per_msg", node, Double.NaN);
            }
        }
        for (String v : d.variants("C", "server_cpu_per_delivery")) {
            targetRow(md, d, ours, "(info) broadcast CPU/delivery ÷ raw on the same container (C " + v + ")", "C",
                    v, "server_cpu_per_delivery", o -> sameContainerRaw(o, impls), Double.NaN);
        }
        for (String v : d.variants("E", "held")) {
            md.append("| held for the whole window, none dropped, heap ≤ 1 GB (E ").append(v).append(") |");
            for (String o : ours) {
                Double held = d.get(o, "E", v, "held");
                Double dropped = d.get(o, "E", v, "dropped_while_held");
                Double failed = d.get(o, "E", v, "failed");
                Double perConn = d.get(o, "E", v, "heap_per_conn");
                if (held == null) {
                    md.append(" – |");
                    continue;
                }
                boolean ok = (dropped == null || dropped == 0) && (failed == null || failed == 0)
                        && perConn != null && perConn * held <= 1024.0 * 1024 * 1024;
                md.append(' ').append(format(held)).append(" held, ")
                        .append(dropped == null ? "–" : format(dropped)).append(" dropped, ")
                        .append(failed == null ? "–" : format(failed)).append(" failed, heap ")
                        .append(perConn == null ? "–" : format(perConn * held / 1048576.0) + " MiB")
                        .append(ok ? " ✅" : " ❌").append(" |");
            }
            md.append('\n');
        }
        md.append('\n');

        // all figures
        md.append("## All figures\n\n");
        String[] names = {"A", "B", "C", "D", "E"};
        String[] titles = {"A: open WebSocket connections", "B: echo with ack over WebSocket",
            "C: broadcast fan-out", "D: echo with ack over long-polling", "E: hold many connections"};
        for (int s = 0; s < names.length; s++) {
            String scenario = names[s];
            List<Key> keys = d.figures.keySet().stream().filter(k -> k.scenario().equals(scenario)).toList();
            if (keys.isEmpty()) {
                continue;
            }
            md.append("### ").append(titles[s]).append("\n\n");
            md.append("| variant | metric | unit |");
            for (String i : impls) {
                md.append(' ').append(i).append(" |");
            }
            for (String o : ours) {
                for (String ref : List.of("node", "netty")) {
                    if (impls.contains(ref)) {
                        md.append(' ').append(o).append('/').append(ref).append(" |");
                    }
                }
            }
            md.append("\n|---|---|---|").append("---:|".repeat(impls.size()));
            for (String o : ours) {
                for (String ref : List.of("node", "netty")) {
                    if (impls.contains(ref)) {
                        md.append("---:|");
                    }
                }
            }
            md.append('\n');
            for (Key k : keys) {
                String unit = d.figures.get(k).values().iterator().next().unit();
                md.append("| ").append(k.variant()).append(" | ").append(k.metric())
                        .append(lowerIsBetter(k.metric()) ? " ↓" : "").append(" | ").append(unit).append(" |");
                for (String i : impls) {
                    md.append(' ').append(cell(d.get(i, k.scenario(), k.variant(), k.metric()), k.metric())).append(" |");
                }
                for (String o : ours) {
                    for (String ref : List.of("node", "netty")) {
                        if (impls.contains(ref)) {
                            md.append(' ').append(ratio(d.get(o, k.scenario(), k.variant(), k.metric()),
                                    d.get(ref, k.scenario(), k.variant(), k.metric()))).append(" |");
                        }
                    }
                }
                md.append('\n');
            }
            md.append('\n');
        }
        md.append("↓: lower is better. –: not measured (the raw references have no Socket.IO connections for A and E "
                + "beyond raw WebSockets, a scenario cut short, or an impl not in this run).\n");
        return md.toString();
    }

    /**
     * One row of the targets: for each of ours, its figure ÷ its reference's ({@code refOf}; null: "as above") with
     * ✅ when at most {@code factor}, or the bare ratio when {@code factor} is NaN (an informational row).
     */
    /** A row of each of ours against a fixed floor (a share or rate that must reach {@code atLeast}). */
    private static void thresholdRow(StringBuilder md, Data d, List<String> ours, String label, String scenario,
                                     String variant, String metric, double atLeast) {
        md.append("| ").append(label).append(" |");
        for (String o : ours) {
            Double mine = d.get(o, scenario, variant, metric);
            md.append(mine == null ? " – |"
                    : String.format(Locale.ROOT, " %.3f %s |", mine, mine >= atLeast ? "✅" : "❌"));
        }
        md.append('\n');
    }

    private static void targetRow(StringBuilder md, Data d, List<String> ours, String label, String scenario,
                                  String variant, String metric, Function<String, String> refOf, double factor) {
        if (variant == null || ours.stream().map(refOf).noneMatch(d.impls::contains)) {
            return; // no reference of this row in the run
        }
        md.append("| ").append(label).append(" |");
        for (String o : ours) {
            String ref = refOf.apply(o);
            if (ref == null) {
                md.append(" – |");
                continue;
            }
            Double mine = d.get(o, scenario, variant, metric);
            Double theirs = d.get(ref, scenario, variant, metric);
            if (mine == null || theirs == null || theirs == 0) {
                md.append(" – |");
            } else {
                double r = mine / theirs;
                md.append(Double.isNaN(factor) ? String.format(Locale.ROOT, " %.2f× (÷ %s) |", r, ref)
                        : String.format(Locale.ROOT, " %.2f× %s |", r, r <= factor ? "✅" : "❌"));
            }
        }
        md.append('\n');
    }

    public static void main(String[] args) throws IOException {
        Path run = null;
        Path out = null;
        Path chart = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--run" -> run = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--chart" -> chart = Path.of(args[i + 1]);
                default -> {
                    System.err.println("report: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (run == null || out == null) {
            System.err.println("usage: Report --run <run dir> --out <RESULTS.md> [--chart <png>]");
            System.exit(2);
            return;
        }
        Data data = read(run);
        String chartName = null;
        if (chart != null) {
            try {
                Chart.write(data, chart);
                Path base = out.toAbsolutePath().getParent();
                chartName = base == null ? chart.toString() : base.relativize(chart.toAbsolutePath()).toString();
            } catch (Exception | Error e) {
                System.err.println("report: no chart (" + e + ")");
            }
        }
        Files.writeString(out, markdown(data, chartName), StandardCharsets.UTF_8);
        System.err.println("report: wrote " + out + (chartName != null ? " and " + chart : ""));
    }
}
