package io.socketee.socketio;

import io.socketee.socketio.adapter.Adapter;
import io.socketee.socketio.adapter.InMemoryAdapter;
import java.time.Duration;
import java.util.Objects;

/**
 * Socket.IO server settings, with the option names and defaults of the Node.js server. Immutable; build with
 * {@link #builder()}. (Transport settings live in {@link io.socketee.engineio.EngineIoConfig}.)
 *
 * @param connectTimeout a connection that joins no namespace within this is closed; 45 s
 * @param maxAttachments most binary attachments one packet may announce; 10
 * @param adapter        creates each namespace's adapter; in memory by default
 * @param maxNamespaces  most namespaces one connection may join; a CONNECT beyond is refused with
 *                       "Too many namespaces"; 100 (Node sets no limit)
 * @param maxPendingAcks most acknowledgements a socket may wait for at once; an emit with ack beyond it fails at
 *                       once; 1000 (Node sets no limit)
 */
public record SocketIoConfig(Duration connectTimeout, int maxAttachments, Adapter.Factory adapter, int maxNamespaces,
                             int maxPendingAcks) {
    public SocketIoConfig {
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (maxAttachments < 0) {
            throw new IllegalArgumentException("maxAttachments must not be negative");
        }
        Objects.requireNonNull(adapter, "adapter");
        if (maxNamespaces < 1 || maxPendingAcks < 1) {
            throw new IllegalArgumentException("maxNamespaces and maxPendingAcks must be positive");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these settings, to change some of them. */
    public Builder toBuilder() {
        return builder().connectTimeout(connectTimeout).maxAttachments(maxAttachments).adapter(adapter)
                .maxNamespaces(maxNamespaces).maxPendingAcks(maxPendingAcks);
    }

    /** Builds a {@link SocketIoConfig}; every setter is optional. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(45);
        private int maxAttachments = 10;
        private Adapter.Factory adapter = InMemoryAdapter::new;
        private int maxNamespaces = 100;
        private int maxPendingAcks = 1000;

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

        public SocketIoConfig build() {
            return new SocketIoConfig(connectTimeout, maxAttachments, adapter, maxNamespaces, maxPendingAcks);
        }
    }
}
