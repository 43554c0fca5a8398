package io.socketee.engineio.websocket;

import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.spi.WebSocketChannel;
import io.socketee.engineio.spi.WebSocketHandler;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The JSR-356 endpoint of the WebSocket transport. Each connection gets its own instance, created by the
 * {@link EngineIoConfigurator} (never by container injection, which not every container performs), and finds the
 * server and the checked request in the {@link UpgradeHandoff} of its handshake.
 *
 * <p>Messages are gathered from partial frames into a buffer that grows as needed up to
 * {@code maxHttpBufferSize}; a larger message closes the connection with 1009. Sends go through
 * {@code getAsyncRemote()}: the transport keeps at most one outstanding per connection.
 */
public final class EngineIoEndpoint extends Endpoint {
    private static final int MESSAGE_TOO_BIG = 1009;
    private static final long IDLE_SLACK_MILLIS = 5_000;
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final Long CLOSE_SEND_TIMEOUT_MILLIS = 1_000L;
    /**
     * The container's buffer for one message, per session and direction. Our handlers take partial messages, so the
     * buffer only sets the size of the parts: Tomcat allocates it per session (8 KB binary and 8 K chars text by
     * default, most of an idle connection's memory) and delivers a part each time it fills. Jetty ignores it for
     * partial handlers but starts each text message's decoder at its input buffer size (4 KB by default, allocated
     * and zeroed per message), which {@link #JETTY_INPUT_BUFFER_SIZE} sets to this; the decoder grows as needed.
     */
    private static final int CONTAINER_MESSAGE_BUFFER = 1024;
    /** Jetty reads this endpoint-config property in {@code onOpen}; other containers ignore it. */
    private static final String JETTY_INPUT_BUFFER_SIZE = "org.eclipse.jetty.websocket.inputBufferSize";

    private static final System.Logger LOG = System.getLogger(EngineIoEndpoint.class.getName());
    private static final int INTERNAL_ERROR = 1011;

    private WebSocketHandler handler;

    EngineIoEndpoint() {
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        UpgradeHandoff handoff = (UpgradeHandoff) config.getUserProperties().remove(UpgradeHandoff.PROPERTY);
        if (handoff == null) {
            // The configurator admits no connection without a handoff; a runtime that opens one anyway lost it.
            LOG.log(System.Logger.Level.WARNING, "engine.io: a WebSocket connection opened without the upgrade the "
                    + "servlet checked (the runtime did not keep the handshake's endpoint configuration); closed");
            close(session, INTERNAL_ERROR, "no Engine.IO upgrade");
            return;
        }
        EngineIoServer server = handoff.server();
        int limit = server.config().maxHttpBufferSize();
        long heartbeat = server.config().pingInterval().toMillis() + server.config().pingTimeout().toMillis();
        session.setMaxIdleTimeout(heartbeat + IDLE_SLACK_MILLIS);
        // A client that stops reading must not hold a send forever: the send fails and the session closes. Jetty's
        // idle timeout (just set) already fails a connection whose writes make no progress, while its send timeout
        // schedules a timeout for every frame (3.4 % of a broadcast delivery's CPU, profiled): there it stays unset.
        if (!isJetty(session)) {
            session.getAsyncRemote().setSendTimeout(heartbeat);
        }
        // Tomcat writes close frames with a blocking send (20 s by default); keep a slow reader from holding the
        // thread that closes (often the heartbeat timer) that long. Other containers ignore the property.
        session.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, CLOSE_SEND_TIMEOUT_MILLIS);
        session.setMaxTextMessageBufferSize(CONTAINER_MESSAGE_BUFFER);
        session.setMaxBinaryMessageBufferSize(CONTAINER_MESSAGE_BUFFER);
        config.getUserProperties().put(JETTY_INPUT_BUFFER_SIZE, CONTAINER_MESSAGE_BUFFER);
        handler = server.openWebSocket(new JsrChannel(session), handoff.request());
        session.addMessageHandler(String.class, new TextAssembler(session, handler, limit));
        session.addMessageHandler(ByteBuffer.class, new BinaryAssembler(session, handler, limit));
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (handler != null) {
            handler.onClose();
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        if (handler != null) {
            handler.onError(error);
        }
    }

    private static boolean isJetty(Session session) {
        return session.getClass().getName().startsWith("org.eclipse.jetty.");
    }

    private static void closeTooBig(Session session) {
        close(session, MESSAGE_TOO_BIG, "message too big");
    }

    private static void close(Session session, int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | IllegalStateException ignored) {
            // already closing
        }
    }

    /**
     * Gathers the fragments of a message into one, up to the limit; a message that fits in one frame passes through
     * without copying. A larger message closes the connection with 1009.
     */
    private abstract static class Assembler<T> implements MessageHandler.Partial<T> {
        private final Session session;
        private final int limit;
        private int size;
        private boolean fragmented;
        private boolean tooBig;

        Assembler(Session session, int limit) {
            this.session = session;
            this.limit = limit;
        }

        @Override
        public final void onMessage(T part, boolean last) {
            if (tooBig) {
                return;
            }
            size += sizeOf(part);
            if (size > limit) {
                tooBig = true;
                discard();
                closeTooBig(session);
                return;
            }
            if (last && !fragmented) {
                size = 0;
                deliver(part);
                return;
            }
            fragmented = true;
            append(part);
            if (last) {
                size = 0;
                fragmented = false;
                deliver(takeWhole());
            }
        }

        abstract int sizeOf(T part);

        abstract void append(T part);

        abstract T takeWhole();

        abstract void discard();

        abstract void deliver(T message);
    }

    private static final class TextAssembler extends Assembler<String> {
        private final WebSocketHandler handler;
        private StringBuilder pending;

        TextAssembler(Session session, WebSocketHandler handler, int limit) {
            super(session, limit);
            this.handler = handler;
        }

        /** In UTF-8 bytes, as the limit is meant (and as Node's {@code ws} counts it), not in UTF-16 chars. */
        @Override
        int sizeOf(String part) {
            return utf8Length(part);
        }

        @Override
        void append(String part) {
            if (pending == null) {
                pending = new StringBuilder(part.length() * 2);
            }
            pending.append(part);
        }

        @Override
        String takeWhole() {
            String whole = pending.toString();
            pending = null;
            return whole;
        }

        @Override
        void discard() {
            pending = null;
        }

        @Override
        void deliver(String message) {
            handler.onText(message);
        }
    }

    /** The length of {@code text} in UTF-8, without encoding it (an unpaired surrogate counts as the 3 bytes of U+FFFD). */
    static int utf8Length(String text) {
        int bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2;     // the pair: 2 chars, 4 bytes
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    private static final class BinaryAssembler extends Assembler<ByteBuffer> {
        private final WebSocketHandler handler;
        private final int limit;
        private ByteBuffer pending;

        BinaryAssembler(Session session, WebSocketHandler handler, int limit) {
            super(session, limit);
            this.handler = handler;
            this.limit = limit;
        }

        @Override
        int sizeOf(ByteBuffer part) {
            return part.remaining();
        }

        @Override
        void append(ByteBuffer part) {
            if (pending == null || pending.remaining() < part.remaining()) {
                int needed = (pending == null ? 0 : pending.position()) + part.remaining();
                ByteBuffer grown = ByteBuffer.allocate(Math.min(limit, Math.max(needed * 2, 4096)));
                if (pending != null) {
                    pending.flip();
                    grown.put(pending);
                }
                pending = grown;
            }
            pending.put(part);
        }

        @Override
        ByteBuffer takeWhole() {
            ByteBuffer whole = pending.flip();
            pending = null;
            return whole;
        }

        @Override
        void discard() {
            pending = null;
        }

        @Override
        void deliver(ByteBuffer message) {
            handler.onBinary(message);
        }
    }

    /** The container session as the transport sees it. */
    private static final class JsrChannel implements WebSocketChannel {
        private final Session session;

        JsrChannel(Session session) {
            this.session = session;
        }

        @Override
        public void sendText(String text, SendCallback callback) {
            try {
                session.getAsyncRemote().sendText(text, handlerFor(callback));
            } catch (RuntimeException e) {
                callback.onFailed(e);
            }
        }

        @Override
        public void sendBinary(ByteBuffer data, SendCallback callback) {
            try {
                session.getAsyncRemote().sendBinary(data, handlerFor(callback));
            } catch (RuntimeException e) {
                callback.onFailed(e);
            }
        }

        private static SendHandler handlerFor(SendCallback callback) {
            return result -> {
                if (result.isOK()) {
                    callback.onSent();
                } else {
                    callback.onFailed(result.getException());
                }
            };
        }

        @Override
        public void close(int code, String reason) {
            try {
                if (session.isOpen()) {
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                }
            } catch (IOException | IllegalStateException ignored) {
                // already closed
            }
        }
    }
}
