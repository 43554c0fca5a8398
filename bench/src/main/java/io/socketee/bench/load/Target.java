package io.socketee.bench.load;

import java.net.InetSocketAddress;

/** The server under test: where it listens, and whether it is the raw reference (WebSocket text at {@code rawPath}). */
record Target(String host, int port, boolean raw, String rawPath) {
    String hostPort() {
        return host + ":" + port;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }
}
