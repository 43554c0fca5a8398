package io.socketee.example.runtimes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Free TCP ports on 127.0.0.1 for the runtimes the tests start. */
final class Ports {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Ports() {
    }

    /** {@code n} different free ports (each held open until all are known, so none is handed out twice). */
    static int[] free(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0, 1, LOOPBACK);
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            held.forEach(Ports::closeQuietly);
        }
    }

    /**
     * An offset such that each of {@code ports} plus it is free on every interface, for runtimes that shift a fixed
     * set of ports by one offset (WildFly's {@code jboss.socket.binding.port-offset}).
     */
    static int freeOffset(int... ports) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(10_000, 50_000);
            boolean allFree = true;
            for (int port : ports) {
                allFree &= isFree(port + offset);
            }
            if (allFree) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing held
        }
    }
}
