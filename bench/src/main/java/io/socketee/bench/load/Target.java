package io.socketee.bench.load;

import java.net.InetSocketAddress;

/**
 * The server under test: where it listens, and whether it is a raw reference (WebSocket text at {@code rawPath},
 * plain long-polling at {@code rawPollPath}).
 */
record Target(String host, int port, boolean raw, String rawPath, String rawPollPath) {
    String hostPort() {
        return host + ":" + port;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }
}
