package io.socketee.socketio.admin;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.engineio.EngineIoSocket;
import io.socketee.engineio.TransportName;
import io.socketee.engineio.internal.DaemonThreads;
import io.socketee.engineio.protocol.Packet;
import io.socketee.socketio.ConnectionRefusedException;
import io.socketee.socketio.Json;
import io.socketee.socketio.Middleware;
import io.socketee.socketio.Namespace;
import io.socketee.socketio.ServerListener;
import io.socketee.socketio.Socket;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.adapter.RoomListener;
import io.socketee.socketio.core.RemoteSocket;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The server side of the Socket.IO Admin UI ({@code @socket.io/admin-ui} 0.5.1): {@link #instrument} is Node's
 * {@code instrument(io, options)}. It adds the admin namespace ({@code /admin}), which the dashboard connects to with
 * socket.io-client, and speaks its protocol:
 * <ul>
 *   <li>authentication in a connect middleware: a {@code sessionId} this instrumentation issued, or the user name and
 *       a password matching the bcrypt hash (then a new session id is sent as {@code session}); otherwise the
 *       connect error {@code invalid credentials};</li>
 *   <li>on connection, {@code config} with the supported features, and in development mode {@code all_sockets};</li>
 *   <li>every 2 seconds, {@code server_stats}: server id, host name, pid, uptime, clients, polling clients, the
 *       aggregated events since the last stats, the namespaces with their socket counts;</li>
 *   <li>in development mode, {@code socket_connected}, {@code socket_updated} (transport upgrades),
 *       {@code socket_disconnected}, {@code room_joined}, {@code room_left}, {@code event_received},
 *       {@code event_sent} for every namespace;</li>
 *   <li>unless read-only, the dashboard's actions {@code emit}, {@code join}, {@code leave}, {@code _disconnect}
 *       (on the sockets of a namespace, or of a room in it). Unlike Node, an action on a namespace that does not
 *       exist does nothing rather than create it.</li>
 * </ul>
 *
 * <p>Threading: thread-safe. The stats and password checks run on one daemon thread of this instrumentation,
 * stopped by {@link #close()} (the servlet glue calls it when the application stops); everything else runs on the
 * thread that reported it (see the package documentation).
 */
public final class AdminUi implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AdminUi.class.getName());
    /** How often {@code server_stats} is sent, as Node. */
    public static final long STATS_INTERVAL_MILLIS = 2000;
    /** The most password checks waiting at once; further logins are refused at once. */
    public static final int MAX_PENDING_LOGINS = 8;
    /** The most session ids kept; the oldest is forgotten first. */
    static final int MAX_SESSIONS = 1000;
    /** How long a session id is accepted, as Node's {@code RedisStore} default (24 h). */
    static final long SESSION_MILLIS = 24 * 3600 * 1000L;
    /** Where the admin middleware leaves the session id it issued, until the connection listener sends it. */
    private static final String SESSION_DATA_KEY = "socketee.admin.session";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter JS_DATE = DateTimeFormatter
            .ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx '(Coordinated Universal Time)'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The dashboard's feature flags, with their wire names. */
    enum Feature { EMIT, JOIN, LEAVE, DISCONNECT, MJOIN, MLEAVE, MDISCONNECT, AGGREGATED_EVENTS, ALL_EVENTS }

    private final SocketIoServer io;
    private final AdminUiOptions options;
    private final Namespace admin;
    private final Optional<BcryptHash> password;
    private final List<Feature> features;
    private final boolean development;
    private final EventBuffer events;
    private final LongSupplier clock;
    private final JsonObject baseStats;
    private final ScheduledThreadPoolExecutor worker;
    private final AtomicInteger pendingLogins = new AtomicInteger();
    /** Session ids issued, with when they were issued, oldest first. Guarded by itself. */
    private final LinkedHashMap<String, Long> sessions = new LinkedHashMap<>();
    /** The namespaces whose room changes are reported (each once). */
    private final Set<Namespace> watched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private AdminUi(SocketIoServer io, AdminUiOptions options, LongSupplier clock) {
        this.io = io;
        this.options = options;
        this.clock = clock;
        this.password = options.auth().map(auth -> BcryptHash.parse(auth.passwordHash()));
        this.development = options.mode() == AdminUiOptions.Mode.DEVELOPMENT;
        List<Feature> supported = new ArrayList<>();
        if (!options.readonly()) {
            supported.addAll(List.of(Feature.EMIT, Feature.JOIN, Feature.LEAVE, Feature.DISCONNECT, Feature.MJOIN,
                    Feature.MLEAVE, Feature.MDISCONNECT));
        }
        supported.add(Feature.AGGREGATED_EVENTS);
        if (development) {
            supported.add(Feature.ALL_EVENTS);
        }
        this.features = List.copyOf(supported);
        this.events = new EventBuffer(clock);
        String hostname = hostname();
        this.baseStats = PROVIDER.createObjectBuilder()
                .add("serverId", options.serverId().orElse(hostname))
                .add("hostname", hostname)
                .add("pid", ProcessHandle.current().pid())
                .build();
        this.worker = DaemonThreads.timer("socketee-admin-ui");
        this.admin = io.of(options.namespaceName());
    }

    /**
     * Adds the admin namespace to {@code io} and starts reporting to it.
     *
     * @throws IllegalArgumentException when the password hash is not a bcrypt hash
     * @throws IllegalStateException    when basic auth is chosen and jBCrypt ({@code org.mindrot:jbcrypt}) is missing
     */
    public static AdminUi instrument(SocketIoServer io, AdminUiOptions options) {
        return instrument(io, options, System::currentTimeMillis);
    }

    static AdminUi instrument(SocketIoServer io, AdminUiOptions options, LongSupplier clock) {
        AdminUi ui = new AdminUi(io, options, clock);
        ui.start();
        return ui;
    }

    /** The options it runs with. */
    public AdminUiOptions options() {
        return options;
    }

    /** The admin namespace. */
    public Namespace namespace() {
        return admin;
    }

    private void start() {
        if (password.isPresent()) {
            admin.use(this::authenticate);
        } else {
            LOG.log(Level.WARNING, "socket.io admin UI: authentication is off for " + admin.name());
        }
        admin.onConnection(this::onAdminConnection);
        io.engine().onConnection(this::onEngineConnection);
        io.addListener(new ServerListener() {
            @Override
            public void namespaceCreated(Namespace namespace) {
                watch(namespace);
            }

            @Override
            public void socketConnected(Socket socket) {
                onSocketConnected(socket);
            }

            @Override
            public void messagesSent(EngineIoSocket connection, List<Packet> messages) {
                long bytes = 0;
                for (Packet message : messages) {
                    bytes += dataBytes(message);
                }
                events.push("packetsOut", null, messages.size());
                events.push("bytesOut", null, bytes);
            }
        });
        io.namespaces().forEach(this::watch);
        worker.scheduleAtFixedRate(this::emitStatsSafely, 0, STATS_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "socket.io admin UI: " + admin.name() + " (" + options.mode().wireName()
                + (options.readonly() ? ", read-only" : "") + (password.isPresent() ? ", basic auth" : "") + ")");
    }

    /** Stops the stats; the admin namespace stays, with no more reports. Once: later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            DaemonThreads.stopAndWait(worker);
        }
    }

    // ------------------------------------------------------------------ authentication

    private void authenticate(Socket socket, Middleware.Next next) {
        JsonObject auth = socket.handshake().auth();
        String sessionId = string(auth.get("sessionId"));
        if (sessionId != null && sessionValid(sessionId)) {
            next.proceed();
            return;
        }
        String username = string(auth.get("username"));
        String given = string(auth.get("password"));
        if (username == null || given == null || !username.equals(options.auth().orElseThrow().username())) {
            next.refuse(new ConnectionRefusedException("invalid credentials"));
            return;
        }
        if (pendingLogins.incrementAndGet() > MAX_PENDING_LOGINS) {
            pendingLogins.decrementAndGet();
            LOG.log(Level.WARNING, "socket.io admin UI: too many logins at once; refusing one");
            next.refuse(new ConnectionRefusedException("invalid credentials"));
            return;
        }
        try {
            worker.execute(() -> {
                boolean ok;
                try {
                    ok = password.orElseThrow().matches(given);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "socket.io admin UI: checking a password failed", e);
                    ok = false;
                } finally {
                    pendingLogins.decrementAndGet();
                }
                if (ok) {
                    socket.data().put(SESSION_DATA_KEY, newSession());
                    next.proceed();
                } else {
                    LOG.log(Level.INFO, "socket.io admin UI: invalid credentials from " + socket.handshake().address());
                    next.refuse(new ConnectionRefusedException("invalid credentials"));
                }
            });
        } catch (RejectedExecutionException e) {
            pendingLogins.decrementAndGet();
            next.refuse(new ConnectionRefusedException("invalid credentials"));
        }
    }

    private String newSession() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        synchronized (sessions) {
            sessions.put(id, clock.getAsLong());
            while (sessions.size() > MAX_SESSIONS) {
                sessions.remove(sessions.keySet().iterator().next());
            }
        }
        return id;
    }

    private boolean sessionValid(String id) {
        synchronized (sessions) {
            Long issued = sessions.get(id);
            if (issued == null) {
                return false;
            }
            if (clock.getAsLong() - issued > SESSION_MILLIS) {
                sessions.remove(id);
                return false;
            }
            return true;
        }
    }

    // ------------------------------------------------------------------ the dashboard's connection

    private void onAdminConnection(Socket socket) {
        Object session = socket.data().remove(SESSION_DATA_KEY);
        if (session instanceof String id) {
            socket.emit("session", id);
        }
        if (!options.readonly()) {
            registerActions(socket);
        }
        JsonArrayBuilder supported = PROVIDER.createArrayBuilder();
        features.forEach(f -> supported.add(f.name()));
        socket.emit("config", PROVIDER.createObjectBuilder().add("supportedFeatures", supported).build());
        if (development) {
            allSockets().whenComplete((sockets, error) -> {
                if (error != null) {
                    LOG.log(Level.WARNING, "socket.io admin UI: fetching the sockets failed", error);
                    socket.emit("all_sockets", JsonValue.EMPTY_JSON_ARRAY);
                } else {
                    socket.emit("all_sockets", sockets);
                }
            });
        }
    }

    /** Every namespace's sockets, across the cluster, serialized. */
    private CompletableFuture<JsonArray> allSockets() {
        List<Namespace> namespaces = io.namespaces();
        List<CompletableFuture<List<JsonObject>>> parts = new ArrayList<>();
        for (Namespace namespace : namespaces) {
            parts.add(namespace.fetchSockets().thenApply(sockets -> {
                List<JsonObject> out = new ArrayList<>();
                sockets.forEach(s -> out.add(serialize(s, namespace.name())));
                return out;
            }));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            JsonArrayBuilder all = PROVIDER.createArrayBuilder();
            parts.forEach(p -> p.join().forEach(all::add));
            return all.build();
        });
    }

    private void registerActions(Socket socket) {
        socket.on("emit", (args, ack) -> {
            Optional<Namespace> namespace = namespace(args, 0);
            String event = string(arg(args, 2));
            if (namespace.isEmpty() || event == null) {
                return;
            }
            String filter = string(arg(args, 1));
            Object[] rest = args.size() > 3 ? args.subList(3, args.size()).toArray() : new Object[0];
            try {
                if (filter != null) {
                    namespace.get().in(filter).emit(event, rest);
                } else {
                    namespace.get().emit(event, rest);
                }
            } catch (IllegalArgumentException e) {
                LOG.log(Level.DEBUG, () -> "socket.io admin UI: emit refused: " + e.getMessage());
            }
        });
        socket.on("join", (args, ack) -> {
            Optional<Namespace> namespace = namespace(args, 0);
            String room = string(arg(args, 1));
            if (namespace.isPresent() && room != null) {
                String filter = string(arg(args, 2));
                if (filter != null) {
                    namespace.get().in(filter).socketsJoin(room);
                } else {
                    namespace.get().socketsJoin(room);
                }
            }
        });
        socket.on("leave", (args, ack) -> {
            Optional<Namespace> namespace = namespace(args, 0);
            String room = string(arg(args, 1));
            if (namespace.isPresent() && room != null) {
                String filter = string(arg(args, 2));
                if (filter != null) {
                    namespace.get().in(filter).socketsLeave(room);
                } else {
                    namespace.get().socketsLeave(room);
                }
            }
        });
        socket.on("_disconnect", (args, ack) -> {
            Optional<Namespace> namespace = namespace(args, 0);
            if (namespace.isEmpty()) {
                return;
            }
            boolean close = arg(args, 1) == JsonValue.TRUE;
            String filter = string(arg(args, 2));
            if (filter != null) {
                namespace.get().in(filter).disconnectSockets(close);
            } else {
                namespace.get().disconnectSockets(close);
            }
        });
    }

    /** The existing namespace named by argument {@code index}; empty (and logged) for any other. */
    private Optional<Namespace> namespace(List<JsonValue> args, int index) {
        String name = string(arg(args, index));
        if (name == null) {
            return Optional.empty();
        }
        for (Namespace namespace : io.namespaces()) {
            if (namespace.name().equals(name)) {
                return Optional.of(namespace);
            }
        }
        LOG.log(Level.DEBUG, () -> "socket.io admin UI: no namespace " + name);
        return Optional.empty();
    }

    // ------------------------------------------------------------------ what happens on the server

    private void watch(Namespace namespace) {
        if (!development || !watched.add(namespace)) {
            return;
        }
        String nsp = namespace.name();
        namespace.adapter().addRoomListener(new RoomListener() {
            @Override
            public void roomJoined(String room, String socketId) {
                report("room_joined", PROVIDER.createValue(nsp), PROVIDER.createValue(room),
                        PROVIDER.createValue(socketId), now());
            }

            @Override
            public void roomLeft(String room, String socketId) {
                report("room_left", PROVIDER.createValue(nsp), PROVIDER.createValue(room),
                        PROVIDER.createValue(socketId), now());
            }
        });
    }

    private void onSocketConnected(Socket socket) {
        if (!development) {
            return;
        }
        String nsp = socket.namespace().name();
        JsonString id = PROVIDER.createValue(socket.id());
        JsonString nspValue = PROVIDER.createValue(nsp);
        report("socket_connected", serialize(socket, nsp), now());
        socket.connection().onUpgrade(transport -> {
            if (socket.connected()) {
                report("socket_updated", PROVIDER.createObjectBuilder().add("id", socket.id()).add("nsp", nsp)
                        .add("transport", transport.wireName()).build());
            }
        });
        if (socket.namespace() != admin) {
            socket.onAny((event, args) -> report("event_received", nspValue, id, eventArray(event, args), now()));
            socket.onAnyOutgoing((event, args) -> report("event_sent", nspValue, id, eventArray(event, args), now()));
        }
        socket.onDisconnect(reason -> report("socket_disconnected", nspValue, id,
                PROVIDER.createValue(reason.text()), now()));
    }

    private void onEngineConnection(EngineIoSocket connection) {
        events.push("rawConnection", null, 1);
        connection.onText(text -> {
            events.push("packetsIn", null, 1);
            events.push("bytesIn", null, utf8Length(text));
        });
        connection.onBinary(data -> {
            events.push("packetsIn", null, 1);
            events.push("bytesIn", null, data.length);
        });
        connection.onClose(reason -> events.push("rawDisconnection", reason.text(), 1));
    }

    /** Sends an event to every dashboard; nothing once closed. */
    private void report(String event, Object... args) {
        if (closed.get()) {
            return;
        }
        try {
            admin.emit(event, args);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "socket.io admin UI: reporting " + event + " failed", e);
        }
    }

    // ------------------------------------------------------------------ stats

    private void emitStatsSafely() {
        try {
            emitStats();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "socket.io admin UI: server_stats failed", e);
        }
    }

    void emitStats() {
        int polling = 0;
        for (EngineIoSocket connection : io.engine().sockets()) {
            if (connection.transport() == TransportName.POLLING) {
                polling++;
            }
        }
        JsonArrayBuilder namespaces = PROVIDER.createArrayBuilder();
        for (Namespace namespace : io.namespaces()) {
            namespaces.add(PROVIDER.createObjectBuilder().add("name", namespace.name())
                    .add("socketsCount", namespace.sockets().size()));
        }
        JsonObject stats = PROVIDER.createObjectBuilder(baseStats)
                .add("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0)
                .add("clientsCount", io.engine().clientsCount())
                .add("pollingClientsCount", polling)
                .add("aggregatedEvents", events.takeAll())
                .add("namespaces", namespaces)
                .build();
        if (!closed.get()) {
            admin.emit("server_stats", stats);
        }
    }

    // ------------------------------------------------------------------ serialization

    /** A socket as the dashboard's {@code SerializedSocket}. */
    static JsonObject serialize(RemoteSocket socket, String nsp) {
        var handshake = socket.handshake();
        String clientId;
        String transport;
        if (socket instanceof Socket local) {
            String sid = local.connection().id();
            clientId = sid.length() > 12 ? sid.substring(0, 12) : sid;
            transport = local.transport();
        } else {
            clientId = socket.id();
            transport = "websocket";
        }
        String address = handshake.header("cf-connecting-ip")
                .or(() -> handshake.header("x-forwarded-for")).orElse(handshake.address());
        JsonObjectBuilder headers = PROVIDER.createObjectBuilder();
        handshake.headers().forEach((name, values) -> headers.add(name, String.join(", ", values)));
        JsonObjectBuilder query = PROVIDER.createObjectBuilder();
        handshake.query().forEach(query::add);
        JsonArrayBuilder rooms = PROVIDER.createArrayBuilder();
        socket.rooms().forEach(rooms::add);
        return PROVIDER.createObjectBuilder()
                .add("id", socket.id())
                .add("clientId", clientId)
                .add("transport", transport)
                .add("nsp", nsp)
                .add("data", data(socket.data()))
                .add("handshake", PROVIDER.createObjectBuilder()
                        .add("address", address == null ? "" : address)
                        .add("headers", headers)
                        .add("query", query)
                        .add("issued", handshake.time().toEpochMilli())
                        .add("secure", handshake.secure())
                        .add("time", JS_DATE.format(handshake.time()))
                        .add("url", handshake.url() == null ? "" : handshake.url())
                        .add("xdomain", handshake.header("origin").isPresent()))
                .add("rooms", rooms)
                .build();
    }

    private static JsonObject data(Map<String, Object> data) {
        JsonObjectBuilder out = PROVIDER.createObjectBuilder();
        data.forEach((key, value) -> {
            if (key.equals(SESSION_DATA_KEY)) {
                return;
            }
            try {
                out.add(key, Json.toJson(value));
            } catch (RuntimeException e) {
                out.add(key, String.valueOf(value));
            }
        });
        return out.build();
    }

    private static JsonArray eventArray(String event, List<JsonValue> args) {
        JsonArrayBuilder out = PROVIDER.createArrayBuilder().add(event);
        args.forEach(out::add);
        return out.build();
    }

    private JsonString now() {
        return PROVIDER.createValue(Instant.ofEpochMilli(clock.getAsLong()).truncatedTo(ChronoUnit.MILLIS)
                .toString());
    }

    private static JsonValue arg(List<JsonValue> args, int index) {
        return index < args.size() ? args.get(index) : JsonValue.NULL;
    }

    private static String string(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : null;
    }

    private static long dataBytes(Packet message) {
        if (message instanceof Packet.Text text) {
            return utf8Length(text.data());
        }
        return ((Packet.Binary) message).data().length;
    }

    /** The UTF-8 length of a string without encoding it (Node's {@code Buffer.byteLength}). */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}
