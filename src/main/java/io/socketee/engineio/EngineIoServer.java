package io.socketee.engineio;

import io.socketee.engineio.internal.DaemonThreads;
import io.socketee.engineio.protocol.Jsonp;
import io.socketee.engineio.protocol.ProtocolVersion;
import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.engineio.spi.HttpRequestView;
import io.socketee.engineio.spi.PollingExchange;
import io.socketee.engineio.spi.UpgradeDecision;
import io.socketee.engineio.spi.WebSocketChannel;
import io.socketee.engineio.spi.WebSocketHandler;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An Engine.IO server for both protocol generations (EIO=3 and EIO=4) on one path, independent of any HTTP host.
 *
 * <p>Applications register {@link #onConnection} listeners and talk to each {@link EngineIoSocket}. Host bindings (the
 * servlet and the JSR-356 endpoint) hand it requests through {@link #handlePolling}, {@link #checkUpgrade} and
 * {@link #openWebSocket}.
 *
 * <p>Threading: every method is safe from any thread and none blocks. Connection listeners run on the thread of the
 * handshake request, before the handshake response is written, so they can attach listeners and queue messages.
 * Timers run on one scheduler thread, stopped by {@link #close()}.
 */
public final class EngineIoServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EngineIoServer.class.getName());
    static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
    private static final int SID_BYTES = 18;

    private final EngineIoConfig config;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final Map<String, EngineIoSocket> sessions = new ConcurrentHashMap<>();
    private final List<Consumer<EngineIoSocket>> connectionListeners = new CopyOnWriteArrayList<>();
    /**
     * Sessions the client closed over polling while no GET was held, for {@link #LAST_POLL_GRACE_MILLIS}: the GET it
     * may have sent at the same moment gets Node's noop instead of a 400. At most {@link #MAX_LAST_POLLS}.
     */
    private final Map<String, EngineIoSocket> lastPolls = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;
    private volatile EngineIoMetrics metrics = EngineIoMetrics.NONE;
    /** Why the host cannot serve WebSocket, once it said so (then no upgrade is offered); null while it can. */
    private volatile String webSocketUnavailable;

    /** How long {@link #close()} waits at most for polling clients to fetch their last packets. */
    public static final long SHUTDOWN_GRACE_MILLIS = 1000;
    /** How long the GET that races a client's close over polling is still answered (see {@link #holdForLastPoll}). */
    static final long LAST_POLL_GRACE_MILLIS = 1000;
    private static final int MAX_LAST_POLLS = 10_000;

    private EngineIoServer(EngineIoConfig config, ScheduledExecutorService scheduler, boolean ownsScheduler) {
        this.config = config;
        this.scheduler = scheduler;
        this.ownsScheduler = ownsScheduler;
    }

    /** A server with its own timer thread. */
    public static EngineIoServer create(EngineIoConfig config) {
        return new EngineIoServer(config, DaemonThreads.timer("socketee-engineio-timer"), true);
    }

    /** A server whose timers run on the given scheduler, which it will not shut down. */
    public static EngineIoServer create(EngineIoConfig config, ScheduledExecutorService scheduler) {
        return new EngineIoServer(config, scheduler, false);
    }

    public EngineIoConfig config() {
        return config;
    }

    /** From now on, {@code metrics} is told what happens (one at a time; {@link EngineIoMetrics#NONE} to stop). */
    public void metrics(EngineIoMetrics metrics) {
        this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
    }

    /** What metrics are told (for the sessions). */
    EngineIoMetrics metrics() {
        return metrics;
    }

    /** Called with each new session, before its handshake response is sent. */
    public void onConnection(Consumer<EngineIoSocket> listener) {
        connectionListeners.add(listener);
    }

    /**
     * Called by a host binding that cannot serve WebSocket (the runtime has no JSR-356 container, or does not complete
     * the upgrades handed to it): from then on the handshake offers no upgrade ({@code "upgrades":[]}) and WebSocket
     * requests are refused as an unknown transport, as when {@code transports} lacks it, so that clients stay on
     * long-polling instead of failing. Logs one WARNING with the reason, the first time; later calls do nothing.
     *
     * @param reason what the host found, naming the runtime (for the log)
     */
    public void webSocketUnavailable(String reason) {
        synchronized (this) {
            if (webSocketUnavailable != null) {
                return;
            }
            webSocketUnavailable = reason;
        }
        LOG.log(Level.WARNING, "engine.io: WebSocket is off, clients stay on long-polling: " + reason);
    }

    /** Whether WebSocket is among the transports and the host has not reported it unavailable. */
    public boolean webSocketAvailable() {
        return webSocketUnavailable == null && config.transports().contains(TransportName.WEBSOCKET);
    }

    /** The number of open sessions. */
    public int clientsCount() {
        return sessions.size();
    }

    public Optional<EngineIoSocket> socket(String sid) {
        return Optional.ofNullable(sessions.get(sid));
    }

    /** A snapshot of the open sessions. */
    public Collection<EngineIoSocket> sockets() {
        return List.copyOf(sessions.values());
    }

    /**
     * Closes every session (reason "server shutting down": queued packets are sent, held polls get them and a close
     * packet), refuses new ones, and stops the timer thread if the server owns it. A polling client that holds no GET
     * at that moment gets what was queued for it, and the close packet, on its next GET: this method waits for those
     * for at most {@link #SHUTDOWN_GRACE_MILLIS} ms (or pingTimeout if shorter), then drops what is left.
     */
    @Override
    public void close() {
        closed = true;
        for (EngineIoSocket socket : sockets()) {
            socket.close(CloseReason.SERVER_SHUTTING_DOWN);
        }
        long grace = Math.min(SHUTDOWN_GRACE_MILLIS, config.pingTimeout().toMillis());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(grace);
        try {
            while (!sessions.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (EngineIoSocket socket : sockets()) {
            socket.closeNow(CloseReason.SERVER_SHUTTING_DOWN);
        }
        if (ownsScheduler) {
            DaemonThreads.stopAndWait(scheduler);
        }
    }

    // ------------------------------------------------------------------ host side: polling

    /** Serves one long-polling request: a handshake, a GET for packets or a POST of packets. */
    public void handlePolling(PollingExchange exchange) {
        Map<String, String> headers = corsHeaders(exchange);
        String method = exchange.method();
        if (method.equals("OPTIONS") && config.cors().isPresent()) {
            exchange.respond(204, preflightHeaders(exchange, headers), new byte[0]);
            return;
        }
        Optional<EngineIoError> error = verify(exchange, TransportName.POLLING);
        if (error.isPresent()) {
            respondError(exchange, headers, error.get());
            return;
        }
        String jsonpIndex = exchange.query("j").orElse(null);
        if (jsonpIndex != null && !Jsonp.isValidIndex(jsonpIndex)) {
            respondError(exchange, headers, EngineIoError.BAD_REQUEST);
            return;
        }
        Optional<String> sid = exchange.query("sid");
        if (sid.isPresent()) {
            EngineIoSocket socket = sessions.get(sid.get());
            EngineIoSocket closedByClient = socket == null && method.equals("GET") ? lastPolls.remove(sid.get()) : null;
            if (closedByClient != null) {
                closedByClient.polling().answerLastPoll(exchange, headers, jsonpIndex);
            } else if (socket == null) {
                respondError(exchange, headers, EngineIoError.UNKNOWN_SID);
            } else if (socket.transport() != TransportName.POLLING) {
                respondError(exchange, headers, EngineIoError.BAD_REQUEST);
            } else if (method.equals("GET")) {
                socket.polling().onPoll(exchange, headers, jsonpIndex);
            } else if (method.equals("POST")) {
                boolean binary = exchange.header("Content-Type")
                        .map(t -> t.startsWith("application/octet-stream")).orElse(false);
                socket.polling().onData(exchange, headers, jsonpIndex != null, binary);
            } else {
                respondError(exchange, headers, EngineIoError.BAD_REQUEST);
            }
            return;
        }
        Optional<EngineIoError> refusal = verifyHandshake(exchange);
        if (refusal.isPresent()) {
            respondError(exchange, headers, refusal.get());
            return;
        }
        ProtocolVersion version = version(exchange);
        boolean supportsBinary = exchange.query("b64").isEmpty();
        EngineIoSocket socket = openSession(version, exchange.snapshot(), new PollingTransport(version, supportsBinary));
        config.cookie().ifPresent(c -> headers.put("Set-Cookie", c.headerValue(socket.id())));
        socket.polling().onPoll(exchange, headers, jsonpIndex);
    }

    // ------------------------------------------------------------------ host side: websocket

    /**
     * Decides whether a WebSocket upgrade request may proceed; call before completing the upgrade. A request with a
     * {@code sid} upgrades an open polling session; one without opens a new session.
     */
    public UpgradeDecision checkUpgrade(HttpRequestView request) {
        Map<String, String> headers = new HashMap<>();
        Optional<EngineIoError> error = verify(request, TransportName.WEBSOCKET);
        if (error.isEmpty()) {
            Optional<String> sid = request.query("sid");
            if (sid.isPresent()) {
                EngineIoSocket socket = sessions.get(sid.get());
                if (socket == null) {
                    error = Optional.of(EngineIoError.UNKNOWN_SID);
                } else if (!config.allowUpgrades()) {
                    error = Optional.of(EngineIoError.BAD_REQUEST);
                }
                // A session that is upgrading or has upgraded already gets this WebSocket completed and then closed
                // (openWebSocket), as Node does: clients on `ws` see a close, not a handshake error.
            } else {
                error = verifyHandshake(request);
            }
        }
        if (error.isPresent()) {
            EngineIoError e = error.get();
            headers.put("Content-Type", "application/json");
            return new UpgradeDecision.Refuse(e.httpStatus(), headers, e.body());
        }
        return new UpgradeDecision.Accept(request.snapshot(), headers);
    }

    /**
     * Attaches a WebSocket that {@link #checkUpgrade} accepted: it opens a new session, or starts the upgrade of the
     * session named by its {@code sid}. The host calls the returned handler with what happens on the socket.
     */
    public WebSocketHandler openWebSocket(WebSocketChannel channel, EngineIoRequest request) {
        ProtocolVersion version = ProtocolVersion.fromQuery(request.query().get("EIO")).orElse(ProtocolVersion.V4);
        boolean supportsBinary = !request.query().containsKey("b64");
        WebSocketTransport ws = new WebSocketTransport(channel, version, supportsBinary, config.maxBufferedBytes());
        String sid = request.query().get("sid");
        if (sid != null) {
            EngineIoSocket socket = sessions.get(sid);
            if (socket == null || socket.protocolVersion() != version) {
                ws.close();
                ws.writeOut();
            } else {
                socket.maybeUpgrade(ws);
            }
            return ws;
        }
        if (closed) {
            ws.close();
            ws.writeOut();
            return ws;
        }
        EngineIoSocket socket = openSession(version, request, ws);
        socket.flushNow();
        return ws;
    }

    // ------------------------------------------------------------------ sessions

    private EngineIoSocket openSession(ProtocolVersion version, EngineIoRequest request, Transport transport) {
        String sid;
        EngineIoSocket socket;
        do {
            sid = newSid();
            socket = new EngineIoSocket(this, sid, version, request, transport);
        } while (sessions.putIfAbsent(sid, socket) != null);
        boolean upgradable = transport instanceof PollingTransport && config.allowUpgrades() && webSocketAvailable();
        socket.open("{\"sid\":\"" + sid + "\",\"upgrades\":" + (upgradable ? "[\"websocket\"]" : "[]")
                + ",\"pingInterval\":" + config.pingInterval().toMillis()
                + ",\"pingTimeout\":" + config.pingTimeout().toMillis()
                + ",\"maxPayload\":" + config.maxHttpBufferSize() + "}");
        metrics.opened(version, transport.name());
        for (Consumer<EngineIoSocket> listener : connectionListeners) {
            try {
                listener.accept(socket);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "connection listener failed for session " + sid, e);
            }
        }
        return socket;
    }

    private String newSid() {
        byte[] bytes = new byte[SID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void remove(EngineIoSocket socket) {
        sessions.remove(socket.id(), socket);
    }

    /**
     * Keeps a session the client has just closed over polling (no GET was held) for a moment, so that a GET it sent at
     * the same moment, which may reach the server after the close, is answered with the noop Node gives it rather
     * than a 400. Bounded in time and number; nothing is kept while the server is closed.
     */
    void holdForLastPoll(EngineIoSocket socket) {
        if (closed || lastPolls.size() >= MAX_LAST_POLLS) {
            return;
        }
        lastPolls.put(socket.id(), socket);
        schedule(LAST_POLL_GRACE_MILLIS, () -> lastPolls.remove(socket.id(), socket));
    }

    /** Takes the session's last-poll allowance, if it still has it (one GET gets the noop). */
    boolean takeLastPoll(EngineIoSocket socket) {
        return lastPolls.remove(socket.id(), socket);
    }

    ScheduledFuture<?> schedule(long delayMillis, Runnable task) {
        return scheduler.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "engine.io timer task failed", e);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------ request checks

    private Optional<EngineIoError> verify(HttpRequestView request, TransportName expected) {
        Optional<TransportName> transport = request.query("transport").flatMap(TransportName::fromWire);
        if (transport.isEmpty() || transport.get() != expected || !config.transports().contains(expected)
                || (expected == TransportName.WEBSOCKET && !webSocketAvailable())) {
            return Optional.of(EngineIoError.UNKNOWN_TRANSPORT);
        }
        Optional<ProtocolVersion> version = request.query("EIO").flatMap(ProtocolVersion::fromQuery);
        if (version.isEmpty() || (version.get() == ProtocolVersion.V3 && !config.allowEIO3())) {
            return Optional.of(EngineIoError.UNSUPPORTED_PROTOCOL_VERSION);
        }
        if (!config.originAllowed(request.header("Origin").orElse(null))) {
            return Optional.of(EngineIoError.FORBIDDEN);
        }
        return Optional.empty();
    }

    private Optional<EngineIoError> verifyHandshake(HttpRequestView request) {
        if (!request.method().equals("GET")) {
            return Optional.of(EngineIoError.BAD_HANDSHAKE_METHOD);
        }
        if (closed) {
            return Optional.of(EngineIoError.BAD_REQUEST);
        }
        if (CrossSiteCheck.refuses(config, request)) {
            LOG.log(Level.DEBUG, () -> "refusing a handshake with credentials from the foreign origin "
                    + request.header("Origin").orElse("") + " (host " + request.header("Host").orElse("none")
                    + "; list it in allowedOrigins to allow it)");
            return Optional.of(EngineIoError.FORBIDDEN);
        }
        try {
            if (!config.allowRequest().allow(request.snapshot())) {
                return Optional.of(EngineIoError.FORBIDDEN);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "allowRequest failed; refusing the handshake", e);
            return Optional.of(EngineIoError.FORBIDDEN);
        }
        return Optional.empty();
    }

    private static ProtocolVersion version(HttpRequestView request) {
        return request.query("EIO").flatMap(ProtocolVersion::fromQuery).orElseThrow();
    }

    void respondError(PollingExchange exchange, Map<String, String> headers, EngineIoError error) {
        Map<String, String> h = new HashMap<>(headers);
        h.put("Content-Type", "application/json");
        exchange.respond(error.httpStatus(), h, error.sharedBody());
    }

    // ------------------------------------------------------------------ CORS

    private Map<String, String> corsHeaders(HttpRequestView request) {
        Map<String, String> headers = new HashMap<>();
        config.cors().ifPresent(cors -> {
            String origin = request.header("Origin").orElse(null);
            cors.allowOriginFor(origin).ifPresent(allowed -> {
                headers.put("Access-Control-Allow-Origin", allowed);
                if (!allowed.equals("*")) {
                    headers.put("Vary", "Origin");
                }
                if (cors.credentials()) {
                    headers.put("Access-Control-Allow-Credentials", "true");
                }
            });
        });
        return headers;
    }

    private Map<String, String> preflightHeaders(HttpRequestView request, Map<String, String> headers) {
        CorsConfig cors = config.cors().orElseThrow();
        Map<String, String> h = new HashMap<>(headers);
        h.put("Access-Control-Allow-Methods", String.join(",", cors.methods()));
        String allowHeaders = cors.allowedHeaders().isEmpty()
                ? request.header("Access-Control-Request-Headers").orElse(null)
                : String.join(",", cors.allowedHeaders());
        if (allowHeaders != null) {
            h.put("Access-Control-Allow-Headers", allowHeaders);
            h.merge("Vary", "Access-Control-Request-Headers", (a, b) -> a + ", " + b);
        }
        cors.maxAge().ifPresent(age -> h.put("Access-Control-Max-Age", Long.toString(age.toSeconds())));
        return h;
    }
}
