package io.socketee.bench.netty;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketConfig;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.Transport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The Java reference server of the Socketee benchmarks: netty-socketio implementing the bench contract (see
 * bench/README.md) on 127.0.0.1:{@code --port}. Prints {@code listening on 127.0.0.1:<port> (netty)} on standard
 * output once it accepts connections; SIGTERM stops it.
 */
public final class NettyBenchServer {
    private NettyBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = 3000;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            if (arg.startsWith("--port=")) {
                value = arg.substring("--port=".length());
            } else if (arg.equals("--port") && i + 1 < args.length) {
                value = args[++i];
            } else {
                System.err.println("netty bench server: unknown option '" + arg + "'");
                System.err.println("usage: NettyBenchServer [--port <0-65535>]");
                System.exit(2);
                return;
            }
            try {
                port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                System.err.println("netty bench server: bad --port '" + value + "'");
                System.exit(2);
                return;
            }
        }

        Configuration config = new Configuration();
        config.setHostname("127.0.0.1");
        config.setPort(port);
        config.setContext("/socket.io");
        config.setTransports(Transport.POLLING, Transport.WEBSOCKET);
        config.setPingInterval(25_000);
        config.setPingTimeout(20_000);
        config.setMaxHttpContentLength(1_000_000);
        config.setMaxFramePayloadLength(1_000_000);
        config.setHttpCompression(false);
        config.setWebsocketCompression(false);
        config.setOrigin("*");
        SocketConfig socket = new SocketConfig();
        socket.setAcceptBackLog(1024);
        socket.setReuseAddress(true);
        socket.setTcpNoDelay(true);
        config.setSocketConfig(socket);

        SocketIOServer server = new SocketIOServer(config);
        server.addEventListener("echo", Object.class, (client, data, ack) -> {
            if (ack.isAckRequested()) {
                ack.sendAckData(data);
            } else {
                client.sendEvent("echo", data);
            }
        });
        server.addEventListener("join", String.class, (client, room, ack) -> {
            client.joinRoom(room);
            if (ack.isAckRequested()) {
                ack.sendAckData("ok");
            }
        });
        server.addEventListener("leave", String.class, (client, room, ack) -> {
            client.leaveRoom(room);
            if (ack.isAckRequested()) {
                ack.sendAckData("ok");
            }
        });
        server.addMultiTypeEventListener("broadcast", (client, data, ack) -> {
            String room = data.size() > 0 ? String.valueOf((Object) data.get(0)) : "";
            Object payload = data.size() > 1 ? data.get(1) : null;
            server.getRoomOperations(room).sendEvent("bcast", payload);
            if (ack.isAckRequested()) {
                ack.sendAckData("ok");
            }
        }, String.class, Object.class);
        server.addEventListener("stats", Object.class, (client, data, ack) -> {
            boolean gc = data instanceof Map<?, ?> options && Boolean.TRUE.equals(options.get("gc"));
            if (gc) {
                System.gc();
                System.gc();
            }
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("connections", server.getAllClients().size());
            stats.put("heapUsed", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            stats.put("rss", rssBytes());
            stats.put("impl", "netty");
            stats.put("java", Runtime.version().toString());
            ack.sendAckData(stats);
        });

        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } finally {
                stopped.countDown();
            }
        }, "netty-bench-shutdown"));
        System.out.println("listening on 127.0.0.1:" + port + " (netty)");
        System.out.flush();
        stopped.await();
    }

    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
