package io.socketee.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@code stats} event of the bench contract answers on a JVM server: {@code connections}, {@code heapUsed}
 * (bytes of heap in use; after a full GC when asked with {@code {gc: true}}) and {@code rss} (resident set size in
 * bytes, from {@code /proc/self/status}).
 */
public final class ServerStats {
    private ServerStats() {
    }

    /** The stats map, ready for an ack; with {@code gc}, {@link System#gc()} runs (twice) first. */
    public static Map<String, Object> snapshot(int connections, boolean gc, String impl) {
        if (gc) {
            System.gc();
            System.gc();
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("connections", connections);
        stats.put("heapUsed", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        stats.put("rss", rssBytes());
        stats.put("impl", impl);
        stats.put("java", Runtime.version().toString());
        return stats;
    }

    /** Resident set size of this process in bytes (VmRSS), or -1 where /proc is not there. */
    public static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
