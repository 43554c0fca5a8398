package io.socketee.bench.load;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A minimal HTTP/1.1 client connection on the {@link Loop}, for Engine.IO long-polling: one request at a time,
 * responses with {@code Content-Length} or chunked bodies, keep-alive (reused) or {@code Connection: close} (a fresh
 * connection per request, closed after the response).
 */
final class HttpConn extends Conn {
    /** The outcome of one request. Called on the loop thread. */
    interface Callback {
        void onResponse(int status, byte[] body, int offset, int length);

        void onError(String reason);
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};

    private final String hostPort;
    private final boolean keepAlive;
    private final ArrayDeque<Object[]> queued = new ArrayDeque<>(2);
    private boolean connected;
    private Callback current;
    /** Responses completed on this connection. */
    private int served;
    /** Connections opened by all HttpConns (for the report). */
    static long opened;
    // response parsing state
    private int status;
    private boolean headersDone;
    private long contentLength;
    private boolean chunked;
    private boolean serverCloses;
    private byte[] body;
    private int bodyLength;

    HttpConn(Loop loop, String hostPort, boolean keepAlive) {
        super(loop);
        this.hostPort = hostPort;
        this.keepAlive = keepAlive;
    }

    /** Whether a request is under way. */
    boolean busy() {
        return current != null || !queued.isEmpty();
    }

    /** Sends a request (queued while another is under way); {@code body} null for GET. */
    void request(String method, String pathAndQuery, byte[] requestBody, Callback callback) {
        StringBuilder head = new StringBuilder(160).append(method).append(' ').append(pathAndQuery)
                .append(" HTTP/1.1\r\nHost: ").append(hostPort).append("\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        if (requestBody != null) {
            head.append("Content-Type: text/plain;charset=UTF-8\r\nContent-Length: ").append(requestBody.length)
                    .append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = headBytes;
        if (requestBody != null) {
            bytes = new byte[headBytes.length + requestBody.length];
            System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
            System.arraycopy(requestBody, 0, bytes, headBytes.length, requestBody.length);
        }
        queued.add(new Object[] {bytes, callback});
        if (connected && current == null) {
            sendNext();
        }
    }

    void open(InetSocketAddress remote) {
        opened++;
        connect(remote, null);
    }

    /** The reason given to {@link Callback#onError} when a reused keep-alive connection was closed under a request. */
    static final String STALE = "stale keep-alive connection";

    @Override
    void onConnected() {
        connected = true;
        if (current == null) {
            sendNext();
        }
    }

    private void sendNext() {
        Object[] next = queued.poll();
        if (next == null) {
            return;
        }
        current = (Callback) next[1];
        status = 0;
        headersDone = false;
        contentLength = -1;
        chunked = false;
        serverCloses = false;
        bodyLength = 0;
        write((byte[]) next[0]);
    }

    @Override
    int onData(byte[] data, int offset, int length) {
        if (current == null) {
            close("unexpected bytes from server");
            return length;
        }
        int pos = offset;
        int end = offset + length;
        if (!headersDone) {
            int headerEnd = WsConn.indexOf(data, pos, end, CRLFCRLF);
            if (headerEnd < 0) {
                return 0;
            }
            parseHeaders(new String(data, pos, headerEnd - pos, StandardCharsets.ISO_8859_1));
            headersDone = true;
            pos = headerEnd + 4;
        }
        if (chunked) {
            while (true) {
                int lineEnd = WsConn.indexOf(data, pos, end, CRLF);
                if (lineEnd < 0) {
                    return pos - offset;
                }
                String sizeLine = new String(data, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                if (size == 0) {
                    // last chunk: skip optional trailers up to the empty line
                    int trailerEnd = WsConn.indexOf(data, lineEnd, end, CRLFCRLF);
                    if (trailerEnd < 0) {
                        return pos - offset;
                    }
                    pos = trailerEnd + 4;
                    complete();
                    return pos - offset;
                }
                if (end - (lineEnd + 2) < size + 2) {
                    return pos - offset;
                }
                appendBody(data, lineEnd + 2, size);
                pos = lineEnd + 2 + size + 2;
            }
        }
        if (contentLength >= 0) {
            long need = contentLength - bodyLength;
            int take = (int) Math.min(need, end - pos);
            appendBody(data, pos, take);
            pos += take;
            if (bodyLength == contentLength) {
                complete();
            }
            return pos - offset;
        }
        // No length: the body ends with the connection.
        appendBody(data, pos, end - pos);
        return length;
    }

    private void parseHeaders(String head) {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase().contains("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                serverCloses = true;
            }
        }
    }

    private void appendBody(byte[] data, int offset, int length) {
        int need = bodyLength + length;
        if (body == null || body.length < need) {
            byte[] bigger = new byte[Math.max(need, body == null ? 512 : body.length * 2)];
            if (bodyLength > 0) {
                System.arraycopy(body, 0, bigger, 0, bodyLength);
            }
            body = bigger;
        }
        System.arraycopy(data, offset, body, bodyLength, length);
        bodyLength = need;
    }

    private void complete() {
        Callback callback = current;
        current = null;
        served++;
        boolean reuse = keepAlive && !serverCloses;
        if (!reuse) {
            close("done");
        }
        callback.onResponse(status, body == null ? new byte[0] : body, 0, bodyLength);
        if (reuse && !isClosed()) {
            sendNext();
        }
    }

    @Override
    void onClosed(String reason) {
        connected = false;
        Callback callback = current;
        current = null;
        if (callback != null) {
            if (headersDone && !chunked && contentLength < 0) {
                callback.onResponse(status, body == null ? new byte[0] : body, 0, bodyLength);
            } else if (!reason.equals("done")) {
                // A server may close an idle keep-alive connection at any time: nothing of the answer came, so the
                // request may go again on a new connection (as HTTP clients do).
                callback.onError(served > 0 && !headersDone ? STALE : reason);
            }
        }
        for (Object[] q : queued) {
            ((Callback) q[1]).onError("connection closed: " + reason);
        }
        queued.clear();
    }
}
