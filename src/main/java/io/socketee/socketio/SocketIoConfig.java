package io.socketee.socketio;

import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.ConnectionStateRecovery;
import io.socketee.socketio.adapter.InMemoryAdapter;
import io.socketee.socketio.protocol.SocketIoParser;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Socket.IO server settings, with the option names and defaults of the Node.js server. Immutable; build with
 * {@link #builder()}. (Transport settings live in {@link io.socketee.engineio.EngineIoConfig}.)
 *
 * @param connectTimeout a connection that joins no namespace within this is closed; 45 s
 * @param maxAttachments most binary attachments one packet may announce; 10
 * @param adapter        creates each namespace's adapter; in memory by default
 * @param maxNamespaces  most namespaces one connection may join or be joining (in the middlewares); a CONNECT beyond
 *                       is refused with "Too many namespaces", before a dynamic namespace makes a child for it; 100
 *                       (Node sets no limit)
 * @param maxPendingAcks most acknowledgements a socket may wait for at once; an emit with ack beyond it fails at
 *                       once; 1000 (Node sets no limit)
 * @param cleanupEmptyChildNamespaces whether a child of a {@link DynamicNamespace} is removed, its adapter closed, as
 *                       soon as no socket is in it or connecting to it (Node's option of that name); false, as on
 *                       Node. Either way a child that never admitted a socket (its CONNECTs were refused, or their
 *                       connections closed in the middlewares) and that the application registered nothing on is
 *                       removed. Off, a child that admitted a socket stays as long as the server, so
 *                       a pattern clients may fill with names of their choosing grows with every name: switch this on
 *                       unless the application holds on to children ({@code socket.namespace()}) after their last
 *                       socket left, since a later CONNECT for the name gets a new child
 * @param parser         how packets are written and read, for every client of the server (Node's {@code parser}
 *                       option): {@link SocketIoParser#json()} by default, or
 *                       {@link io.socketee.socketio.protocol.msgpack.MsgPackParser} for clients using
 *                       {@code socket.io-msgpack-parser} (the {@code socket.io.msgpack.min.js} bundle); clients with
 *                       another parser cannot connect
 * @param handlers       where listeners registered without a {@link HandlerMode} run: {@link HandlerMode#INLINE} (on
 *                       the thread that read the packet, which they must not block; the default, as on Node) or
 *                       {@link HandlerMode#BLOCKING} (on the blocking executor, in order per socket), for applications
 *                       whose handlers all block (JPA, JDBC, REST clients)
 * @param blockingExecutor where {@link HandlerMode#BLOCKING} work runs; empty (the default) for the server's own: a
 *                       virtual thread per task on Java 21 and later, else a pool of 64 daemon threads (shut down by
 *                       {@link SocketIoServer#close()}). The servlet container initializer sets the container's
 *                       {@code java:comp/DefaultManagedExecutorService} when it has one and the application set
 *                       none. A given executor is not shut down by the server; it must not run tasks on the calling
 *                       thread, and should not reject them (a rejected task runs on the thread that submitted it)
 * @param maxQueuedEvents most events of one socket that may wait for a blocking listener (besides the one running);
 *                       an event beyond is not handled: a WARNING is logged (the first time for the socket, then
 *                       DEBUG) and, when the client asked for an ack, the ack is answered at once with
 *                       {@code {"message":"Too many events waiting on this socket"}}; 100
 * @param connectionStateRecovery lets clients that lost their connection resume their session (Node's option of that
 *                       name, see {@link ConnectionStateRecovery}); off (empty), as on Node
 */
public record SocketIoConfig(Duration connectTimeout, int maxAttachments, Adapter.Factory adapter, int maxNamespaces,
                             int maxPendingAcks, boolean cleanupEmptyChildNamespaces, SocketIoParser parser,
                             HandlerMode handlers, Optional<Executor> blockingExecutor, int maxQueuedEvents,
                             Optional<ConnectionStateRecovery> connectionStateRecovery) {
    public SocketIoConfig {
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (maxAttachments < 0) {
            throw new IllegalArgumentException("maxAttachments must not be negative");
        }
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(parser, "parser");
        if (maxNamespaces < 1 || maxPendingAcks < 1) {
            throw new IllegalArgumentException("maxNamespaces and maxPendingAcks must be positive");
        }
        Objects.requireNonNull(handlers, "handlers");
        Objects.requireNonNull(blockingExecutor, "blockingExecutor");
        if (maxQueuedEvents < 1) {
            throw new IllegalArgumentException("maxQueuedEvents must be positive");
        }
        Objects.requireNonNull(connectionStateRecovery, "connectionStateRecovery");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these settings, to change some of them. */
    public Builder toBuilder() {
        return builder().connectTimeout(connectTimeout).maxAttachments(maxAttachments).adapter(adapter)
                .maxNamespaces(maxNamespaces).maxPendingAcks(maxPendingAcks)
                .cleanupEmptyChildNamespaces(cleanupEmptyChildNamespaces).parser(parser).handlers(handlers)
                .blockingExecutor(blockingExecutor.orElse(null)).maxQueuedEvents(maxQueuedEvents)
                .connectionStateRecovery(connectionStateRecovery.orElse(null));
    }

    /** Builds a {@link SocketIoConfig}; every setter is optional. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(45);
        private int maxAttachments = 10;
        private Adapter.Factory adapter = InMemoryAdapter::new;
        private int maxNamespaces = 100;
        private int maxPendingAcks = 1000;
        private boolean cleanupEmptyChildNamespaces;
        private SocketIoParser parser = SocketIoParser.json();
        private HandlerMode handlers = HandlerMode.INLINE;
        private Executor blockingExecutor;
        private int maxQueuedEvents = 100;
        private ConnectionStateRecovery connectionStateRecovery;

        private Builder() {
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder maxAttachments(int value) {
            this.maxAttachments = value;
            return this;
        }

        public Builder adapter(Adapter.Factory value) {
            this.adapter = value;
            return this;
        }

        public Builder maxNamespaces(int value) {
            this.maxNamespaces = value;
            return this;
        }

        public Builder maxPendingAcks(int value) {
            this.maxPendingAcks = value;
            return this;
        }

        public Builder cleanupEmptyChildNamespaces(boolean value) {
            this.cleanupEmptyChildNamespaces = value;
            return this;
        }

        public Builder parser(SocketIoParser value) {
            this.parser = value;
            return this;
        }

        /** Where listeners registered without a mode run; see {@link SocketIoConfig#handlers()}. */
        public Builder handlers(HandlerMode value) {
            this.handlers = value;
            return this;
        }

        /**
         * The executor of blocking listeners, or null for the server's own; see
         * {@link SocketIoConfig#blockingExecutor()}.
         */
        public Builder blockingExecutor(Executor value) {
            this.blockingExecutor = value;
            return this;
        }

        /** See {@link SocketIoConfig#maxQueuedEvents()}. */
        public Builder maxQueuedEvents(int value) {
            this.maxQueuedEvents = value;
            return this;
        }

        /** Turns connection state recovery on with these settings; {@code null} turns it off. */
        public Builder connectionStateRecovery(ConnectionStateRecovery value) {
            this.connectionStateRecovery = value;
            return this;
        }

        public SocketIoConfig build() {
            return new SocketIoConfig(connectTimeout, maxAttachments, adapter, maxNamespaces, maxPendingAcks,
                    cleanupEmptyChildNamespaces, parser, handlers, Optional.ofNullable(blockingExecutor),
                    maxQueuedEvents, Optional.ofNullable(connectionStateRecovery));
        }
    }
}
