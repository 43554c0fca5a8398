package io.socketee.socketio;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.engineio.CloseReason;
import io.socketee.engineio.EngineIoSocket;
import io.socketee.engineio.TransportName;
import io.socketee.engineio.protocol.ProtocolVersion;
import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.socketio.adapter.OutgoingPacket;
import io.socketee.socketio.adapter.RestoredSession;
import io.socketee.socketio.core.Handshake;
import io.socketee.socketio.protocol.Packet;
import io.socketee.socketio.protocol.SocketIoDecodeException;
import io.socketee.socketio.protocol.SocketIoParser;
import io.socketee.socketio.protocol.SocketIoVersion;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * One Engine.IO connection as Socket.IO sees it: the packet decoder of the server's parser, and the sockets it holds in
 * each namespace.
 * Protocol v4 (socket.io 2.x) over EIO=3, v5 over EIO=4. Packets arrive in order on the engine's delivery thread.
 */
final class Client {
    private static final System.Logger LOG = System.getLogger(Client.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SocketIoServer server;
    private final EngineIoSocket connection;
    private final SocketIoVersion version;
    private final SocketIoParser parser;
    private final SocketIoParser.Decoder decoder;
    private final Instant connectedAt = Instant.now();
    /** Admitted sockets by namespace: read without a lock for every packet, changed under this object's monitor. */
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    /** Sockets in their namespace's middlewares, by namespace. Guarded by this. */
    private final Map<String, Socket> connecting = new HashMap<>();
    /** Set once the connection closed: no socket is admitted or starts connecting after. Guarded by this. */
    private boolean closed;
    /** Until the first namespace is joined; then dropped, so that an open connection does not keep the timer task. */
    private volatile ScheduledFuture<?> connectTimeout;

    Client(SocketIoServer server, EngineIoSocket connection) {
        this.server = server;
        this.connection = connection;
        this.version = connection.protocolVersion() == ProtocolVersion.V3 ? SocketIoVersion.V4 : SocketIoVersion.V5;
        this.parser = server.config().parser();
        this.decoder = parser.newDecoder(version, server.config().maxAttachments());
        connection.onText(this::onText);
        connection.onBinary(this::onBinary);
        connection.onClose(this::onClose);
        connectTimeout = server.schedule(server.config().connectTimeout().toMillis(), () -> {
            if (sockets.isEmpty()) {
                LOG.log(Level.DEBUG, () -> "connection " + connection.id() + " joined no namespace in time");
                connection.close();
            }
        });
        if (version == SocketIoVersion.V4) {
            // socket.io 2.x clients are in the main namespace as soon as the connection opens.
            connect(Packet.MAIN_NAMESPACE, JsonValue.EMPTY_JSON_OBJECT);
        }
    }

    EngineIoSocket connection() {
        return connection;
    }

    /** Writes a packet built for any client; false when the connection is closed or a volatile packet was dropped. */
    boolean write(OutgoingPacket packet, boolean isVolatile) {
        var messages = packet.messages(parser);
        boolean written = isVolatile ? connection.sendIfWritable(messages) : connection.send(messages);
        if (written) {
            server.listeners().messagesSent(connection, messages);
        }
        return written;
    }

    /** Writes a packet whose encoding depends on the protocol version (CONNECT replies and errors). */
    private void writeForThisClient(Packet packet) {
        var messages = OutgoingPacket.of(packet, version).messages(parser);
        if (connection.send(messages)) {
            server.listeners().messagesSent(connection, messages);
        }
    }

    void closeConnection() {
        connection.close();
    }

    void closeConnection(CloseReason reason) {
        connection.close(reason);
    }

    synchronized void remove(Socket socket) {
        sockets.remove(socket.namespace().name(), socket);
    }

    // ------------------------------------------------------------------ incoming

    private void onText(String text) {
        try {
            decoder.decodeText(text).ifPresent(this::onPacket);
        } catch (SocketIoDecodeException e) {
            onParseError(e);
        }
    }

    private void onBinary(byte[] data) {
        try {
            decoder.decodeBinary(data).ifPresent(this::onPacket);
        } catch (SocketIoDecodeException e) {
            onParseError(e);
        }
    }

    private void onParseError(SocketIoDecodeException e) {
        LOG.log(Level.DEBUG, () -> "connection " + connection.id() + ": bad packet: " + e.getMessage());
        connection.close(CloseReason.PARSE_ERROR);
    }

    private void onPacket(Packet packet) {
        if (packet instanceof Packet.Connect connect) {
            connect(connect.namespace(), version == SocketIoVersion.V4
                    ? queryAsAuth(connect.query().orElse(""))
                    : connect.data().orElse(JsonValue.EMPTY_JSON_OBJECT));
            return;
        }
        Socket socket = sockets.get(packet.namespace());
        if (socket != null) {
            socket.onPacket(packet);
        } else {
            LOG.log(Level.DEBUG, () -> "connection " + connection.id() + ": packet for " + packet.namespace()
                    + ", which it has not joined");
        }
    }

    /**
     * Joins a namespace. Every check that can refuse comes before a dynamic namespace's child is made for the name;
     * the middlewares come after (they see the socket in its namespace, as on Node).
     */
    private void connect(String name, JsonObject auth) {
        Optional<Namespace> fixed = server.existingNamespace(name);
        Optional<DynamicNamespace> parent = fixed.isPresent() ? Optional.empty() : server.dynamicNamespaceFor(name);
        if (fixed.isEmpty() && parent.isEmpty()) {
            writeForThisClient(Packet.connectError(name, "Invalid namespace", version));
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            if (sockets.containsKey(name) || connecting.containsKey(name)) {
                LOG.log(Level.DEBUG, () -> "connection " + connection.id() + " is already in " + name);
                return;
            }
            if (sockets.size() + connecting.size() >= server.config().maxNamespaces()) {
                writeForThisClient(refusalPacket(name, new ConnectionRefusedException("Too many namespaces")));
                return;
            }
        }
        Namespace namespace = fixed.orElseGet(() -> parent.get().acquire(name));
        if (version == SocketIoVersion.V5 && server.config().connectionStateRecovery().isPresent()
                && auth.get("pid") instanceof JsonString pid && auth.get("offset") instanceof JsonString offset) {
            // Only the client knows its pid: if a socket of it is still connected here over polling, on another
            // connection, that connection is lost and not yet seen to be (Jetty and Tomcat do not see a held GET's
            // reset until they write to it; Node sees it at once): closed as lost, it leaves its session to resume.
            // Over WebSocket a reset is seen; a socket still connected there stays, and the client is new, as on Node.
            namespace.connectedWithPid(pid.getString())
                    .filter(stale -> stale.client() != this && stale.connection().transport() == TransportName.POLLING)
                    .ifPresent(stale -> stale.connection().closeAsLost());
            // As Node: the adapter looks for the session first; the socket is made with what it finds, or anew.
            namespace.beginRestore(pid.getString());
            namespace.adapter().restoreSession(pid.getString(), offset.getString()).whenComplete((found, error) -> {
                if (error != null) {
                    LOG.log(Level.WARNING, "connection " + connection.id() + ": restoring a session failed", error);
                }
                server.listeners().recovery(error == null && found.isPresent());
                try {
                    start(namespace, name, auth, error == null ? found.orElse(null) : null);
                } finally {
                    namespace.endRestore(pid.getString());
                }
            });
            return;
        }
        start(namespace, name, auth, null);
    }

    /** Makes the socket (anew, or from a restored session) and runs its namespace's middlewares. */
    private void start(Namespace namespace, String name, JsonObject auth, RestoredSession restored) {
        Socket socket = restored != null ? new Socket(namespace, this, restored, handshake(auth))
                : new Socket(namespace, this, socketId(name), newPid(), handshake(auth));
        boolean started;
        synchronized (this) {
            started = !closed && !connecting.containsKey(name) && !sockets.containsKey(name);
            if (started) {
                connecting.put(name, socket);
            }
        }
        if (!started) {
            namespace.release();   // the connection closed meanwhile (or joined the namespace while restoring)
            if (restored != null) {
                namespace.adapter().delAll(restored.session().sid());   // the rooms the adapter rejoined
                namespace.adapter().persistSession(restored.session());
            }
            return;
        }
        if (restored != null) {
            LOG.log(Level.DEBUG, () -> "connection " + connection.id() + " resumes socket " + socket.id() + " on "
                    + name + " with " + restored.missedPackets().size() + " missed packets");
            namespace.recovering(socket, restored.session().rooms());
        }
        namespace.add(socket, refusal -> refused(socket, refusal));
    }

    /** A fresh private session id when recovery is on (protocol v5 only), else null. */
    private String newPid() {
        if (version != SocketIoVersion.V5 || server.config().connectionStateRecovery().isEmpty()) {
            return null;
        }
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A middleware refused the socket: it gives up its namespace, unless the connection closed first. */
    private void refused(Socket socket, ConnectionRefusedException refusal) {
        String name = socket.namespace().name();
        synchronized (this) {
            if (!connecting.remove(name, socket)) {
                return;   // given up when the connection closed
            }
        }
        socket.abandon(false);
        socket.namespace().release();
        writeForThisClient(refusalPacket(name, refusal));
    }

    /**
     * Admits a socket its middlewares let through: answers its CONNECT ({@code 40/nsp,{"sid":…}} in v5, with
     * {@code "pid"} when recovery is on; {@code 40/nsp,} in v4), runs {@code register} (the namespace's bookkeeping)
     * and connects the socket, all under this object's monitor, so that a closing connection sees the socket either
     * in full or not at all. The answer goes first, so that it precedes anything sent to the socket; a recovered
     * socket's missed packets follow it, written after the monitor is let go. False when the connection closed
     * meanwhile (the socket has then given up its namespace).
     */
    boolean admit(Socket socket, Runnable register) {
        String name = socket.namespace().name();
        boolean admitted = false;
        synchronized (this) {
            if (!connecting.remove(name, socket)) {
                return false;   // given up when the connection closed
            }
            if (!closed && connection.isOpen()) {
                writeForThisClient(version == SocketIoVersion.V4 ? Packet.connect(name)
                        : socket.pid().map(pid -> Packet.connect(name, PROVIDER.createObjectBuilder()
                                .add("sid", socket.id()).add("pid", pid).build()))
                        .orElseGet(() -> Packet.connectReply(name, socket.id())));
                if (!closed) {  // the write may have closed the connection, on this thread
                    register.run();
                    socket.onConnected();
                    sockets.put(name, socket);
                    admitted = true;
                }
            }
        }
        if (!admitted) {
            socket.abandon(true);
            socket.namespace().release();
            return false;
        }
        socket.releaseHeld();
        cancelConnectTimeout();
        return true;
    }

    private Packet refusalPacket(String name, ConnectionRefusedException refusal) {
        String message = refusal.getMessage() == null ? "Forbidden" : refusal.getMessage();
        if (version == SocketIoVersion.V4) {
            return Packet.connectError(name, refusal.data().orElse(PROVIDER.createValue(message)));
        }
        JsonObjectBuilder error = PROVIDER.createObjectBuilder().add("message", message);
        refusal.data().ifPresent(data -> error.add("data", data));
        return Packet.connectError(name, error.build());
    }

    private String socketId(String namespace) {
        if (version == SocketIoVersion.V4) {
            return Packet.MAIN_NAMESPACE.equals(namespace) ? connection.id() : namespace + "#" + connection.id();
        }
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Handshake handshake(JsonObject auth) {
        EngineIoRequest request = connection.request();
        return new Handshake(request.headers(), request.query(), auth, request.remoteAddress(), connectedAt,
                request.secure(), request.url(),
                request.attribute(EngineIoRequest.PRINCIPAL).map(Principal.class::cast),
                request.attribute(EngineIoRequest.HTTP_SESSION), roles(request));
    }

    /** The roles the host found the user in ({@link EngineIoRequest#ROLES}), strings only. */
    private static Set<String> roles(EngineIoRequest request) {
        Object roles = request.attribute(EngineIoRequest.ROLES).orElse(null);
        if (!(roles instanceof Set<?> set) || set.isEmpty()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (Object role : set) {
            if (role instanceof String name) {
                names.add(name);
            }
        }
        return names;
    }

    /** socket.io 2.x sends a namespace's auth as its query string: {@code 40/nsp?token=abc,}. */
    private static JsonObject queryAsAuth(String query) {
        JsonObjectBuilder auth = PROVIDER.createObjectBuilder();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                auth.add(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: leave that parameter out
            }
        }
        return auth.build();
    }

    private void cancelConnectTimeout() {
        ScheduledFuture<?> timeout = connectTimeout;
        if (timeout != null) {
            timeout.cancel(false);
            connectTimeout = null;
        }
    }

    private void onClose(CloseReason reason) {
        cancelConnectTimeout();
        List<Socket> givenUp;
        List<Socket> joined;
        synchronized (this) {
            closed = true;
            givenUp = List.copyOf(connecting.values());
            connecting.clear();
            joined = List.copyOf(sockets.values());
        }
        for (Socket socket : givenUp) {
            socket.abandon(true);
            socket.namespace().release();
        }
        DisconnectReason why = DisconnectReason.of(reason);
        for (Socket socket : joined) {
            socket.onClose(why);
        }
        decoder.reset();
    }
}
