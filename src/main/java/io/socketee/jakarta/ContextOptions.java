package io.socketee.jakarta;

import io.socketee.engineio.CookieConfig;
import io.socketee.engineio.CorsConfig;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.TransportName;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.adapter.ConnectionStateRecovery;
import io.socketee.socketio.redis.RedisAdapterConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The server options of a web application, read from its context parameters: {@code socketio.} followed by the option
 * name of the Node.js server. Durations are in milliseconds, sizes in bytes. Immutable.
 *
 * @param path        where the servlet serves, {@code /socket.io} by default
 * @param engine      the Engine.IO options
 * @param socketIo    the Socket.IO options (its adapter is the in-memory one; see {@code redis})
 * @param serveClient whether the browser bundle is served at {@code <path>/socket.io.js}; true by default, as on Node
 * @param redis       the Redis cluster to join ({@code socketio.redis.url}), or empty for the in-memory adapter
 */
record ContextOptions(String path, EngineIoConfig engine, SocketIoConfig socketIo, boolean serveClient,
                      Optional<Redis> redis) {
    static final String PREFIX = "socketio.";

    /** Every parameter this reads (and {@code socketio.enabled}), for the check against typos. */
    static final Set<String> KNOWN = Set.of("enabled", "path", "pingInterval", "pingTimeout", "upgradeTimeout",
            "maxHttpBufferSize", "maxBufferedBytes", "transports", "allowUpgrades", "allowEIO3", "cookie",
            "cors.origin", "cors.credentials", "cors.methods", "cors.allowedHeaders", "cors.maxAge",
            "connectTimeout", "maxAttachments", "cleanupEmptyChildNamespaces", "serveClient", "redis.url", "redis.key",
            "redis.requestsTimeout", "connectionStateRecovery", "connectionStateRecovery.maxDisconnectionDuration",
            "connectionStateRecovery.skipMiddlewares", "connectionStateRecovery.maxSessions",
            "connectionStateRecovery.maxPackets", "connectionStateRecovery.maxBytes");
    private static final List<String> RECOVERY_OPTIONS = List.of("maxDisconnectionDuration", "skipMiddlewares",
            "maxSessions", "maxPackets", "maxBytes");

    /**
     * The Redis adapter's settings.
     *
     * @param url    the Redis URI, e.g. {@code redis://127.0.0.1:6379} ({@code socketio.redis.url})
     * @param config the adapter's settings: {@code socketio.redis.key} and {@code socketio.redis.requestsTimeout}
     *               (milliseconds) with the defaults of Node's {@code @socket.io/redis-adapter}
     */
    record Redis(String url, RedisAdapterConfig config) {
    }

    /**
     * Reads the options from {@code params} (a context parameter by its full name; null when absent).
     *
     * @throws IllegalArgumentException naming the parameter, when a value is not valid
     */
    static ContextOptions read(Function<String, String> params) {
        Reader in = new Reader(params);
        String path = in.string("path").orElse("/socket.io");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(PREFIX + "path must start with /: " + path);
        }
        EngineIoConfig.Builder engine = EngineIoConfig.builder();
        in.millis("pingInterval").ifPresent(engine::pingInterval);
        in.millis("pingTimeout").ifPresent(engine::pingTimeout);
        in.millis("upgradeTimeout").ifPresent(engine::upgradeTimeout);
        in.integer("maxHttpBufferSize").ifPresent(v -> engine.maxHttpBufferSize(Math.toIntExact(v)));
        in.integer("maxBufferedBytes").ifPresent(engine::maxBufferedBytes);
        in.bool("allowUpgrades").ifPresent(engine::allowUpgrades);
        in.bool("allowEIO3").ifPresent(engine::allowEIO3);
        in.list("transports").ifPresent(names -> engine.transports(names.stream()
                .map(name -> TransportName.fromWire(name).orElseThrow(() -> new IllegalArgumentException(
                        PREFIX + "transports: unknown transport " + name)))
                .toArray(TransportName[]::new)));
        in.string("cookie").ifPresent(cookie -> {
            if ("true".equalsIgnoreCase(cookie)) {
                engine.cookie(CookieConfig.defaults());
            } else if (!"false".equalsIgnoreCase(cookie)) {
                CookieConfig defaults = CookieConfig.defaults();
                engine.cookie(new CookieConfig(cookie, defaults.path(), defaults.httpOnly(), defaults.sameSite()));
            }
        });
        in.list("cors.origin").ifPresent(origins -> engine.cors(new CorsConfig(origins,
                in.bool("cors.credentials").orElse(false),
                in.list("cors.methods").orElse(CorsConfig.DEFAULT_METHODS),
                in.list("cors.allowedHeaders").orElse(List.of()),
                in.integer("cors.maxAge").map(Duration::ofSeconds))));
        SocketIoConfig.Builder socketIo = SocketIoConfig.builder();
        in.millis("connectTimeout").ifPresent(socketIo::connectTimeout);
        in.integer("maxAttachments").ifPresent(v -> socketIo.maxAttachments(Math.toIntExact(v)));
        in.bool("cleanupEmptyChildNamespaces").ifPresent(socketIo::cleanupEmptyChildNamespaces);
        try {
            recovery(in).ifPresent(socketIo::connectionStateRecovery);
            Optional<Redis> redis = in.string("redis.url").map(url -> {
                RedisAdapterConfig.Builder config = RedisAdapterConfig.builder();
                in.string("redis.key").ifPresent(config::key);
                in.millis("redis.requestsTimeout").ifPresent(config::requestsTimeout);
                return new Redis(url, config.build());
            });
            return new ContextOptions(path, engine.build(), socketIo.build(), in.bool("serveClient").orElse(true),
                    redis);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("socket.io context parameters: " + e.getMessage(), e);
        }
    }

    /**
     * Connection state recovery: on with {@code socketio.connectionStateRecovery=true} (Node's defaults) or with any
     * {@code socketio.connectionStateRecovery.*} option (Node's names, and the bounds of
     * {@link ConnectionStateRecovery}); off by default.
     */
    private static Optional<ConnectionStateRecovery> recovery(Reader in) {
        String base = "connectionStateRecovery";
        Optional<Boolean> on = in.bool(base);
        boolean anyOption = RECOVERY_OPTIONS.stream().anyMatch(o -> in.string(base + "." + o).isPresent());
        if (on.isPresent() && !on.get()) {
            if (anyOption) {
                throw new IllegalArgumentException(PREFIX + base + " is false, but " + PREFIX + base
                        + ".* options are set");
            }
            return Optional.empty();
        }
        if (on.isEmpty() && !anyOption) {
            return Optional.empty();
        }
        ConnectionStateRecovery.Builder recovery = ConnectionStateRecovery.builder();
        in.millis(base + ".maxDisconnectionDuration").ifPresent(recovery::maxDisconnectionDuration);
        in.bool(base + ".skipMiddlewares").ifPresent(recovery::skipMiddlewares);
        in.integer(base + ".maxSessions").ifPresent(v -> recovery.maxSessions(Math.toIntExact(v)));
        in.integer(base + ".maxPackets").ifPresent(v -> recovery.maxPackets(Math.toIntExact(v)));
        in.integer(base + ".maxBytes").ifPresent(recovery::maxBytes);
        return Optional.of(recovery.build());
    }

    /** Typed access to the parameters, each failure naming its parameter. */
    private static final class Reader {
        private final Function<String, String> params;

        Reader(Function<String, String> params) {
            this.params = params;
        }

        Optional<String> string(String name) {
            String value = params.apply(PREFIX + name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        Optional<Long> integer(String name) {
            return string(name).map(value -> {
                try {
                    long n = Long.parseLong(value.replace("_", ""));
                    if (n < 0) {
                        throw new NumberFormatException("negative");
                    }
                    return n;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(PREFIX + name + " must be a non-negative integer: " + value);
                }
            });
        }

        Optional<Duration> millis(String name) {
            return integer(name).map(Duration::ofMillis);
        }

        Optional<Boolean> bool(String name) {
            return string(name).map(value -> {
                if ("true".equalsIgnoreCase(value)) {
                    return true;
                }
                if ("false".equalsIgnoreCase(value)) {
                    return false;
                }
                throw new IllegalArgumentException(PREFIX + name + " must be true or false: " + value);
            });
        }

        Optional<List<String>> list(String name) {
            return string(name).map(value -> {
                List<String> items = new ArrayList<>();
                Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
                return items;
            });
        }
    }
}
