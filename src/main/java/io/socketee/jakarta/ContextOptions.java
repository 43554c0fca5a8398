package io.socketee.jakarta;

import io.socketee.engineio.CookieConfig;
import io.socketee.engineio.CorsConfig;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.TransportName;
import io.socketee.socketio.HandlerMode;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.adapter.ConnectionStateRecovery;
import io.socketee.socketio.protocol.SocketIoParser;
import io.socketee.socketio.protocol.msgpack.MsgPackParser;
import io.socketee.socketio.admin.AdminUiOptions;
import io.socketee.socketio.redis.RedisAdapterConfig;
import io.socketee.socketio.redis.streams.RedisStreamsAdapterConfig;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The server options of a web application, read from its context parameters and, where the runtime has it, from
 * MicroProfile Config ({@link OptionSource}): {@code socketio.} followed by the option name of the Node.js server.
 * Durations are in milliseconds, sizes in bytes. Every option of {@link EngineIoConfig}, {@link SocketIoConfig} and
 * {@link RedisAdapterConfig} and {@link RedisStreamsAdapterConfig} that a value can express has a name here (the
 * hooks, {@code allowRequest} and middleware, are CDI beans instead). Immutable.
 *
 * @param path        where the servlet serves, {@code /socket.io} by default
 * @param engine      the Engine.IO options
 * @param socketIo    the Socket.IO options (its adapter is the in-memory one, see {@code redis}; its parser is named by
 *                    {@code socketio.parser}: {@code default} or {@code msgpack})
 * @param serveClient whether the browser bundle is served at {@code <path>/socket.io.js}; true by default, as on Node
 * @param redis       the Redis cluster to join ({@code socketio.redis.url}), or empty for the in-memory adapter
 * @param redisStreams the Redis Streams cluster to join ({@code socketio.redisStreams.url}), or empty; not with
 *                    {@code redis}
 * @param unknown     the {@code socketio.*} names the source has that are no option (typos, most likely)
 * @param adminUi     the Admin UI ({@code socketio.adminUi.enabled=true}), or empty for none
 */
record ContextOptions(String path, EngineIoConfig engine, SocketIoConfig socketIo, boolean serveClient,
                      Optional<Redis> redis, Optional<RedisStreams> redisStreams, Set<String> unknown,
                      Optional<AdminUi> adminUi) {
    static final String PREFIX = "socketio.";
    private static final List<String> RECOVERY_OPTIONS = List.of("maxDisconnectionDuration", "skipMiddlewares",
            "maxSessions", "maxPackets", "maxBytes");
    private static final System.Logger LOG = System.getLogger(ContextOptions.class.getName());

    /**
     * The Redis adapter's settings.
     *
     * @param url    the Redis URI, e.g. {@code redis://127.0.0.1:6379} ({@code socketio.redis.url})
     * @param config the adapter's settings ({@code socketio.redis.*}), with the defaults of Node's
     *               {@code @socket.io/redis-adapter}
     */
    record Redis(String url, RedisAdapterConfig config) {
    }

    /**
     * The Redis Streams adapter's settings.
     *
     * @param url    the Redis URI ({@code socketio.redisStreams.url})
     * @param config the adapter's settings ({@code socketio.redisStreams.*}), with the defaults of Node's
     *               {@code @socket.io/redis-streams-adapter}
     */
    record RedisStreams(String url, RedisStreamsAdapterConfig config) {
    }

    /**
     * The Admin UI's settings.
     *
     * @param path    where the dashboard is served in the context ({@code socketio.adminUi.path},
     *                {@code /socket.io-admin} by default); {@code none} serves no dashboard (the namespace stays)
     * @param options the instrumentation: {@code socketio.adminUi.namespace} ({@code /admin}),
     *                {@code socketio.adminUi.username} ({@code admin}) with {@code socketio.adminUi.passwordHash} (a
     *                bcrypt hash), or {@code socketio.adminUi.auth=none} for no authentication;
     *                {@code socketio.adminUi.readonly} ({@code false}), {@code socketio.adminUi.mode}
     *                ({@code development} or {@code production}; {@code development}), {@code socketio.adminUi.serverId}
     *                (the host name)
     */
    record AdminUi(Optional<String> path, AdminUiOptions options) {
    }

    /**
     * Reads the options from {@code source}.
     *
     * @throws IllegalArgumentException naming the option and where its value came from, when a value is not valid
     */
    static ContextOptions read(OptionSource source) {
        return read(source::value, source.names(PREFIX));
    }

    private static ContextOptions read(Function<String, Optional<OptionSource.Value>> values, Set<String> present) {
        Reader in = new Reader(values);
        in.string("enabled"); // the initializer's switch, read before this
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
        in.list("allowedOrigins").ifPresent(origins -> engine.allowedOrigins(origins.toArray(String[]::new)));
        cookie(in).ifPresent(engine::cookie);
        cors(in).ifPresent(engine::cors);
        SocketIoConfig.Builder socketIo = SocketIoConfig.builder();
        in.millis("connectTimeout").ifPresent(socketIo::connectTimeout);
        in.integer("maxAttachments").ifPresent(v -> socketIo.maxAttachments(Math.toIntExact(v)));
        in.integer("maxNamespaces").ifPresent(v -> socketIo.maxNamespaces(Math.toIntExact(v)));
        in.integer("maxPendingAcks").ifPresent(v -> socketIo.maxPendingAcks(Math.toIntExact(v)));
        in.bool("cleanupEmptyChildNamespaces").ifPresent(socketIo::cleanupEmptyChildNamespaces);
        in.string("parser").ifPresent(name -> socketIo.parser(parser(name)));
        in.string("handlers").ifPresent(mode -> socketIo.handlers(switch (mode.toLowerCase(java.util.Locale.ROOT)) {
            case "inline" -> HandlerMode.INLINE;
            case "blocking" -> HandlerMode.BLOCKING;
            default -> throw new IllegalArgumentException(PREFIX + "handlers must be inline or blocking: " + mode);
        }));
        in.integer("maxQueuedEvents").ifPresent(v -> socketIo.maxQueuedEvents(Math.toIntExact(v)));
        recovery(in).ifPresent(socketIo::connectionStateRecovery);
        boolean serveClient = in.bool("serveClient").orElse(true);
        Optional<Redis> redis = redis(in);
        Optional<RedisStreams> redisStreams = redisStreams(in);
        if (redis.isPresent() && redisStreams.isPresent()) {
            throw new IllegalArgumentException(PREFIX + "redis.url and " + PREFIX + "redisStreams.url are both set:"
                    + " a server joins one cluster");
        }
        Optional<AdminUi> adminUi = Optional.empty();
        if (in.bool("adminUi.enabled").orElse(false)) {
            adminUi = Optional.of(adminUi(in, path));
        } else {
            in.unused("adminUi.enabled", in.anySet("adminUi.path", "adminUi.namespace", "adminUi.auth",
                    "adminUi.username", "adminUi.passwordHash", "adminUi.readonly", "adminUi.mode",
                    "adminUi.serverId"), "the other socketio.adminUi.* options");
        }
        Set<String> unknown = new TreeSet<>(present);
        unknown.removeAll(in.asked);
        try {
            return new ContextOptions(path, engine.build(), socketIo.build(), serveClient, redis, redisStreams,
                    unknown, adminUi);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("socket.io options: " + e.getMessage(), e);
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

    /** The parser {@code socketio.parser} names. */
    static SocketIoParser parser(String name) {
        return switch (name) {
            case "default" -> SocketIoParser.json();
            case "msgpack" -> MsgPackParser.create();
            default -> throw new IllegalArgumentException(PREFIX + "parser must be default or msgpack: " + name);
        };
    }

    private static AdminUi adminUi(Reader in, String socketIoPath) {
        AdminUiOptions.Builder options = AdminUiOptions.builder();
        in.string("adminUi.namespace").ifPresent(options::namespaceName);
        String auth = in.string("adminUi.auth").orElse("basic");
        Optional<String> hash = in.string("adminUi.passwordHash");
        if (auth.equalsIgnoreCase("none")) {
            if (hash.isPresent()) {
                throw new IllegalArgumentException(PREFIX + "adminUi.auth is none, but " + PREFIX
                        + "adminUi.passwordHash is set");
            }
            options.noAuth();
        } else if (auth.equalsIgnoreCase("basic")) {
            options.basicAuth(in.string("adminUi.username").orElse("admin"), hash.orElseThrow(() ->
                    new IllegalArgumentException(PREFIX + "adminUi.passwordHash (a bcrypt hash) must be set, or "
                            + PREFIX + "adminUi.auth=none for a dashboard without a password")));
        } else {
            throw new IllegalArgumentException(PREFIX + "adminUi.auth must be basic or none: " + auth);
        }
        in.bool("adminUi.readonly").ifPresent(options::readonly);
        in.string("adminUi.mode").ifPresent(mode -> {
            try {
                options.mode(AdminUiOptions.Mode.of(mode));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PREFIX + "adminUi." + e.getMessage(), e);
            }
        });
        in.string("adminUi.serverId").ifPresent(options::serverId);
        String uiPath = in.string("adminUi.path").orElse("/socket.io-admin");
        if (uiPath.equalsIgnoreCase("none")) {
            return new AdminUi(Optional.empty(), options.build());
        }
        if (!uiPath.startsWith("/") || uiPath.equals("/")) {
            throw new IllegalArgumentException(PREFIX + "adminUi.path must start with / and name a path: " + uiPath);
        }
        if (uiPath.equals(socketIoPath)) {
            throw new IllegalArgumentException(PREFIX + "adminUi.path must differ from " + PREFIX + "path: " + uiPath);
        }
        return new AdminUi(Optional.of(uiPath), options.build());
    }


    /** {@code socketio.cookie}: true for Node's cookie, a name, or false; {@code socketio.cookie.*} its parts. */
    private static Optional<CookieConfig> cookie(Reader in) {
        Optional<String> cookie = in.string("cookie");
        Optional<String> cookiePath = in.string("cookie.path");
        Optional<Boolean> httpOnly = in.bool("cookie.httpOnly");
        Optional<String> sameSite = in.string("cookie.sameSite");
        if (cookie.isEmpty() || "false".equalsIgnoreCase(cookie.get())) {
            in.unused("cookie", cookiePath.isPresent() || httpOnly.isPresent() || sameSite.isPresent(),
                    "cookie.path, cookie.httpOnly and cookie.sameSite");
            return Optional.empty();
        }
        CookieConfig defaults = CookieConfig.defaults();
        String name = "true".equalsIgnoreCase(cookie.get()) ? defaults.name() : cookie.get();
        return Optional.of(new CookieConfig(name,
                cookiePath.map(p -> "none".equalsIgnoreCase(p) ? Optional.<String>empty() : Optional.of(p))
                        .orElse(defaults.path()),
                httpOnly.orElse(defaults.httpOnly()),
                sameSite.map(v -> "none".equalsIgnoreCase(v) ? Optional.<String>empty() : Optional.of(v))
                        .orElse(defaults.sameSite())));
    }

    /** {@code socketio.cors.origin} turns CORS on; {@code socketio.cors.*} the rest of Node's {@code cors} option. */
    private static Optional<CorsConfig> cors(Reader in) {
        Optional<List<String>> origins = in.list("cors.origin");
        Optional<Boolean> credentials = in.bool("cors.credentials");
        Optional<List<String>> methods = in.list("cors.methods");
        Optional<List<String>> allowedHeaders = in.list("cors.allowedHeaders");
        Optional<Duration> maxAge = in.integer("cors.maxAge").map(Duration::ofSeconds);
        if (origins.isEmpty()) {
            in.unused("cors.origin", credentials.isPresent() || methods.isPresent() || allowedHeaders.isPresent()
                    || maxAge.isPresent(), "cors.credentials, cors.methods, cors.allowedHeaders and cors.maxAge");
            return Optional.empty();
        }
        return Optional.of(new CorsConfig(origins.get(), credentials.orElse(false),
                methods.orElse(CorsConfig.DEFAULT_METHODS), allowedHeaders.orElse(List.of()), maxAge));
    }

    /** {@code socketio.redis.url} joins a cluster; {@code socketio.redis.*} the adapter's settings. */
    private static Optional<Redis> redis(Reader in) {
        Optional<String> url = in.string("redis.url");
        RedisAdapterConfig.Builder config = RedisAdapterConfig.builder();
        boolean any = in.string("redis.key").map(config::key).isPresent()
                | in.millis("redis.requestsTimeout").map(config::requestsTimeout).isPresent()
                | in.bool("redis.publishOnSpecificResponseChannel").map(config::publishOnSpecificResponseChannel)
                        .isPresent()
                | in.integer("redis.maxMessageSize").map(v -> config.maxMessageSize(Math.toIntExact(v))).isPresent()
                | in.integer("redis.maxDepth").map(v -> config.maxDepth(Math.toIntExact(v))).isPresent()
                | in.integer("redis.maxQueuedMessages").map(v -> config.maxQueuedMessages(Math.toIntExact(v)))
                        .isPresent();
        if (url.isEmpty()) {
            in.unused("redis.url", any, "the other socketio.redis.* options");
            return Optional.empty();
        }
        try {
            return Optional.of(new Redis(url.get(), config.build()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "redis.*: " + e.getMessage(), e);
        }
    }

    /** {@code socketio.redisStreams.url} joins a Redis Streams cluster, {@code socketio.redisStreams.*} set it. */
    private static Optional<RedisStreams> redisStreams(Reader in) {
        Optional<String> url = in.string("redisStreams.url");
        RedisStreamsAdapterConfig.Builder config = RedisStreamsAdapterConfig.builder();
        boolean any = in.string("redisStreams.streamName").map(config::streamName).isPresent()
                | in.string("redisStreams.channelPrefix").map(config::channelPrefix).isPresent()
                | in.integer("redisStreams.maxLen").map(config::maxLen).isPresent()
                | in.integer("redisStreams.readCount").map(v -> config.readCount(Math.toIntExact(v))).isPresent()
                | in.millis("redisStreams.blockTimeInMs").map(config::blockTime).isPresent()
                | in.string("redisStreams.sessionKeyPrefix").map(config::sessionKeyPrefix).isPresent()
                | in.bool("redisStreams.onlyPlaintext").map(config::onlyPlaintext).isPresent()
                | in.millis("redisStreams.requestsTimeout").map(config::requestsTimeout).isPresent()
                | in.integer("redisStreams.maxRecoveryReads").map(v -> config.maxRecoveryReads(Math.toIntExact(v)))
                        .isPresent()
                | in.integer("redisStreams.maxMessageSize").map(v -> config.maxMessageSize(Math.toIntExact(v)))
                        .isPresent()
                | in.integer("redisStreams.maxDepth").map(v -> config.maxDepth(Math.toIntExact(v))).isPresent()
                | in.integer("redisStreams.maxQueuedMessages").map(v -> config.maxQueuedMessages(Math.toIntExact(v)))
                        .isPresent();
        if (url.isEmpty()) {
            in.unused("redisStreams.url", any, "the other socketio.redisStreams.* options");
            return Optional.empty();
        }
        try {
            return Optional.of(new RedisStreams(url.get(), config.build()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "redisStreams.*: " + e.getMessage(), e);
        }
    }

    /** Typed access to the values, each failure naming its option and where its value came from. */
    private static final class Reader {
        private final Function<String, Optional<OptionSource.Value>> values;
        /** Every full name asked for: the known options. */
        final Set<String> asked = new HashSet<>();

        Reader(Function<String, Optional<OptionSource.Value>> values) {
            this.values = values;
        }

        private Optional<OptionSource.Value> value(String name) {
            asked.add(PREFIX + name);
            return values.apply(PREFIX + name).filter(v -> !v.text().isBlank());
        }

        /** Whether any of these options has a value. */
        boolean anySet(String... names) {
            boolean any = false;
            for (String name : names) {
                any |= value(name).isPresent();
            }
            return any;
        }

        /** An option that only means something beside another one, set without it. */
        void unused(String needed, boolean set, String which) {
            if (set) {
                LOG.log(Level.WARNING, "socket.io: " + PREFIX + needed + " is not set, so " + which
                        + " have no effect");
            }
        }

        Optional<String> string(String name) {
            return value(name).map(v -> v.text().strip());
        }

        Optional<Long> integer(String name) {
            return value(name).map(v -> {
                try {
                    long n = Long.parseLong(v.text().strip().replace("_", ""));
                    if (n < 0) {
                        throw new NumberFormatException("negative");
                    }
                    return n;
                } catch (NumberFormatException e) {
                    throw invalid(name, v, "a non-negative integer");
                }
            });
        }

        Optional<Duration> millis(String name) {
            return value(name).map(v -> {
                long n;
                try {
                    n = Long.parseLong(v.text().strip().replace("_", ""));
                } catch (NumberFormatException e) {
                    throw invalid(name, v, "a positive number of milliseconds");
                }
                if (n <= 0) {
                    throw invalid(name, v, "a positive number of milliseconds");
                }
                return Duration.ofMillis(n);
            });
        }

        Optional<Boolean> bool(String name) {
            return value(name).map(v -> {
                String text = v.text().strip();
                if ("true".equalsIgnoreCase(text)) {
                    return true;
                }
                if ("false".equalsIgnoreCase(text)) {
                    return false;
                }
                throw invalid(name, v, "true or false");
            });
        }

        Optional<List<String>> list(String name) {
            return string(name).map(value -> {
                List<String> items = new ArrayList<>();
                Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
                return items;
            });
        }

        private static IllegalArgumentException invalid(String name, OptionSource.Value value, String expected) {
            return new IllegalArgumentException(PREFIX + name + " (" + value.origin() + ") must be " + expected
                    + ": " + value.text());
        }
    }
}
