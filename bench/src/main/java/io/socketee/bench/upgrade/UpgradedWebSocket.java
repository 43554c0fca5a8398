package io.socketee.bench.upgrade;

import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.engineio.spi.WebSocketChannel;
import io.socketee.engineio.spi.WebSocketHandler;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WebSocket connection on the Servlet upgrade API: the {@link HttpUpgradeHandler} the container creates for
 * {@code request.upgrade(...)}, the Engine.IO {@link WebSocketChannel} of that connection, and its reader and writer
 * on the non-blocking streams of the {@link WebConnection}. RFC 6455 framing is ours ({@link FrameDecoder},
 * {@link Frames}); no extension or subprotocol is negotiated.
 *
 * <h2>Start</h2>
 * Tomcat calls {@link #init} after the servlet returned from {@code upgrade}; Jetty 12.1 calls it inside
 * {@code upgrade}, before the servlet can {@link #attach} the Engine.IO side. Whichever of the two comes second
 * (both on a container thread, under this object's monitor) starts I/O: the write listener, then
 * {@link EngineIoServer#openWebSocket} (whose first frames wait in the queue until the stream is writable), then the
 * read listener.
 *
 * <h2>Writing</h2>
 * One queue per connection, bounded ({@value #MAX_QUEUED_FRAMES} frames: Engine.IO keeps one send outstanding, plus a
 * pong and the close frame), guarded by the monitor of {@link #out}'s owner, the {@code Outbound} object. Under it and
 * only under it the streams' {@code isReady}/{@code write}/{@code flush} run, from whichever thread sends (a worker
 * that handled a message, a broadcasting thread, the heartbeat timer) or from {@code onWritePossible}: never two at
 * once, never a write the stream is not ready for. A send whose frame the container took at once (the stream still
 * ready after write and flush) completes inline, on the sending thread: no hand-off to another thread, the point of
 * this experiment. Otherwise it completes from {@code onWritePossible}. Callbacks always run after the monitor is
 * released (they send the next frame); no Engine.IO session lock is held when they, or any container I/O, run:
 * Engine.IO's {@code WebSocketTransport} calls the channel only after releasing the session's lock.
 *
 * <h2>Reading</h2>
 * Only the container's {@code onDataAvailable} reads (never two at once for one stream), into a per-thread buffer
 * ({@value #READ_BUFFER_BYTES} bytes: an idle connection holds none), decoded by this connection's
 * {@link FrameDecoder}, and hands messages to the Engine.IO handler on that thread, with no lock held.
 *
 * <h2>Ending</h2>
 * Both ways end in {@link #end}: once the close frame we wrote (an echo of the peer's close, a protocol error's 1002,
 * 1007 or 1009) has gone out, on the peer's close after ours, on an I/O error or end of input, or after
 * {@value #CLOSE_TIMEOUT_MILLIS} ms of a close handshake that does not finish. Tomcat releases the socket of a
 * {@code WebConnection} closed from another thread than its own (the timeout) only at the socket's next event (the
 * peer's close or FIN): a peer that vanished without either keeps its socket until the OS notices; the usual ends
 * (the peer's close frame, read on a container thread) close at once. The handler's calls never overlap:
 * {@link #dispatch} (an atomic state, no monitor) makes {@code onClose} wait for a read in progress, which then makes
 * it.
 */
public final class UpgradedWebSocket implements HttpUpgradeHandler, WebSocketChannel {
    private static final System.Logger LOG = System.getLogger(UpgradedWebSocket.class.getName());
    static final int MAX_QUEUED_FRAMES = 8;
    static final int READ_BUFFER_BYTES = 16 * 1024;
    static final long CLOSE_TIMEOUT_MILLIS = 2_000;
    /** Per container thread: the decoder copies out what it keeps, so the buffer is free again after each read. */
    private static final ThreadLocal<byte[]> READ_BUFFER = ThreadLocal.withInitial(() -> new byte[READ_BUFFER_BYTES]);
    /** Close-handshake timeouts only (one task per closing connection): nothing per message. */
    private static final ScheduledExecutorService CLOSE_TIMER = closeTimer();

    /** {@link #dispatch}: a read (or the start) is calling the handler. */
    private static final int READING = 1;
    /** {@link #dispatch}: the connection ended; onClose is delivered by whoever sees this first with READING clear. */
    private static final int ENDED = 2;

    /** What {@link #attach} brings: the Engine.IO server and the request it accepted. */
    private record Attachment(EngineIoServer server, EngineIoRequest request) {
    }

    // init and attach set these under this object's monitor; the start sets the streams, the decoder and the
    // handler once, before the first read or write, and other threads read them after (volatile)
    private WebConnection connection;
    private Attachment attachment;
    private volatile ServletInputStream in;
    private volatile ServletOutputStream out;
    private volatile WebSocketHandler handler;
    private volatile FrameDecoder decoder;

    private final Outbound outbound = new Outbound();
    private final AtomicInteger dispatch = new AtomicInteger();
    private volatile Throwable endCause;

    /** For the container ({@code request.upgrade} instantiates it); {@link #attach} brings the Engine.IO side. */
    public UpgradedWebSocket() {
    }

    private static ScheduledExecutorService closeTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "upgrade-websocket-close-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** The servlet's half of the start: called right after {@code request.upgrade} returned this handler. */
    void attach(EngineIoServer server, EngineIoRequest request) {
        boolean start;
        synchronized (this) {
            attachment = new Attachment(server, request);
            start = connection != null;
        }
        if (start) {
            start();
        }
    }

    @Override
    public void init(WebConnection webConnection) {
        boolean start;
        synchronized (this) {
            connection = webConnection;
            start = attachment != null;
        }
        if (start) {
            start();
        }
    }

    private void start() {
        dispatch.set(READING);  // the start calls the handler's side: an end meanwhile waits for it
        try {
            WebConnection c;
            Attachment a;
            synchronized (this) {
                c = connection;
                a = attachment;
            }
            in = c.getInputStream();
            out = c.getOutputStream();
            decoder = new FrameDecoder(a.server().config().maxHttpBufferSize());
            out.setWriteListener(outbound);
            handler = a.server().openWebSocket(this, a.request());
            in.setReadListener(new Inbound());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "upgrade websocket: cannot start the connection", e);
            endCause = e;
            terminate();
        } finally {
            leaveDispatch();
        }
    }

    @Override
    public void destroy() {
        // The container is done with the connection (Jetty: both streams closed; Tomcat: the socket closed).
        terminate();
    }

    // ------------------------------------------------------------------ WebSocketChannel: Engine.IO's sends

    @Override
    public void sendText(String text, SendCallback callback) {
        outbound.send(Frames.text(text), callback, Kind.DATA);
    }

    @Override
    public void sendBinary(ByteBuffer data, SendCallback callback) {
        outbound.send(Frames.binary(data), callback, Kind.DATA);
    }

    /** Starts the close handshake; the connection ends when the peer's close comes back, or after the timeout. */
    @Override
    public void close(int code, String reason) {
        outbound.send(Frames.close(code, reason), null, Kind.CLOSE);
    }

    // ------------------------------------------------------------------ ending

    /** Ends the connection: fails what was not sent, closes the streams, tells the handler once. Idempotent. */
    private void terminate() {
        List<SendCallback> unsent = outbound.end();
        if (unsent == null) {
            return;     // ended before
        }
        IOException closed = new IOException("WebSocket connection closed");
        for (SendCallback callback : unsent) {
            callback.onFailed(closed);
        }
        try {
            WebConnection c;
            synchronized (this) {
                c = connection;
            }
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            // closing a connection that failed already
        }
        int before = dispatch.getAndUpdate(s -> s | ENDED);
        if ((before & (READING | ENDED)) == 0) {
            deliverClose();
        }
    }

    private void leaveDispatch() {
        int before = dispatch.getAndUpdate(s -> s & ~READING);
        if ((before & ENDED) != 0) {
            deliverClose();
        }
    }

    private boolean enterDispatch() {
        while (true) {
            int s = dispatch.get();
            if ((s & ENDED) != 0) {
                return false;
            }
            if (dispatch.compareAndSet(s, s | READING)) {
                return true;
            }
        }
    }

    private boolean ended() {
        return (dispatch.get() & ENDED) != 0;
    }

    private void deliverClose() {
        WebSocketHandler h = handler;
        if (h == null) {
            return;     // never opened on the Engine.IO side
        }
        Throwable cause = endCause;
        if (cause != null) {
            h.onError(cause);
        }
        h.onClose();
    }

    private void endWith(Throwable cause) {
        if (endCause == null) {
            endCause = cause;
        }
        terminate();
    }

    // ------------------------------------------------------------------ writing

    private enum Kind {
        DATA,
        PONG,
        /**
         * Our close, first of the handshake (also on a protocol error): the connection ends on the peer's close or
         * end of input (the peer ends TCP once both closes crossed), or at the timeout. Ending once our close is out
         * could leave unread input, and the container's close of the socket then resets it: the peer would lose our
         * close frame (a 1009 for a message whose rest is still coming, say).
         */
        CLOSE,
        /** The echo of the peer's close: the last frame; the connection ends once it is out. */
        FINAL_CLOSE
    }

    private record Frame(byte[] bytes, SendCallback callback, Kind kind) {
    }

    /**
     * The write side. Its monitor guards the queue, the flags below, and every call on {@link #out}; callbacks and
     * {@link #terminate} run after it is released.
     */
    private final class Outbound implements WriteListener {
        private final ArrayDeque<Frame> queue = new ArrayDeque<>(2);
        /** Written to the stream, not yet known to be taken by the container (it was not ready after). */
        private final ArrayList<SendCallback> unconfirmed = new ArrayList<>(2);
        private boolean flushNeeded;
        /** A close frame is queued or written: nothing but a pong may follow. */
        private boolean closing;
        /** The connection ends once the queue has gone out (a FINAL_CLOSE, or the peer's close after ours). */
        private boolean endWhenFlushed;
        private boolean peerClosed;
        /** A write or flush threw: nothing more is written, the connection ends. */
        private boolean failed;
        private boolean ended;
        private ScheduledFuture<?> closeTimeout;

        void send(byte[] bytes, SendCallback callback, Kind kind) {
            List<SendCallback> sent;
            boolean endNow;
            String refused = null;
            synchronized (this) {
                if (ended || (closing && kind != Kind.PONG)) {
                    refused = ended ? "connection closed" : "connection closing";
                } else if (queue.size() >= MAX_QUEUED_FRAMES) {
                    refused = "more than " + MAX_QUEUED_FRAMES + " frames waiting";
                } else {
                    enqueue(new Frame(bytes, callback, kind));
                }
                sent = drain();
                endNow = shouldEnd();
            }
            if (refused != null) {
                if (kind == Kind.DATA && callback != null) {
                    callback.onFailed(new IOException(refused));
                }
            }
            finish(sent, endNow);
        }

        /** Called with the monitor held. */
        private void enqueue(Frame frame) {
            switch (frame.kind()) {
                case PONG -> {
                    queue.removeIf(f -> f.kind() == Kind.PONG);   // the newest ping's answer is enough (5.5.3)
                    queue.addFirst(frame);
                }
                case CLOSE, FINAL_CLOSE -> {
                    closing = true;
                    queue.removeIf(f -> f.kind() == Kind.PONG);
                    if (frame.kind() == Kind.FINAL_CLOSE) {
                        endWhenFlushed = true;
                    }
                    queue.add(frame);
                    scheduleCloseTimeout();
                }
                case DATA -> queue.add(frame);
            }
        }

        private void scheduleCloseTimeout() {
            if (closeTimeout == null) {
                closeTimeout = CLOSE_TIMER.schedule(UpgradedWebSocket.this::terminate, CLOSE_TIMEOUT_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
        }

        /** The peer's close frame: echo it unless ours went first; the connection then ends. */
        void peerClosed(int code, String reason) {
            boolean endNow;
            List<SendCallback> sent;
            synchronized (this) {
                if (ended) {
                    return;
                }
                peerClosed = true;
                if (!closing) {
                    enqueue(new Frame(Frames.close(code, reason), null, Kind.FINAL_CLOSE));
                } else {
                    endWhenFlushed = true;
                }
                sent = drain();
                endNow = shouldEnd();
            }
            finish(sent, endNow);
        }

        /**
         * Writes what the stream is ready for; returns the callbacks of frames the container has taken. Called with
         * the monitor held.
         */
        private List<SendCallback> drain() {
            ServletOutputStream stream = out;
            if (ended || failed || stream == null) {
                return List.of();   // before the start the first onWritePossible drains; after a failure, the end
            }
            List<SendCallback> sent = null;
            try {
                while (true) {
                    if (!stream.isReady()) {
                        return sent == null ? List.of() : sent;  // onWritePossible comes when it can take more
                    }
                    if (!unconfirmed.isEmpty()) {
                        if (sent == null) {
                            sent = new ArrayList<>(unconfirmed);
                        } else {
                            sent.addAll(unconfirmed);
                        }
                        unconfirmed.clear();
                    }
                    Frame next = queue.poll();
                    if (next == null) {
                        if (!flushNeeded) {
                            break;
                        }
                        flushNeeded = false;
                        stream.flush();
                        continue;
                    }
                    stream.write(next.bytes());
                    flushNeeded = true;
                    if (next.callback() != null) {
                        unconfirmed.add(next.callback());
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (endCause == null) {
                    endCause = e;
                }
                failed = true;      // the end fails what is queued and unconfirmed
                endWhenFlushed = true;
                return sent == null ? List.of() : sent;
            }
            return sent == null ? List.of() : sent;
        }

        /** Whether everything has gone out and the connection should end now. Called with the monitor held. */
        private boolean shouldEnd() {
            if (ended || !endWhenFlushed) {
                return false;
            }
            return failed || (queue.isEmpty() && !flushNeeded && unconfirmed.isEmpty());
        }

        private void finish(List<SendCallback> sent, boolean endNow) {
            for (int i = 0; i < sent.size(); i++) {
                sent.get(i).onSent();
            }
            if (endNow) {
                terminate();
            }
        }

        @Override
        public void onWritePossible() {
            List<SendCallback> sent;
            boolean endNow;
            synchronized (this) {
                sent = drain();
                endNow = shouldEnd();
            }
            finish(sent, endNow);
        }

        @Override
        public void onError(Throwable error) {
            endWith(error);
        }

        /**
         * Marks the connection ended; returns the callbacks of what was not sent, or null when it had ended before.
         */
        List<SendCallback> end() {
            ScheduledFuture<?> timeout;
            List<SendCallback> unsent = new ArrayList<>();
            synchronized (this) {
                if (ended) {
                    return null;
                }
                ended = true;
                timeout = closeTimeout;
                for (Frame f : queue) {
                    if (f.callback() != null) {
                        unsent.add(f.callback());
                    }
                }
                unsent.addAll(unconfirmed);
                queue.clear();
                unconfirmed.clear();
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
            return unsent;
        }
    }

    // ------------------------------------------------------------------ reading

    /** The read side: only the container calls it, one call at a time. */
    private final class Inbound implements ReadListener, FrameDecoder.Sink {
        @Override
        public void onDataAvailable() throws IOException {
            if (!enterDispatch()) {
                return;
            }
            try {
                byte[] buffer = READ_BUFFER.get();
                FrameDecoder frames = decoder;
                ServletInputStream input = in;
                while (!ended() && input.isReady()) {
                    int n = input.read(buffer);
                    if (n < 0) {
                        break;      // onAllDataRead follows
                    }
                    if (!frames.done()) {
                        frames.feed(buffer, 0, n, this);
                    }   // else: after a protocol error, read to the end and drop it (see Kind.CLOSE)
                }
            } finally {
                leaveDispatch();
            }
        }

        @Override
        public void onAllDataRead() {
            terminate();    // the peer closed its side (with or without a close frame)
        }

        @Override
        public void onError(Throwable error) {
            endWith(error);
        }

        @Override
        public void onText(String text) {
            if (!ended()) {
                handler.onText(text);
            }
        }

        @Override
        public void onBinary(ByteBuffer data) {
            if (!ended()) {
                handler.onBinary(data);
            }
        }

        @Override
        public void onPing(byte[] payload) {
            outbound.send(Frames.pong(payload), null, Kind.PONG);
        }

        @Override
        public void onPong(byte[] payload) {
            // unsolicited or an answer to a ping we never send: nothing to do (5.5.3)
        }

        @Override
        public void onClose(int code, String reason) {
            outbound.peerClosed(code, reason);
        }

        @Override
        public void onProtocolError(int closeCode, String reason) {
            LOG.log(System.Logger.Level.DEBUG, () -> "upgrade websocket: closing with " + closeCode + ": " + reason);
            outbound.send(Frames.close(closeCode, reason), null, Kind.CLOSE);
        }
    }
}
