package io.socketee.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * A minimal WebSocket client connection (RFC 6455) on the {@link Loop}: the HTTP upgrade, then text frames. Frames it
 * sends are masked with the all-zero key (valid, and the payload needs no copying); pings are answered with pongs;
 * fragmented messages are reassembled. No extensions are offered (no compression).
 */
final class WsConn extends Conn {
    /** What happens on the connection. Called on the loop thread. */
    interface Listener {
        /** The upgrade succeeded. */
        void onOpen(WsConn ws);

        /** A text message (UTF-8 bytes). */
        void onText(WsConn ws, byte[] data, int offset, int length);

        /** The connection closed (before or after the upgrade). */
        void onClose(WsConn ws, String reason);
    }

    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};

    private final byte[] upgradeRequest;
    private Listener listener;
    private boolean open;
    private byte[] fragments;
    private int fragmentsLength;
    /** For the caller's bookkeeping (the client object that owns this connection). */
    Object owner;

    WsConn(Loop loop, String hostPort, String pathAndQuery, Listener listener) {
        super(loop);
        this.listener = listener;
        this.upgradeRequest = ("GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: " + hostPort + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: c29ja2V0ZWUtYmVuY2gtMQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    boolean isOpen() {
        return open && !isClosed();
    }

    @Override
    void onConnected() {
        write(upgradeRequest);
    }

    @Override
    int onData(byte[] data, int offset, int length) {
        int pos = offset;
        int end = offset + length;
        if (!open) {
            int headerEnd = indexOf(data, pos, end, CRLFCRLF);
            if (headerEnd < 0) {
                if (length > 16 * 1024) {
                    close("upgrade response too long");
                    return length;
                }
                return 0;
            }
            // "HTTP/1.1 101 ..."
            if (headerEnd - pos < 12 || data[pos + 9] != '1' || data[pos + 10] != '0' || data[pos + 11] != '1') {
                String status = new String(data, pos, Math.min(headerEnd - pos, 40), StandardCharsets.US_ASCII);
                close("upgrade refused: " + status.lines().findFirst().orElse(""));
                return length;
            }
            pos = headerEnd + 4;
            open = true;
            listener.onOpen(this);
            if (isClosed()) {
                return length;
            }
        }
        while (pos < end && !isClosed()) {
            if (end - pos < 2) {
                break;
            }
            int b0 = data[pos] & 0xff;
            int b1 = data[pos + 1] & 0xff;
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0f;
            boolean masked = (b1 & 0x80) != 0;
            long len = b1 & 0x7f;
            int header = 2;
            if (len == 126) {
                if (end - pos < 4) {
                    break;
                }
                len = ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
                header = 4;
            } else if (len == 127) {
                if (end - pos < 10) {
                    break;
                }
                len = 0;
                for (int i = 2; i < 10; i++) {
                    len = (len << 8) | (data[pos + i] & 0xff);
                }
                header = 10;
            }
            if (masked) {
                header += 4; // servers do not mask; tolerate it anyway
            }
            if (len > 64L * 1024 * 1024) {
                close("frame too large");
                return length;
            }
            if (end - pos < header + len) {
                break;
            }
            int payload = pos + header;
            int n = (int) len;
            if (masked) {
                for (int i = 0; i < n; i++) {
                    data[payload + i] ^= data[payload - 4 + (i & 3)];
                }
            }
            pos = payload + n;
            switch (opcode) {
                case 0x1, 0x2 -> {
                    if (fin) {
                        listener.onText(this, data, payload, n);
                    } else {
                        fragmentsLength = 0;
                        appendFragment(data, payload, n);
                    }
                }
                case 0x0 -> {
                    appendFragment(data, payload, n);
                    if (fin) {
                        byte[] whole = fragments;
                        int wholeLength = fragmentsLength;
                        fragments = null;
                        fragmentsLength = 0;
                        listener.onText(this, whole, 0, wholeLength);
                    }
                }
                case 0x8 -> {
                    write(frame(0x8, new byte[0], 0, 0));
                    close("closed by server");
                    return length;
                }
                case 0x9 -> write(frame(0xA, data, payload, n));
                default -> {
                    // pong or unknown: ignore
                }
            }
        }
        return pos - offset;
    }

    private void appendFragment(byte[] data, int offset, int length) {
        int need = fragmentsLength + length;
        if (fragments == null || fragments.length < need) {
            byte[] bigger = new byte[Math.max(need, 1024)];
            if (fragmentsLength > 0) {
                System.arraycopy(fragments, 0, bigger, 0, fragmentsLength);
            }
            fragments = bigger;
        }
        System.arraycopy(data, offset, fragments, fragmentsLength, length);
        fragmentsLength = need;
    }

    @Override
    void onClosed(String reason) {
        open = false;
        listener.onClose(this, reason);
    }

    /** Sends a text message. */
    void sendText(byte[] utf8) {
        write(frame(0x1, utf8, 0, utf8.length));
    }

    void sendText(String text) {
        sendText(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a close frame and closes the connection. */
    void closeGracefully() {
        if (isOpen()) {
            write(frame(0x8, new byte[] {0x03, (byte) 0xe8}, 0, 2));
        }
        close("closed by client");
    }

    /** A masked frame (mask key 0: the payload is unchanged). */
    static byte[] frame(int opcode, byte[] payload, int offset, int length) {
        int header = length < 126 ? 6 : length < 65536 ? 8 : 14;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) (0x80 | opcode);
        if (length < 126) {
            frame[1] = (byte) (0x80 | length);
        } else if (length < 65536) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        // mask key: 4 zero bytes, already there
        System.arraycopy(payload, offset, frame, header, length);
        return frame;
    }

    static int indexOf(byte[] data, int from, int to, byte[] pattern) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
