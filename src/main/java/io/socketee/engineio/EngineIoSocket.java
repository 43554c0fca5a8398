package io.socketee.engineio;

import io.socketee.engineio.protocol.DecodeException;
import io.socketee.engineio.protocol.Packet;
import io.socketee.engineio.protocol.PacketType;
import io.socketee.engineio.protocol.ProtocolVersion;
import io.socketee.engineio.spi.EngineIoRequest;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One Engine.IO session: a client connection that survives transport changes, with its heartbeat and its upgrade
 * from polling to WebSocket.
 *
 * <p>Threading: every method may be called from any thread. Listeners for one session are never called
 * concurrently: messages arrive in order, on the thread that read them (a container thread); the close listener runs
 * once, on the thread that closed the session. Listeners must not block. Sends never block: they queue, bounded by
 * {@link EngineIoConfig#maxBufferedBytes()}.
 *
 * <p>Locks (the package documentation has the whole model): {@code lock} guards the session's state and what the
 * session reads of its transports; {@code inbound} is held while incoming packets are handed to the message
 * listeners, taken before {@code lock}, never after. Under {@code lock} the session only decides: what a transport is
 * to write or close goes into the outbox, and {@link #afterUnlock()}, which every path out of {@code lock} calls, has
 * the transports write it without the lock, then tells the close listeners. No listener runs under {@code lock}.
 */
public final class EngineIoSocket {
    private static final System.Logger LOG = System.getLogger(EngineIoSocket.class.getName());

    private enum State { OPEN, CLOSING, CLOSED }

    private final EngineIoServer server;
    private final EngineIoConfig config;
    private final String id;
    private final ProtocolVersion version;
    private final EngineIoRequest request;
    /** The polling transport the session was opened on (kept, discarded, after an upgrade); null if none. */
    private final PollingTransport polling;

    /** The session lock: see the class javadoc. Package-private for the polling transport, which takes it. */
    final Object lock = new Object();
    /** Held while incoming packets are handed to listeners, so they are never delivered concurrently. */
    private final Object inbound = new Object();

    // guarded by lock
    private final ArrayDeque<Packet> writeBuffer = new ArrayDeque<>(4); // usually empty: sized for an idle session
    /** Guarded by {@code lock}; volatile for {@link #bufferedBytes()}, which reads it without. */
    private volatile long bufferedBytes;
    private Transport transport;
    private WebSocketTransport upgrading;
    private boolean probed;
    private State state = State.OPEN;
    private CloseReason closeReason;
    private boolean closeNotified;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> heartbeatTimeout;
    private ScheduledFuture<?> upgradeTimeout;
    private ScheduledFuture<?> closeTimeout;
    /** The transports with container I/O to do once the lock is released: null, one Transport, or a List of them. */
    private Object outbox;

    // Set once or twice per session, read for every message: immutable lists replaced under the lock.
    private volatile List<Consumer<String>> textListeners = List.of();
    private volatile List<Consumer<byte[]>> binaryListeners = List.of();
    private volatile List<Consumer<CloseReason>> closeListeners = List.of();
    private volatile List<Consumer<TransportName>> upgradeListeners = List.of();

    EngineIoSocket(EngineIoServer server, String id, ProtocolVersion version, EngineIoRequest request,
                   Transport transport) {
        this.server = server;
        this.config = server.config();
        this.id = id;
        this.version = version;
        this.request = request;
        this.transport = transport;
        this.polling = transport instanceof PollingTransport p ? p : null;
        if (transport instanceof WebSocketTransport ws) {
            ws.attach(this);
        } else if (polling != null) {
            polling.attach(this);
        }
    }

    /** The session id ({@code sid}), unguessable and never reused. */
    public String id() {
        return id;
    }

    public ProtocolVersion protocolVersion() {
        return version;
    }

    /** The transport in use now. */
    public TransportName transport() {
        synchronized (lock) {
            return transport.name();
        }
    }

    /** The handshake request. */
    public EngineIoRequest request() {
        return request;
    }

    public boolean isOpen() {
        synchronized (lock) {
            return state == State.OPEN;
        }
    }

    /** Called with each text message, in order. */
    public void onText(Consumer<String> listener) {
        synchronized (lock) {
            textListeners = appended(textListeners, listener);
        }
    }

    /** Called with each binary message, in order. The array belongs to the listener. */
    public void onBinary(Consumer<byte[]> listener) {
        synchronized (lock) {
            binaryListeners = appended(binaryListeners, listener);
        }
    }

    /** Called once when the session closes, for whatever reason. */
    public void onClose(Consumer<CloseReason> listener) {
        synchronized (lock) {
            closeListeners = appended(closeListeners, listener);
        }
    }

    /**
     * Called once when the session has upgraded to another transport (polling to WebSocket), with the new one; like
     * the message listeners, under {@code inbound} on the thread that read the upgrade packet.
     */
    public void onUpgrade(Consumer<TransportName> listener) {
        synchronized (lock) {
            upgradeListeners = appended(upgradeListeners, listener);
        }
    }

    private static <T> List<T> appended(List<T> list, T item) {
        List<T> out = new ArrayList<>(list.size() + 1);
        out.addAll(list);
        out.add(item);
        return List.copyOf(out);
    }

    /** Queues a text message; false when the session is no longer open. */
    public boolean send(String text) {
        return send(List.of(Packet.message(text)));
    }

    /** Queues a binary message; the array must not change afterwards. False when the session is no longer open. */
    public boolean send(byte[] data) {
        return send(List.of(Packet.message(data)));
    }

    /**
     * Queues packets as one unit: nothing another thread sends comes between them. The same packet instances may be
     * given to many sessions. False when the session is no longer open.
     */
    public boolean send(List<Packet> packets) {
        boolean sent;
        synchronized (lock) {
            sent = enqueue(packets);
        }
        afterUnlock();
        if (sent) {
            countSent(packets);
        }
        return sent;
    }

    private void countSent(List<Packet> packets) {
        EngineIoMetrics metrics = server.metrics();
        for (Packet packet : packets) {
            if (packet.type() == PacketType.MESSAGE) {
                metrics.sent(payloadSize(packet));
            }
        }
    }

    private static int payloadSize(Packet packet) {
        return packet instanceof Packet.Text text ? text.data().length() : ((Packet.Binary) packet).data().length;
    }

    /**
     * About how many bytes wait to be sent (estimated from packet sizes, as {@code maxBufferedBytes} counts them),
     * read without the lock: for metrics, not for decisions.
     */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /**
     * Queues packets only if the transport can write them at once (a held poll, or an idle WebSocket) and nothing
     * else is waiting; otherwise drops them. For messages that may be lost (Socket.IO's volatile emits).
     * Returns whether they were queued.
     */
    public boolean sendIfWritable(List<Packet> packets) {
        boolean sent = false;
        synchronized (lock) {
            if (state == State.OPEN && writeBuffer.isEmpty() && transport.idle()) {
                sent = enqueue(packets);
            }
        }
        afterUnlock();
        if (sent) {
            countSent(packets);
        }
        return sent;
    }

    /**
     * Closes at once as a connection the client lost ("transport error"), what is queued dropped: for a client known
     * to be back on another connection before this one was seen to fail. (A held polling GET whose TCP connection was
     * reset goes unnoticed by Jetty and Tomcat until it is written to; Node sees the socket close at once.)
     */
    public void closeAsLost() {
        closeNow(CloseReason.TRANSPORT_ERROR);
    }

    /** Closes the session after sending what is queued (reason "forced close"). */
    public void close() {
        close(CloseReason.FORCED_CLOSE);
    }

    // ------------------------------------------------------------------ lifecycle, called by the server

    /** Queues the open packet and starts the heartbeat. Listeners are attached before anything is flushed. */
    void open(String openPacketJson) {
        synchronized (lock) {
            writeBuffer.add(new Packet.Text(PacketType.OPEN, openPacketJson));
            if (version == ProtocolVersion.V4) {
                schedulePing();
            } else {
                resetHeartbeatTimeout(config.pingInterval().toMillis() + config.pingTimeout().toMillis());
            }
        }
    }

    /** Sends whatever is queued, if the transport can take it now. */
    void flushNow() {
        synchronized (lock) {
            flush();
        }
        afterUnlock();
    }

    /**
     * Closes with the given reason after sending what is queued. Over polling, as in Node, the queued packets go out
     * in one response and the close packet alone in the next (socket.io-client 4.x drops packets that come in the same
     * payload as the close packet); a client without a held GET gets them on its next GETs.
     */
    public void close(CloseReason reason) {
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
            cancelUpgrade();
            if (transport instanceof PollingTransport polling) {
                if (polling.writable() && writeBuffer.isEmpty()) {
                    writeBuffer.add(Packet.CLOSE);
                    flush();
                    finish(reason);
                } else {
                    flush();
                    polling.dropPost("closing (" + reason + ")");
                    toWriteOut(polling);
                    state = State.CLOSING;
                    closeReason = reason;
                    // No more pings, but a heartbeat deadline already set still ends the session (as in Node, where
                    // the close waits for the next poll while the ping timeout runs on): never later than it would
                    // have ended without the close, and at most pingTimeout from now.
                    cancel(pingTask);
                    closeTimeout = server.schedule(config.pingTimeout().toMillis(), () -> closeNow(reason));
                }
            } else {
                flush();
                finish(reason);
                ((WebSocketTransport) transport).closeWhenDrained();
                toWriteOut(transport);
            }
        }
        afterUnlock();
    }

    /**
     * Closes at once: what is queued is dropped; a held poll gets a close packet. A session that is closing already
     * keeps the reason it is closing for.
     */
    void closeNow(CloseReason reason) {
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            closeNowLocked(state == State.CLOSING ? closeReason : reason);
        }
        afterUnlock();
    }

    private void finish(CloseReason reason) {
        if (transport instanceof PollingTransport p) {
            p.dropPost("closed (" + reason + ")");
            toWriteOut(p);
        }
        state = State.CLOSED;
        closeReason = reason;
        cancel(pingTask);
        cancel(heartbeatTimeout);
        cancel(upgradeTimeout);
        cancel(closeTimeout);
        server.remove(this);
    }

    /**
     * After every release of {@code lock}: has the transports do the container I/O decided under it, then tells the
     * close listeners, once, so that they may touch other sessions. Package-private for the polling transport.
     */
    void afterUnlock() {
        Object out;
        CloseReason reason = null;
        synchronized (lock) {
            out = outbox;
            outbox = null;
            if (state == State.CLOSED && !closeNotified) {
                closeNotified = true;
                reason = closeReason;
            }
        }
        try {
            if (out instanceof Transport t) {
                t.writeOut();
            } else if (out != null) {
                for (Object t : (List<?>) out) {
                    ((Transport) t).writeOut();
                }
            }
        } finally { // a container failing the write must not keep the session's close from its listeners
            if (reason != null) {
                tellClosed(reason);
            }
        }
    }

    /** Marks a transport as having I/O to do once the lock is released (with the lock). */
    private void toWriteOut(Transport t) {
        if (outbox == null || outbox == t) {
            outbox = t;
        } else if (outbox instanceof Transport other) {
            List<Transport> both = new ArrayList<>(3);
            both.add(other);
            both.add(t);
            outbox = both;
        } else {
            @SuppressWarnings("unchecked")
            List<Transport> list = (List<Transport>) outbox;
            if (!list.contains(t)) {
                list.add(t);
            }
        }
    }

    private void tellClosed(CloseReason reason) {
        LOG.log(Level.DEBUG, () -> "session " + id + " closed: " + reason);
        server.metrics().closed(reason);
        for (Consumer<CloseReason> listener : closeListeners) {
            try {
                listener.accept(reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "close listener of session " + id + " failed", e);
            }
        }
    }

    // ------------------------------------------------------------------ sending, with the lock held

    private boolean enqueue(List<Packet> packets) {
        if (state != State.OPEN) {
            return false;
        }
        if (writeBuffer.isEmpty() && transport.writable() && sizeOf(packets) <= config.maxBufferedBytes()) {
            // nothing waits: straight to the transport, which encodes the packets before returning
            return sendNow(packets);
        }
        for (Packet p : packets) {
            writeBuffer.add(p);
            bufferedBytes += p.sizeEstimate();
        }
        if (bufferedBytes > config.maxBufferedBytes()) {
            LOG.log(Level.WARNING, "session " + id + " closed: more than " + config.maxBufferedBytes()
                    + " bytes waiting to be sent");
            closeNowLocked(CloseReason.TRANSPORT_ERROR);
            return false;
        }
        flush();
        return true;
    }

    private void flush() {
        if (state == State.CLOSED || writeBuffer.isEmpty() || !transport.writable()) {
            return;
        }
        List<Packet> batch = new ArrayList<>(writeBuffer);
        writeBuffer.clear();
        bufferedBytes = 0;
        sendNow(batch);
    }

    private static long sizeOf(List<Packet> packets) {
        long size = 0;
        for (int i = 0; i < packets.size(); i++) { // indexed: no iterator per send
            size += packets.get(i).sizeEstimate();
        }
        return size;
    }

    private boolean sendNow(List<Packet> packets) {
        toWriteOut(transport);
        if (!transport.send(packets)) {
            LOG.log(Level.WARNING, "session " + id + " closed: its WebSocket send queue is full");
            closeNowLocked(CloseReason.TRANSPORT_ERROR);
            return false;
        }
        return true;
    }

    /**
     * Marks the session closed before closing its transports: a container may call back into the session from
     * inside its close (Tomcat runs the endpoint's onClose synchronously), and must then find it closed already.
     */
    void closeNowLocked(CloseReason reason) {
        writeBuffer.clear();
        bufferedBytes = 0;
        finish(reason);
        cancelUpgrade();
        transport.close();
        toWriteOut(transport);
    }

    // ------------------------------------------------------------------ heartbeat

    private void schedulePing() {
        pingTask = server.schedule(config.pingInterval().toMillis(), this::sendPing);
    }

    private void sendPing() {
        synchronized (lock) {
            // No ping is pending from here on: the pong schedules the next one. (Asking the running task whether it
            // is done would say no until this method returns, and a quick pong in between would stop the heartbeat.)
            pingTask = null;
            if (state != State.OPEN) {
                return;
            }
            // armed before the ping goes out, so that a pong handled at once (even on this thread) disarms it
            resetHeartbeatTimeout(config.pingTimeout().toMillis());
            if (!writeBuffer.isEmpty() && writeBuffer.peekFirst().type() != PacketType.OPEN) {
                writeBuffer.addFirst(Packet.PING);   // ahead of a backlog, as the WebSocket transport puts it too
                bufferedBytes += Packet.PING.sizeEstimate();
                flush();
            } else {
                enqueue(List.of(Packet.PING));
            }
        }
        afterUnlock();
    }

    private void resetHeartbeatTimeout(long delayMillis) {
        cancel(heartbeatTimeout);
        heartbeatTimeout = server.schedule(delayMillis, () -> closeNow(CloseReason.PING_TIMEOUT));
    }

    // ------------------------------------------------------------------ incoming packets

    /** Handles packets that arrived on the session's transport, in order. */
    void onPackets(List<Packet> packets) {
        synchronized (inbound) {
            for (Packet packet : packets) {
                if (!handle(packet)) {
                    break;
                }
            }
        }
        afterUnlock();
    }

    /** Returns false when the session closed and later packets must be dropped. */
    private boolean handle(Packet packet) {
        switch (packet.type()) {
            case MESSAGE -> {
                if (!isOpen()) {
                    return false;
                }
                deliver(packet);
                return true;
            }
            case PING -> {
                if (version != ProtocolVersion.V3) {
                    return heartbeatDirectionError();
                }
                synchronized (lock) {
                    if (state != State.OPEN) {
                        return false;
                    }
                    resetHeartbeatTimeout(config.pingInterval().toMillis() + config.pingTimeout().toMillis());
                    enqueue(List.of(Packet.PONG));
                }
                return true;
            }
            case PONG -> {
                if (version != ProtocolVersion.V4) {
                    return heartbeatDirectionError();
                }
                synchronized (lock) {
                    if (state != State.OPEN) {
                        return false;
                    }
                    cancel(heartbeatTimeout);
                    heartbeatTimeout = null;
                    if (pingTask == null) {
                        schedulePing();
                    }
                }
                return true;
            }
            case CLOSE -> {
                closeByClient();
                return false;
            }
            case NOOP, UPGRADE -> {
                return true;
            }
            default -> {
                LOG.log(Level.DEBUG, () -> "session " + id + ": unexpected " + packet.type() + " packet");
                closeNow(CloseReason.PARSE_ERROR);
                return false;
            }
        }
    }

    /**
     * The client's close packet. Over polling, as in Node, a held GET is answered with a noop (the client is done with
     * it); when none is held, the GET the client may have sent at the same moment still gets that noop rather than a
     * 400 ({@link EngineIoServer#holdForLastPoll}). Then the session closes ("transport close").
     */
    private void closeByClient() {
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            if (transport instanceof PollingTransport p) {
                if (p.releaseForClientClose()) {
                    toWriteOut(p);
                } else {
                    server.holdForLastPoll(this);
                }
            }
            closeNowLocked(CloseReason.TRANSPORT_CLOSE);
        }
        afterUnlock();
    }

    /** Hands one packet to a transport that is writable now (with the lock). */
    private void sendOn(Transport t, Packet packet) {
        t.send(List.of(packet));
        toWriteOut(t);
    }

    private boolean heartbeatDirectionError() {
        LOG.log(Level.DEBUG, () -> "session " + id + ": heartbeat in the wrong direction for EIO=" + version.number());
        closeNow(CloseReason.TRANSPORT_ERROR);
        return false;
    }

    private void deliver(Packet packet) {
        server.metrics().received(payloadSize(packet));
        try {
            if (packet instanceof Packet.Text text) {
                for (Consumer<String> l : textListeners) {
                    l.accept(text.data());
                }
            } else {
                byte[] data = ((Packet.Binary) packet).data();
                for (Consumer<byte[]> l : binaryListeners) {
                    l.accept(data);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "message listener of session " + id + " failed", e);
        }
    }

    // ------------------------------------------------------------------ from the polling transport, with the lock

    /** Whether {@code polling} is this session's transport now (with the lock). */
    boolean onPolling(PollingTransport polling) {
        return transport == polling;
    }

    /** Whether the session is over (with the lock). */
    boolean isClosedLocked() {
        return state == State.CLOSED;
    }

    /**
     * The polling transport holds a GET now: it gets what is waiting; a closing session's last GET gets the close
     * packet (after what was queued, in a response of its own, as Node); during an upgrade whose probe succeeded it is
     * released with a noop, so that the client can send the upgrade packet.
     */
    void onPollReady(PollingTransport polling) {
        if (state == State.CLOSING && writeBuffer.isEmpty()) {
            writeBuffer.add(Packet.CLOSE);
            flush();
            finish(closeReason);
        } else if (!writeBuffer.isEmpty()) {
            flush();
        } else if (upgrading != null && probed) {
            sendOn(polling, Packet.NOOP);
        }
    }

    EngineIoServer server() {
        return server;
    }

    int maxHttpBufferSize() {
        return config.maxHttpBufferSize();
    }

    /** The polling transport the session was opened on; null for a session opened over WebSocket. */
    PollingTransport polling() {
        return polling;
    }

    // ------------------------------------------------------------------ WebSocket and upgrade

    /** A WebSocket with this sid wants to take over; false (and the socket is closed) when it may not. */
    boolean maybeUpgrade(WebSocketTransport ws) {
        boolean accepted;
        synchronized (lock) {
            accepted = state == State.OPEN && upgrading == null && transport instanceof PollingTransport;
            if (!accepted) {
                ws.close();
                toWriteOut(ws);
            } else {
                upgrading = ws;
                probed = false;
                ws.attach(this);
                upgradeTimeout = server.schedule(config.upgradeTimeout().toMillis(), () -> onUpgradeTimeout(ws));
            }
        }
        afterUnlock();
        return accepted;
    }

    private void onUpgradeTimeout(WebSocketTransport ws) {
        synchronized (lock) {
            if (upgrading == ws) {
                LOG.log(Level.DEBUG, () -> "session " + id + ": upgrade timed out");
                cancelUpgrade();
            }
        }
        afterUnlock();
    }

    private void cancelUpgrade() {
        cancel(upgradeTimeout);
        WebSocketTransport ws = upgrading;
        if (ws != null) {
            upgrading = null;
            probed = false;
            ws.close();
            toWriteOut(ws);
        }
    }

    void onWebSocketPacket(WebSocketTransport ws, Packet packet) {
        boolean ours;
        boolean upgraded = false;
        synchronized (lock) {
            ours = ws == transport;
            if (ws == upgrading) {
                upgraded = onUpgradePacket(ws, packet);
            } else if (!ours) {
                ws.close();
                toWriteOut(ws);
            }
        }
        if (ours) {
            onPackets(List.of(packet));
        } else {
            afterUnlock();
        }
        if (upgraded) {
            tellUpgraded(ws.name());
        }
    }

    private void tellUpgraded(TransportName name) {
        synchronized (inbound) {
            for (Consumer<TransportName> listener : upgradeListeners) {
                try {
                    listener.accept(name);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "upgrade listener of session " + id + " failed", e);
                }
            }
        }
    }

    /** Returns whether this packet completed the upgrade. */
    private boolean onUpgradePacket(WebSocketTransport ws, Packet packet) {
        if (packet.equals(Packet.PING_PROBE)) {
            sendOn(ws, Packet.PONG_PROBE);
            probed = true;
            // Release the held poll so that the client can pause polling and send the upgrade packet.
            if (transport instanceof PollingTransport polling && polling.writable() && writeBuffer.isEmpty()) {
                sendOn(polling, Packet.NOOP);
            }
        } else if (packet.type() == PacketType.UPGRADE && probed) {
            cancel(upgradeTimeout);
            PollingTransport polling = (PollingTransport) transport;
            transport = ws;
            upgrading = null;
            polling.discard("upgraded to websocket");
            toWriteOut(polling);
            LOG.log(Level.DEBUG, () -> "session " + id + " upgraded to websocket");
            server.metrics().upgraded();
            flush();
            return true;
        } else {
            LOG.log(Level.DEBUG, () -> "session " + id + ": unexpected " + packet.type() + " during upgrade");
            cancelUpgrade();
        }
        return false;
    }

    void onParseError(WebSocketTransport ws, DecodeException error) {
        LOG.log(Level.DEBUG, () -> "session " + id + ": bad frame: " + error.getMessage());
        boolean ours;
        synchronized (lock) {
            ours = ws == transport;
            if (ws == upgrading) {
                cancelUpgrade();
            }
        }
        afterUnlock();
        if (ours) {
            closeNow(CloseReason.PARSE_ERROR);
        }
    }

    void onTransportClose(WebSocketTransport ws) {
        onTransportEnd(ws, CloseReason.TRANSPORT_CLOSE);
    }

    void onTransportError(WebSocketTransport ws, Throwable error) {
        LOG.log(Level.DEBUG, () -> "session " + id + ": websocket error: " + error);
        onTransportEnd(ws, CloseReason.TRANSPORT_ERROR);
    }

    private void onTransportEnd(WebSocketTransport ws, CloseReason reason) {
        boolean ours;
        synchronized (lock) {
            ours = ws == transport && state != State.CLOSED;
            if (ws == upgrading) {
                cancelUpgrade();
            }
        }
        afterUnlock();
        if (ours) {
            closeNow(reason);
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "EngineIoSocket[" + id + ", EIO=" + version.number() + "]";
    }
}
