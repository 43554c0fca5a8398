package io.socketee.bench.load;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A wire-level Socket.IO v5 client over Engine.IO 4 WebSocket (direct connection, no polling first), just what the
 * scenarios need: connect to namespace {@code /}, answer pings, send events with or without an ack id, and hand
 * received events and acks to a {@link Handler} as raw bytes (no JSON parsing). In {@code raw} mode it is a plain
 * WebSocket text client of the reference endpoint instead: "connected" is the upgrade, every text is an event.
 */
final class SioClient implements WsConn.Listener {
    /** What the scenario hears. Called on the loop thread; byte ranges are only valid during the call. */
    interface Handler {
        default void onConnect(SioClient client) {
        }

        /** An EVENT packet ({@code 42[...]}); in raw mode, any text. {@code data[offset]} is the packet's start. */
        default void onEvent(SioClient client, byte[] data, int offset, int length) {
        }

        /** An ACK packet ({@code 43<id>[...]}). */
        default void onAck(SioClient client, long ackId, byte[] data, int offset, int length) {
        }

        default void onClose(SioClient client, String reason) {
        }
    }

    private final Handler handler;
    private final boolean raw;
    private final WsConn ws;
    final int index;
    long connectStartNanos;
    long connectedNanos;
    boolean connected;
    boolean closed;
    String closeReason;
    private long nextAckId;

    // Scenario bookkeeping: send times of the messages in flight, oldest first (a ring).
    private long[] inFlight = new long[4];
    private int inFlightHead;
    private int inFlightSize;
    int counter;

    SioClient(Loop loop, Target target, int index, Handler handler) {
        this.handler = handler;
        this.raw = target.raw();
        this.index = index;
        this.ws = new WsConn(loop, target.hostPort(), raw ? target.rawPath() : "/socket.io/?EIO=4&transport=websocket",
                this);
    }

    void connect(InetSocketAddress remote, InetSocketAddress local) {
        connectStartNanos = System.nanoTime();
        ws.connect(remote, local);
    }

    @Override
    public void onOpen(WsConn conn) {
        if (raw) {
            markConnected();
        }
        // Engine.IO: the server sends its open packet first.
    }

    private void markConnected() {
        connected = true;
        connectedNanos = System.nanoTime();
        handler.onConnect(this);
    }

    @Override
    public void onText(WsConn conn, byte[] data, int offset, int length) {
        if (raw) {
            handler.onEvent(this, data, offset, length);
            return;
        }
        if (length == 0) {
            return;
        }
        switch (data[offset]) {
            case '0' -> conn.sendText(CONNECT); // Engine.IO open: connect to namespace "/"
            case '2' -> conn.sendText(PONG);
            case '1' -> conn.close("engine.io close");
            case '4' -> {
                if (length < 2) {
                    return;
                }
                switch (data[offset + 1]) {
                    case '0' -> markConnected();
                    case '2' -> handler.onEvent(this, data, offset, length);
                    case '3' -> {
                        long id = 0;
                        int i = offset + 2;
                        int end = offset + length;
                        while (i < end && data[i] >= '0' && data[i] <= '9') {
                            id = id * 10 + (data[i] - '0');
                            i++;
                        }
                        handler.onAck(this, id, data, offset, length);
                    }
                    case '4' -> conn.close("connect_error: " + new String(data, offset, length, StandardCharsets.UTF_8));
                    case '1' -> conn.close("disconnected by server");
                    default -> {
                        // binary events and the like: not used by the scenarios
                    }
                }
            }
            default -> {
                // noop, upgrade packets: not on a direct WebSocket
            }
        }
    }

    @Override
    public void onClose(WsConn conn, String reason) {
        connected = false;
        if (!closed) {
            closed = true;
            closeReason = reason;
            handler.onClose(this, reason);
        }
    }

    private static final byte[] CONNECT = {'4', '0'};
    private static final byte[] PONG = {'3'};

    /** Sends {@code 42<ackId><json>} (with {@code ackId < 0}: no ack id); returns the ack id used. */
    long emit(byte[] jsonArray, boolean withAck) {
        long id = withAck ? nextAckId++ : -1;
        byte[] digits = id >= 0 ? Long.toString(id).getBytes(StandardCharsets.US_ASCII) : new byte[0];
        byte[] payload = new byte[2 + digits.length + jsonArray.length];
        payload[0] = '4';
        payload[1] = '2';
        System.arraycopy(digits, 0, payload, 2, digits.length);
        System.arraycopy(jsonArray, 0, payload, 2 + digits.length, jsonArray.length);
        ws.sendText(payload);
        return id;
    }

    /** Sends a text message as it is (raw mode). */
    void sendRaw(byte[] text) {
        ws.sendText(text);
    }

    boolean isOpen() {
        return connected && ws.isOpen();
    }

    void close() {
        ws.closeGracefully();
    }

    // ---------------------------------------------------------------- in-flight send times (FIFO)

    void pushSendTime(long nanos) {
        if (inFlightSize == inFlight.length) {
            long[] bigger = new long[inFlight.length * 2];
            for (int i = 0; i < inFlightSize; i++) {
                bigger[i] = inFlight[(inFlightHead + i) % inFlight.length];
            }
            inFlight = bigger;
            inFlightHead = 0;
        }
        inFlight[(inFlightHead + inFlightSize) % inFlight.length] = nanos;
        inFlightSize++;
    }

    /** The oldest send time in flight, removed; -1 when none. */
    long popSendTime() {
        if (inFlightSize == 0) {
            return -1;
        }
        long t = inFlight[inFlightHead];
        inFlightHead = (inFlightHead + 1) % inFlight.length;
        inFlightSize--;
        return t;
    }

    int inFlight() {
        return inFlightSize;
    }

    void clearInFlight() {
        inFlightHead = 0;
        inFlightSize = 0;
    }
}
