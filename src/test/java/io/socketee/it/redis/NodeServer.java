package io.socketee.it.redis;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js socket.io server of {@code src/test/node} run for an interop test: started with one JSON argument, ready
 * when it prints {@code listening <port>} (within 20 s), its later output copied to the test's with a {@code [node]}
 * prefix, stopped by SIGTERM (then killed after 5 s).
 */
final class NodeServer implements AutoCloseable {
    private static final Path NODE_DIR = Path.of(System.getProperty("socketee.node.dir", "src/test/node"));

    private final Process process;
    private final String url;

    private NodeServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static NodeServer start(String script, String jsonArgument) throws Exception {
        Process process = new ProcessBuilder(List.of("node", script, jsonArgument))
                .directory(NODE_DIR.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return "FAIL " + e;
            }
        });
        String line;
        try {
            line = first.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
        if (line == null || !line.startsWith("listening ")) {
            process.destroyForcibly();
            throw new IllegalStateException("the Node server " + script + " did not start: " + line);
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> System.out.println("[node] " + l)), "node-output");
        drain.setDaemon(true);
        drain.start();
        return new NodeServer(process, "http://127.0.0.1:" + line.substring("listening ".length()).trim());
    }

    String url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
