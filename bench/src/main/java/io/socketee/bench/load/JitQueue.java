package io.socketee.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How many methods a JVM server's JIT compilers still have to compile ({@code jcmd <pid> Compiler.queue}, the jcmd
 * beside the server's own java). Pinned to one core and saturated, a server starves its compiler threads: measured on
 * Jetty, 400-470 methods stayed queued for 100 s of polling load, and CPU per message fell 256 → 76 µs as the queue
 * drained. A warm-up is over when this is near zero.
 */
final class JitQueue {
    private JitQueue() {
    }

    /** Methods queued or being compiled; -1 when the server is not a JVM or jcmd did not answer within 10 s. */
    static int length(long pid) {
        Path jcmd;
        try {
            Path exe = Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe"));
            if (!exe.getFileName().toString().equals("java")) {
                return -1;
            }
            jcmd = exe.resolveSibling("jcmd");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Compiler.queue")
                    .redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readNBytes(1 << 20);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            if (p.exitValue() != 0) {
                return -1;
            }
            // Entries and current compiles name their method as Class::method; headers and "Empty" do not.
            return (int) new String(out, StandardCharsets.UTF_8).lines().filter(l -> l.contains("::")).count();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
