package io.socketee.example.runtimes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A process the tests start (a runtime, or a command that sets one up), with its output in a log file; stopped by
 * pid. Also the process-level waits the runtime tests share.
 */
final class RuntimeProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;

    private RuntimeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in {@code dir} with {@code env} added, stdout and stderr into {@code log}. */
    static RuntimeProcess start(Path dir, Path log, Map<String, String> env, List<String> command) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new RuntimeProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Runs {@code command} to its end (at most {@code timeout}); fails with its output unless it exits 0. */
    static String run(Path dir, Path log, Map<String, String> env, Duration timeout, String... command)
            throws InterruptedException {
        RuntimeProcess p = start(dir, log, env, Arrays.asList(command));
        if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout + ":\n"
                    + p.tail());
        }
        if (p.process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + p.process.exitValue()
                    + ":\n" + p.tail());
        }
        return p.output();
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    String output() {
        return read(log);
    }

    String tail() {
        return tail(read(log));
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static String tail(String text) {
        return text.length() <= 6000 ? text : "…" + text.substring(text.length() - 6000);
    }

    /**
     * Stops the process with that pid and its descendants: SIGTERM, then SIGKILL after {@code grace}; returns once
     * they are gone.
     */
    static void stop(long pid, Duration grace) {
        ProcessHandle.of(pid).ifPresent(handle -> {
            List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
            all.add(0, handle);
            all.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + grace.toNanos();
            for (ProcessHandle h : all) {
                try {
                    h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            }
            all.forEach(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> h).join());
        });
    }

    void stop(Duration grace) {
        stop(pid(), grace);
    }

    /** Waits until the process has exited by itself; false after {@code timeout}. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The HTTP status of a GET of {@code uri}, or 0 when nothing answers. */
    static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until {@code condition} holds; fails with {@code what} and {@code diagnostics} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> diagnostics)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not within " + timeout + ":\n" + diagnostics.get());
            }
            Thread.sleep(200);
        }
    }

    /** The names of the live threads of the JVM with that pid ({@code jcmd Thread.print} of {@code javaHome}). */
    static List<String> threadNames(Path javaHome, long pid, Path workDir) throws InterruptedException {
        String dump = run(workDir, workDir.resolve("jcmd.log"), Map.of(), Duration.ofSeconds(60),
                javaHome.resolve("bin").resolve("jcmd").toString(), Long.toString(pid), "Thread.print");
        return dump.lines().filter(l -> l.startsWith("\"")).map(l -> l.substring(1, l.indexOf('"', 1))).toList();
    }

    static String java(Path javaHome) {
        return javaHome.resolve("bin").resolve("java").toString();
    }
}
