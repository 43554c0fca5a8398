package io.socketee.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The load generator's options; {@code --quick} picks the short defaults. */
final class Options {
    String host = "127.0.0.1";
    int port = -1;
    String impl = "unknown";
    long serverPid;
    List<String> scenarios = List.of("A", "B", "C", "D");
    boolean quick;
    String out;
    int payload = 32;
    int concurrency = 200;
    double maxSeconds = 900;
    List<String> sourceAddresses = new ArrayList<>();
    // scenario sizes (filled from --quick when not given)
    int[] connLevels;
    int[] echoClients;
    int openClients = -1;
    int openRate = -1;
    int[] bcastReceivers;
    int bcastWindow = 4;
    /** C's paced variants: {receivers, broadcasts per second} pairs. */
    List<int[]> bcastPaced;
    double bcastRateSeconds = -1;
    int pollClients = 100;
    int holdConns = 100_000;
    double holdSeconds = 60;
    double warmup = -1;
    double warmupRun = -1;
    double duration = -1;

    static final String USAGE = """
            usage: LoadGenerator --port <n> --impl <name> [options]
              --host <ip>                  server address (default 127.0.0.1)
              --impl <name>                label of the server (raw, rawtomcat: the raw references, WebSocket text
                                           at /raw and long-polling at /raw-poll instead of Socket.IO)
              --server-pid <pid>           the server's PID, for CPU (utime+stime) and RSS from /proc
              --scenarios A,B,C,D,E        which scenarios (default A,B,C,D)
              --quick                      short sizes and windows (smoke check)
              --out <file>                 append the figures as TSV (impl scenario variant metric value unit)
              --payload <bytes>            echo/broadcast payload size (default 32)
              --concurrency <n>            handshakes in flight while opening connections (default 200)
              --conns 1000,5000,10000      A: connection levels
              --echo-clients 100,1000      B: closed-loop client counts
              --open-clients <n>           B: clients of the open loop (default 100 quick, 1000 full)
              --rate <msgs/s>              B: offered rate of the open loop (default 2000 quick, 5000 full)
              --bcast-receivers 1000,10000 C: room sizes
              --bcast-window <n>           C: broadcasts in flight of the closed loop (default 4)
              --bcast-paced RxN,...        C: paced variants, N broadcasts/s to R receivers (default 1000x20 quick,
                                           1000x20,1000x100,10000x5 full; "none": no paced variant)
              --bcast-rate-seconds <s>     C: its measured window (default 3 quick, 15 full)
              --poll-clients <n>           D: long-polling clients (default 100)
              --hold-conns <n>             E: connections to hold (default 100000, capped by the open-files limit)
              --hold-seconds <s>           E: how long to hold them (default 60)
              --source-addresses a,b,...   local addresses to connect from, round-robin (E sets 127.0.0.x itself)
              --warmup <s>, --duration <s> warm-up and measured window of B, C, D
              --server-warmup <s>          connections, echo and polling before the first scenario, not measured (default 4 quick, 80 full)
              --max-seconds <s>            overall bound; scenarios left are skipped (default 900)
            """;

    private static final java.util.Set<String> KNOWN = java.util.Set.of("--host", "--port", "--impl", "--server-pid",
            "--scenarios", "--out", "--payload", "--concurrency", "--conns", "--echo-clients", "--open-clients",
            "--rate", "--bcast-receivers", "--bcast-window", "--bcast-paced", "--bcast-rate-seconds", "--poll-clients", "--hold-conns", "--hold-seconds",
            "--source-addresses", "--warmup", "--server-warmup", "--duration", "--max-seconds");

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("--quick")) {
                o.quick = true;
                continue;
            }
            if (!KNOWN.contains(arg)) {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                value = args[++i];
            }
            switch (arg) {
                case "--host" -> o.host = value;
                case "--port" -> o.port = Integer.parseInt(value);
                case "--impl" -> o.impl = value;
                case "--server-pid" -> o.serverPid = Long.parseLong(value);
                case "--scenarios" -> o.scenarios = Arrays.stream(value.split(","))
                        .map(s -> s.trim().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
                case "--out" -> o.out = value;
                case "--payload" -> o.payload = Integer.parseInt(value);
                case "--concurrency" -> o.concurrency = Integer.parseInt(value);
                case "--conns" -> o.connLevels = ints(value);
                case "--echo-clients" -> o.echoClients = ints(value);
                case "--open-clients" -> o.openClients = Integer.parseInt(value);
                case "--rate" -> o.openRate = Integer.parseInt(value);
                case "--bcast-receivers" -> o.bcastReceivers = ints(value);
                case "--bcast-window" -> o.bcastWindow = Integer.parseInt(value);
                case "--bcast-paced" -> o.bcastPaced = paced(value);
                case "--bcast-rate-seconds" -> o.bcastRateSeconds = Double.parseDouble(value);
                case "--poll-clients" -> o.pollClients = Integer.parseInt(value);
                case "--hold-conns" -> o.holdConns = Integer.parseInt(value);
                case "--hold-seconds" -> o.holdSeconds = Double.parseDouble(value);
                case "--source-addresses" -> o.sourceAddresses = new ArrayList<>(Arrays.asList(value.split(",")));
                case "--warmup" -> o.warmup = Double.parseDouble(value);
                case "--server-warmup" -> o.warmupRun = Double.parseDouble(value);
                case "--duration" -> o.duration = Double.parseDouble(value);
                case "--max-seconds" -> o.maxSeconds = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (o.port < 1 || o.port > 65535) {
            throw new IllegalArgumentException("--port is required (1-65535)");
        }
        for (String s : o.scenarios) {
            if (!List.of("A", "B", "C", "D", "E").contains(s)) {
                throw new IllegalArgumentException("unknown scenario '" + s + "' (expected A, B, C, D or E)");
            }
        }
        if (o.connLevels == null) {
            o.connLevels = o.quick ? new int[] {1000} : new int[] {1000, 5000, 10000};
        }
        if (o.echoClients == null) {
            o.echoClients = o.quick ? new int[] {100} : new int[] {100, 1000};
        }
        if (o.openClients < 0) {
            o.openClients = o.quick ? 100 : 1000;
        }
        if (o.openRate < 0) {
            o.openRate = o.quick ? 2000 : 5000;
        }
        if (o.bcastReceivers == null) {
            o.bcastReceivers = o.quick ? new int[] {1000} : new int[] {1000, 10000};
        }
        if (o.bcastPaced == null) {
            o.bcastPaced = paced(o.quick ? "1000x20" : "1000x20,1000x100,10000x5");
        }
        if (o.bcastRateSeconds < 0) {
            o.bcastRateSeconds = o.quick ? 3 : 15;
        }
        if (o.warmup < 0) {
            o.warmup = o.quick ? 1 : 5;
        }
        if (o.warmupRun < 0) {
            // 80 s: 30 s of connections, as after 20 s the handshake path was still compiling (connect CPU 1.3-2.6x
            // that after 60 s, A on Jetty and Tomcat: OPTIMISATIONS.md); 30 s of echo (bench/steady found the echo
            // path done after 20 s); 20 s of long-polling (see Scenarios.warmup)
            o.warmupRun = o.quick ? 4 : 80;
        }
        if (o.duration < 0) {
            o.duration = o.quick ? 2 : 10;
        }
        return o;
    }

    /** The raw references (on Jetty and on Tomcat) speak the raw protocols of RawEchoApp, not Socket.IO. */
    boolean rawTarget() {
        return impl.equals("raw") || impl.equals("rawtomcat");
    }

    /** {@code 1000x20,10000x5} as {receivers, rate} pairs; {@code none}: no pair. */
    private static List<int[]> paced(String value) {
        if (value.equals("none")) {
            return List.of();
        }
        List<int[]> pairs = new ArrayList<>();
        for (String pair : value.split(",")) {
            String[] parts = pair.trim().split("x");
            if (parts.length != 2) {
                throw new IllegalArgumentException("--bcast-paced wants receivers x rate pairs, e.g. 1000x100: " + pair);
            }
            pairs.add(new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])});
        }
        return pairs;
    }

    private static int[] ints(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
    }
}
