package io.socketee.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node scripts of {@code src/test/node}, which drive the real npm clients (installed by {@code npm ci}).
 */
public final class NodeClients {
    private static final Path DIR = Path.of(System.getProperty("socketee.node.dir", "src/test/node"));

    private NodeClients() {
    }

    /** The outcome of one script run. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Whether the npm clients are installed. */
    public static boolean available() {
        return Files.isDirectory(DIR.resolve("node_modules"));
    }

    /** Runs {@code script} with one JSON argument; kills it after {@code timeout}. */
    public static Result run(String script, String jsonArgument, Duration timeout) {
        return runProcess(List.of("node", script, jsonArgument), DIR, timeout);
    }

    /** Runs {@code command} in {@code directory}, standard error merged into the output; kills it after {@code timeout}. */
    static Result runProcess(List<String> command, Path directory, Duration timeout) {
        String script = String.join(" ", command);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true);
        try {
            Process process = pb.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "killed after " + timeout + ": " + output.getNow(""));
            }
            return new Result(process.exitValue(), output.get(5, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("could not run " + script, e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
