package io.socketee.engineio;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Engine.IO server settings, with the option names and defaults of the Node.js server. Immutable; build with
 * {@link #builder()}.
 *
 * @param pingInterval      how often the server pings an EIO=4 client (and tells an EIO=3 client to ping); 25 s
 * @param pingTimeout       how long to wait for the answer before closing; 20 s. EIO=3 sessions close after
 *                          {@code pingInterval + pingTimeout} without a ping from the client
 * @param upgradeTimeout    how long an upgrade may take before the new WebSocket is dropped; 10 s
 * @param maxHttpBufferSize largest POST body or WebSocket message, in bytes; 1,000,000 (advertised as {@code maxPayload})
 * @param maxBufferedBytes  largest amount of outgoing data queued for one session, in bytes (estimated from packet
 *                          sizes); a session over it is closed with "transport error". 16 MiB
 * @param transports        transports clients may use; both
 * @param allowUpgrades     whether polling sessions may upgrade to WebSocket; true
 * @param allowEIO3         whether EIO=3 (socket.io 2.x) clients are served; false, as in Node
 * @param cookie            session cookie on the handshake; none by default
 * @param cors              cross-origin settings for polling; none by default (no CORS headers)
 * @param allowRequest      handshake filter; allows everything by default
 * @param allowedOrigins    browser origins allowed to connect (checked against the {@code Origin} header of every
 *                          request and WebSocket upgrade, so another site's page cannot open a socket with the
 *                          user's cookies). Empty by default, which allows any origin for anonymous handshakes, as
 *                          Node does, but refuses a handshake that carries a container login or an
 *                          {@code HttpSession} from an origin whose host and port are not the request's
 *                          {@code Host} (cross-site WebSocket hijacking); once set, it alone decides, for every
 *                          request. Requests without {@code Origin} (non-browser clients) are not affected. A
 *                          refusal is a 403 {@code Forbidden}
 */
public record EngineIoConfig(Duration pingInterval, Duration pingTimeout, Duration upgradeTimeout,
                             int maxHttpBufferSize, long maxBufferedBytes, Set<TransportName> transports,
                             boolean allowUpgrades, boolean allowEIO3, Optional<CookieConfig> cookie,
                             Optional<CorsConfig> cors, AllowRequest allowRequest, Set<String> allowedOrigins) {

    public EngineIoConfig {
        requirePositive(pingInterval, "pingInterval");
        requirePositive(pingTimeout, "pingTimeout");
        requirePositive(upgradeTimeout, "upgradeTimeout");
        if (maxHttpBufferSize <= 0) {
            throw new IllegalArgumentException("maxHttpBufferSize must be positive");
        }
        if (maxBufferedBytes <= 0) {
            throw new IllegalArgumentException("maxBufferedBytes must be positive");
        }
        transports = Set.copyOf(transports);
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("at least one transport is needed");
        }
        Objects.requireNonNull(cookie, "cookie");
        Objects.requireNonNull(cors, "cors");
        Objects.requireNonNull(allowRequest, "allowRequest");
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** Whether a request with this {@code Origin} header (null when absent) may proceed. */
    public boolean originAllowed(String origin) {
        return origin == null || allowedOrigins.isEmpty() || allowedOrigins.contains(origin);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.pingInterval = pingInterval;
        b.pingTimeout = pingTimeout;
        b.upgradeTimeout = upgradeTimeout;
        b.maxHttpBufferSize = maxHttpBufferSize;
        b.maxBufferedBytes = maxBufferedBytes;
        b.transports = EnumSet.copyOf(transports);
        b.allowUpgrades = allowUpgrades;
        b.allowEIO3 = allowEIO3;
        b.cookie = cookie.orElse(null);
        b.cors = cors.orElse(null);
        b.allowRequest = allowRequest;
        b.allowedOrigins = allowedOrigins;
        return b;
    }

    /** Builds an {@link EngineIoConfig}; every setter is optional. Not thread-safe. */
    public static final class Builder {
        private Duration pingInterval = Duration.ofMillis(25_000);
        private Duration pingTimeout = Duration.ofMillis(20_000);
        private Duration upgradeTimeout = Duration.ofMillis(10_000);
        private int maxHttpBufferSize = 1_000_000;
        private long maxBufferedBytes = 16L << 20;
        private Set<TransportName> transports = EnumSet.allOf(TransportName.class);
        private boolean allowUpgrades = true;
        private boolean allowEIO3 = false;
        private CookieConfig cookie;
        private CorsConfig cors;
        private AllowRequest allowRequest = request -> true;
        private Set<String> allowedOrigins = Set.of();

        private Builder() {
        }

        public Builder pingInterval(Duration value) {
            this.pingInterval = value;
            return this;
        }

        public Builder pingTimeout(Duration value) {
            this.pingTimeout = value;
            return this;
        }

        public Builder upgradeTimeout(Duration value) {
            this.upgradeTimeout = value;
            return this;
        }

        public Builder maxHttpBufferSize(int bytes) {
            this.maxHttpBufferSize = bytes;
            return this;
        }

        public Builder maxBufferedBytes(long bytes) {
            this.maxBufferedBytes = bytes;
            return this;
        }

        public Builder transports(TransportName... values) {
            this.transports = values.length == 0 ? EnumSet.noneOf(TransportName.class) : EnumSet.of(values[0], values);
            return this;
        }

        public Builder allowUpgrades(boolean value) {
            this.allowUpgrades = value;
            return this;
        }

        public Builder allowEIO3(boolean value) {
            this.allowEIO3 = value;
            return this;
        }

        /** Sets the session cookie; {@code null} for none. */
        public Builder cookie(CookieConfig value) {
            this.cookie = value;
            return this;
        }

        /** Sets cross-origin handling; {@code null} for none. */
        public Builder cors(CorsConfig value) {
            this.cors = value;
            return this;
        }

        public Builder allowRequest(AllowRequest value) {
            this.allowRequest = Objects.requireNonNull(value, "allowRequest");
            return this;
        }

        /** Browser origins allowed to connect, e.g. {@code https://app.example}; none given allows any. */
        public Builder allowedOrigins(String... origins) {
            this.allowedOrigins = Set.of(origins);
            return this;
        }

        public EngineIoConfig build() {
            return new EngineIoConfig(pingInterval, pingTimeout, upgradeTimeout, maxHttpBufferSize, maxBufferedBytes,
                    transports, allowUpgrades, allowEIO3, Optional.ofNullable(cookie), Optional.ofNullable(cors),
                    allowRequest, allowedOrigins);
        }
    }
}
