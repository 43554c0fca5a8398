package io.socketee.bench.load;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A wire-level Socket.IO v5 client over Engine.IO 4 long-polling (no upgrade): the handshake GET, the CONNECT POST,
 * one long-poll GET always outstanding, and POSTs one at a time (packets waiting meanwhile go together, separated by
 * {@code \x1e}). With {@code keepAlive}, one persistent connection for GETs and one for POSTs; without, a fresh TCP
 * connection ({@code Connection: close}) for every request.
 *
 * <p>Against a raw reference ({@link Target#raw()}) it speaks the raw long-polling echo of {@code RawEchoApp} with the
 * same requests and connections, minus the protocol: no handshake, {@code GET <rawPollPath>?id=<n>} always
 * outstanding, each message POSTed alone as it is, and the held GET bringing it back is its "ack".
 */
final class PollingClient {
    interface Handler {
        void onConnect(PollingClient client);

        void onAck(PollingClient client, long ackId);

        void onError(PollingClient client, String reason);
    }

    private static final String BASE = "/socket.io/?EIO=4&transport=polling";
    /** Raw client ids: from a random start, so that a second generator run against one server meets no old mailbox. */
    private static long nextRawId = java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40);

    private final Loop loop;
    private final Target target;
    private final InetSocketAddress remote;
    private final boolean keepAlive;
    private final Handler handler;
    private final boolean raw;
    /** Raw mode: where this client's messages go and come back. */
    private final String rawPath;
    private HttpConn getConn;
    private HttpConn postConn;
    private String sid;
    private boolean posting;
    private final List<byte[]> postQueue = new ArrayList<>(2);
    private long nextAckId;
    boolean connected;
    boolean failed;
    private boolean stopped;
    long connectStartNanos;
    long sendNanos;
    long requests;
    long staleRetries;

    PollingClient(Loop loop, Target target, boolean keepAlive, Handler handler) {
        this.loop = loop;
        this.target = target;
        this.remote = target.address();
        this.keepAlive = keepAlive;
        this.handler = handler;
        this.raw = target.raw();
        this.rawPath = raw ? target.rawPollPath() + "?id=" + nextRawId++ : null;
    }

    private HttpConn conn(boolean forPost) {
        if (keepAlive) {
            HttpConn c = forPost ? postConn : getConn;
            if (c == null || c.isClosed()) {
                c = new HttpConn(loop, target.hostPort(), true);
                c.open(remote);
                if (forPost) {
                    postConn = c;
                } else {
                    getConn = c;
                }
            }
            return c;
        }
        HttpConn c = new HttpConn(loop, target.hostPort(), false);
        c.open(remote);
        if (!forPost) {
            getConn = c; // the long poll under way, closed with the client
        }
        return c;
    }

    /** Sends a request on the GET or POST connection; once more on a new connection if a reused one was stale. */
    private void send(boolean forPost, String method, String path, byte[] body, HttpConn.Callback callback) {
        conn(forPost).request(method, path, body, new HttpConn.Callback() {
            private boolean retried;

            @Override
            public void onResponse(int status, byte[] data, int offset, int length) {
                callback.onResponse(status, data, offset, length);
            }

            @Override
            public void onError(String reason) {
                if (reason.equals(HttpConn.STALE) && !retried && !stopped && !failed) {
                    retried = true;
                    staleRetries++;
                    conn(forPost).request(method, path, body, this);
                } else {
                    callback.onError(reason);
                }
            }
        });
    }

    void start() {
        connectStartNanos = System.nanoTime();
        if (raw) {
            // nothing to set up: the first poll creates the client's mailbox
            connected = true;
            handler.onConnect(this);
            poll();
            return;
        }
        requests++;
        send(false, "GET", BASE, null, new HttpConn.Callback() {
            @Override
            public void onResponse(int status, byte[] body, int offset, int length) {
                String text = new String(body, offset, length, StandardCharsets.UTF_8);
                int at = text.indexOf("\"sid\":\"");
                if (status != 200 || !text.startsWith("0") || at < 0) {
                    fail("handshake: HTTP " + status + " " + text);
                    return;
                }
                sid = text.substring(at + 7, text.indexOf('"', at + 7));
                post("40".getBytes(StandardCharsets.US_ASCII));
                poll();
            }

            @Override
            public void onError(String reason) {
                fail("handshake: " + reason);
            }
        });
    }

    private String sessionPath() {
        return raw ? rawPath : BASE + "&sid=" + sid;
    }

    private void poll() {
        if (stopped || failed) {
            return;
        }
        requests++;
        send(false, "GET", sessionPath(), null, new HttpConn.Callback() {
            @Override
            public void onResponse(int status, byte[] body, int offset, int length) {
                if (raw && (status == 200 || status == 204)) {
                    if (status == 200 && !stopped) {
                        handler.onAck(PollingClient.this, 0); // the message came back
                    }
                    poll(); // 204: held too long without a message, poll again
                    return;
                }
                if (status != 200) {
                    fail("poll: HTTP " + status + " " + new String(body, offset, length, StandardCharsets.UTF_8));
                    return;
                }
                int start = offset;
                int end = offset + length;
                for (int i = offset; i <= end; i++) {
                    if (i == end || body[i] == 0x1e) {
                        onPacket(body, start, i - start);
                        start = i + 1;
                    }
                }
                poll();
            }

            @Override
            public void onError(String reason) {
                fail("poll: " + reason);
            }
        });
    }

    private void onPacket(byte[] data, int offset, int length) {
        if (length == 0 || stopped) {
            return;
        }
        switch (data[offset]) {
            case '2' -> post(new byte[] {'3'});
            case '1' -> fail("closed by server");
            case '6' -> {
                // noop
            }
            case '4' -> {
                if (length < 2) {
                    return;
                }
                if (data[offset + 1] == '0') {
                    connected = true;
                    handler.onConnect(this);
                } else if (data[offset + 1] == '3') {
                    long id = 0;
                    for (int i = offset + 2; i < offset + length && data[i] >= '0' && data[i] <= '9'; i++) {
                        id = id * 10 + (data[i] - '0');
                    }
                    handler.onAck(this, id);
                } else if (data[offset + 1] == '4') {
                    fail("connect_error " + new String(data, offset, length, StandardCharsets.UTF_8));
                }
            }
            default -> {
                // events are not used here
            }
        }
    }

    /** Sends {@code 42<id><json>} with an ack id; returns it. Raw mode: sends {@code jsonArray} as it is. */
    long emitWithAck(byte[] jsonArray) {
        long id = nextAckId++;
        if (raw) {
            post(jsonArray);
            return id;
        }
        byte[] digits = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
        byte[] packet = new byte[2 + digits.length + jsonArray.length];
        packet[0] = '4';
        packet[1] = '2';
        System.arraycopy(digits, 0, packet, 2, digits.length);
        System.arraycopy(jsonArray, 0, packet, 2 + digits.length, jsonArray.length);
        post(packet);
        return id;
    }

    private void post(byte[] packet) {
        postQueue.add(packet);
        if (!posting) {
            flushPosts();
        }
    }

    private void flushPosts() {
        if (postQueue.isEmpty() || failed) {
            return;
        }
        if (raw) {
            postBody(postQueue.remove(0)); // the raw server keeps one message per POST
            return;
        }
        int size = postQueue.size() - 1;
        for (byte[] p : postQueue) {
            size += p.length;
        }
        byte[] body = new byte[size];
        int at = 0;
        for (int i = 0; i < postQueue.size(); i++) {
            if (i > 0) {
                body[at++] = 0x1e;
            }
            byte[] p = postQueue.get(i);
            System.arraycopy(p, 0, body, at, p.length);
            at += p.length;
        }
        postQueue.clear();
        postBody(body);
    }

    private void postBody(byte[] body) {
        posting = true;
        requests++;
        send(true, "POST", sessionPath(), body, new HttpConn.Callback() {
            @Override
            public void onResponse(int status, byte[] responseBody, int offset, int length) {
                posting = false;
                if (status != 200) {
                    fail("post: HTTP " + status + " "
                            + new String(responseBody, offset, length, StandardCharsets.UTF_8));
                    return;
                }
                flushPosts();
            }

            @Override
            public void onError(String reason) {
                posting = false;
                fail("post: " + reason);
            }
        });
    }

    private void fail(String reason) {
        if (failed || stopped) {
            return;
        }
        failed = true;
        connected = false;
        handler.onError(this, reason);
        closeConnections();
    }

    /** Tells the server the session ends (a {@code 1} packet), then drops the connections. */
    void close() {
        if (stopped) {
            return;
        }
        if (sid != null && !failed) {
            // A last POST on a connection of its own, not waited for beyond the loop's next turns.
            HttpConn c = new HttpConn(loop, target.hostPort(), false);
            c.open(remote);
            c.request("POST", sessionPath(), new byte[] {'1'}, new HttpConn.Callback() {
                @Override
                public void onResponse(int status, byte[] body, int offset, int length) {
                }

                @Override
                public void onError(String reason) {
                }
            });
        }
        stopped = true;
        connected = false;
        closeConnections();
    }

    private void closeConnections() {
        if (getConn != null) {
            getConn.close("closed by client");
        }
        if (postConn != null) {
            postConn.close("closed by client");
        }
    }
}
