package io.socketee.engineio;

import io.socketee.engineio.protocol.DecodeException;
import io.socketee.engineio.protocol.Packet;
import io.socketee.engineio.protocol.PacketCodec;
import io.socketee.engineio.protocol.PacketType;
import io.socketee.engineio.protocol.ProtocolVersion;
import io.socketee.engineio.spi.WebSocketChannel;
import io.socketee.engineio.spi.WebSocketHandler;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The WebSocket transport: a bounded queue of frames sent one at a time through the host's asynchronous sends, and
 * the handler the host calls with incoming frames.
 *
 * <p>Its own monitor guards the queue; it never calls into the session or the container while holding it. The
 * session queues frames and marks the close under its lock ({@link #send}, {@link #close}, {@link #closeWhenDrained});
 * {@link #writeOut()}, after the session released its lock, sends them and closes the connection.
 */
final class WebSocketTransport extends Transport implements WebSocketHandler, WebSocketChannel.SendCallback {
    private static final int NORMAL_CLOSURE = 1000;

    private final WebSocketChannel channel;
    private final ProtocolVersion version;
    private final boolean supportsBinary;
    private final long maxQueuedBytes;
    private volatile EngineIoSocket session;

    private final ArrayDeque<Object> queue = new ArrayDeque<>(4); // usually empty: sized for an idle connection
    private long queuedBytes;
    private long inFlightBytes;
    private boolean inFlight;
    private boolean pumping;
    private boolean closeWhenDrained;
    private boolean closed;
    /** Closed by the session, the connection not closed yet: {@link #writeOut()} closes it. */
    private boolean closePending;

    WebSocketTransport(WebSocketChannel channel, ProtocolVersion version, boolean supportsBinary, long maxQueuedBytes) {
        this.channel = channel;
        this.version = version;
        this.supportsBinary = supportsBinary;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    void attach(EngineIoSocket session) {
        this.session = session;
    }

    @Override
    TransportName name() {
        return TransportName.WEBSOCKET;
    }

    @Override
    synchronized boolean writable() {
        return !closed && !closeWhenDrained;
    }

    @Override
    synchronized boolean idle() {
        return !closed && !closeWhenDrained && !inFlight && queue.isEmpty();
    }

    @Override
    boolean send(List<Packet> packets) {
        synchronized (this) {
            if (closed || closeWhenDrained) {
                return true;
            }
            for (int i = 0; i < packets.size(); i++) { // indexed: no iterator per send
                Packet packet = packets.get(i);
                Object frame = frameOf(packet);
                queuedBytes += sizeOf(frame);
                if (packet.type() == PacketType.PING && packets.size() == 1) {
                    // A heartbeat goes before the frames waiting (it has no order with them): behind a long
                    // backlog it would reach the client after pingTimeout, which then drops a healthy connection.
                    queue.addFirst(frame);
                } else {
                    queue.add(frame);
                }
            }
            if (queuedBytes > maxQueuedBytes) {
                return false;
            }
        }
        return true;
    }

    @Override
    void writeOut() {
        pump();
        boolean closeNow;
        synchronized (this) {
            closeNow = closePending;
            closePending = false;
        }
        if (closeNow) {
            channel.close(NORMAL_CLOSURE, "");
        }
    }

    private Object frameOf(Packet packet) {
        if (packet instanceof Packet.Binary binary && supportsBinary) {
            return PacketCodec.encodeBinaryFrame(binary, version);
        }
        return PacketCodec.encodeText(packet, version);
    }

    private static long sizeOf(Object frame) {
        return frame instanceof String s ? s.length() : ((ByteBuffer) frame).remaining();
    }

    /**
     * Sends queued frames one at a time. Only one thread pumps; a send that completes synchronously makes the pumping
     * thread loop instead of recursing, and a completion on another thread pumps only when nobody else is.
     */
    private void pump() {
        synchronized (this) {
            if (pumping) {
                return;
            }
            pumping = true;
        }
        while (true) {
            Object frame;
            synchronized (this) {
                if (closed || inFlight) {
                    pumping = false;
                    return;
                }
                frame = queue.poll();
                if (frame == null) {
                    pumping = false;
                    if (!closeWhenDrained) {
                        return;
                    }
                    closed = true;
                } else {
                    inFlight = true;
                    inFlightBytes = sizeOf(frame);
                }
            }
            if (frame == null) {
                channel.close(NORMAL_CLOSURE, "");
                return;
            }
            if (frame instanceof String text) {
                channel.sendText(text, this);
            } else {
                channel.sendBinary((ByteBuffer) frame, this);
            }
        }
    }

    @Override
    public void onSent() {
        synchronized (this) {
            inFlight = false;
            queuedBytes -= inFlightBytes;
        }
        pump();
    }

    @Override
    public void onFailed(Throwable error) {
        synchronized (this) {
            inFlight = false;
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
        EngineIoSocket s = session;
        if (s != null) {
            s.onTransportError(this, error);
        }
    }

    /** Sends what is queued, then closes (in {@link #writeOut()}). */
    void closeWhenDrained() {
        synchronized (this) {
            closeWhenDrained = true;
        }
    }

    @Override
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closePending = true;
            queue.clear();
            queuedBytes = 0;
        }
    }

    // --- incoming, from the host ---

    @Override
    public void onText(String text) {
        EngineIoSocket s = session;
        if (s == null) {
            return;
        }
        try {
            s.onWebSocketPacket(this, PacketCodec.decodeText(text, version));
        } catch (DecodeException e) {
            s.onParseError(this, e);
        }
    }

    @Override
    public void onBinary(ByteBuffer data) {
        EngineIoSocket s = session;
        if (s == null) {
            return;
        }
        try {
            s.onWebSocketPacket(this, PacketCodec.decodeBinaryFrame(data, version));
        } catch (DecodeException e) {
            s.onParseError(this, e);
        }
    }

    @Override
    public void onClose() {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
        EngineIoSocket s = session;
        if (s != null) {
            s.onTransportClose(this);
        }
    }

    @Override
    public void onError(Throwable error) {
        EngineIoSocket s = session;
        if (s != null) {
            s.onTransportError(this, error);
        }
    }
}
