package io.socketee.testing;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.engineio.protocol.ProtocolVersion;
import io.socketee.socketio.Json;
import io.socketee.socketio.core.Ack;
import io.socketee.socketio.internal.ReservedEvents;
import io.socketee.socketio.protocol.Packet;
import io.socketee.socketio.protocol.SocketIoVersion;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * An in-memory Socket.IO client in one namespace of a {@link TestServer}: no socket, no container. It speaks the
 * protocol of the official clients, either generation ({@link Protocol#V4}: socket.io-client 3.x/4.x, EIO=4;
 * {@link Protocol#V3}: socket.io-client 2.x, EIO=3), through the Engine.IO host interfaces a WebSocket binding
 * implements, with the server's own packet codecs.
 *
 * <pre>{@code
 * TestClient alice = server.client().namespace("/chat").auth(Map.of("name", "alice")).connect();
 * alice.emit("join", "lobby");
 * assertEquals("welcome", alice.received("notice").text(0));
 * PendingAck ack = alice.emitWithAck("message", new Message("hi"));
 * assertEquals("ok", ack.arg(0, String.class));
 * alice.on("ping", (event, answer) -> answer.send("pong"));   // answers the server's emitWithAck
 * }</pre>
 *
 * <p>What the server does on the thread of a call (its handlers, their emits and acks) has happened when the call
 * returns. What it does on other threads is waited for by the methods that expect something ({@link #received},
 * {@link PendingAck#await()}, {@link Builder#connect()}, {@link #awaitDisconnect()}), in real time, up to the server's
 * {@linkplain TestServer.Builder#awaitTimeout await timeout}; the methods that expect nothing ({@link #didNotReceive},
 * {@link #receivedNothing()}) look at what has arrived so far. Heartbeats are answered by themselves, on the virtual
 * clock ({@link #stopHeartbeat()} plays a client that went silent).
 *
 * <p>Assertions fail with opentest4j's {@link AssertionFailedError} (what JUnit 5 throws), naming what did arrive.
 * Threading: meant for the test's thread; the server may send from any thread.
 */
public final class TestClient {
    /** The protocol generation the client speaks. */
    public enum Protocol {
        /** Engine.IO 4 and Socket.IO 5: socket.io-client 3.x and 4.x. */
        V4,
        /** Engine.IO 3 and Socket.IO 4: socket.io-client 2.x (the server needs {@code allowEIO3}). */
        V3
    }

    private final Connection connection;
    private final String namespace;
    // all guarded by the connection's monitor
    private final List<ReceivedEvent> events = new ArrayList<>();
    /** Per event: whether a {@link #received} call has taken it. */
    private final List<Boolean> takenFlags = new ArrayList<>();
    private final Map<Long, PendingAck> acks = new HashMap<>();
    private final Map<String, BiConsumer<ReceivedEvent, Ack>> listeners = new LinkedHashMap<>();
    private long nextAckId;
    private boolean connected;
    private boolean answered;   // the server answered the CONNECT (either way)
    private String id;
    private ConnectError connectError;
    private ClientDisconnectReason disconnectReason;
    /** Connection state recovery: the session's private id from the CONNECT reply, and the last offset received. */
    private String pid;
    private String lastOffset;
    private boolean recovered;
    /** How this client was made, to {@link #reconnect} it; null for one made on a shared connection. */
    private Builder madeBy;
    /** The pid this client asked to resume, if it did. */
    private String resuming;

    private TestClient(Connection connection, String namespace) {
        this.connection = connection;
        this.namespace = namespace;
    }

    Connection connection() {
        return connection;
    }

    /** The namespace this client is in (or tried to join). */
    public String namespace() {
        return namespace;
    }

    /** The socket id the server gave ({@code socket.id} on the server); fails when not connected. */
    public String id() {
        synchronized (connection) {
            if (id == null) {
                throw new AssertionFailedError("not connected to " + namespace + describeState());
            }
            return id;
        }
    }

    /** The Engine.IO session id of the connection. */
    public String engineId() {
        return connection.sid();
    }

    /** Whether the client is connected to its namespace now. */
    public boolean connected() {
        connection.pump();
        synchronized (connection) {
            return connected;
        }
    }

    /** The refusal of the CONNECT, when the server refused it. */
    public Optional<ConnectError> connectError() {
        connection.pump();
        synchronized (connection) {
            return Optional.ofNullable(connectError);
        }
    }

    /** Why the client is no longer connected; empty while it is (or never was). */
    public Optional<ClientDisconnectReason> disconnectReason() {
        connection.pump();
        synchronized (connection) {
            return Optional.ofNullable(disconnectReason);
        }
    }

    /**
     * Whether this client resumed its earlier session (connection state recovery): the server answered its
     * {@link #reconnect()} with the same private id, as socket.io-client's {@code socket.recovered}.
     */
    public boolean recovered() {
        connection.pump();
        synchronized (connection) {
            return recovered;
        }
    }

    /**
     * Connects again on a new connection, as socket.io-client 4.6+ reconnects after losing its connection: with the
     * same handshake and auth, and, when the server has connection state recovery on, the session's private id and
     * the offset of the last event received, so that the server can resume the session ({@link #recovered()}) and
     * replay what the client missed. Waits for the server's answer as {@link Builder#connect()} does. Fails while
     * this client is still connected (call {@link #close()} first: the network went away).
     */
    public TestClient reconnect() {
        Builder builder;
        String resume;
        String offset;
        synchronized (connection) {
            if (connected) {
                throw new IllegalStateException("still connected: close() the connection first");
            }
            if (madeBy == null) {
                throw new IllegalStateException("a client on a shared connection cannot reconnect alone");
            }
            builder = madeBy;
            resume = pid;
            offset = lastOffset;
        }
        return builder.connect(resume, offset);
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends an event, as {@code socket.emit(event, args…)} does: arguments converted as the server converts its own
     * ({@link Json#toJson}: records and POJOs through JSON-B, {@code byte[]} as binary attachments). Fails when not
     * connected.
     */
    public void emit(String event, Object... args) {
        ReservedEvents.checkEmittable(event);
        requireConnected("emit \"" + event + "\"");
        connection.send(Packet.event(namespace, eventData(event, args)));
        connection.pump();
    }

    /** Sends an event with an acknowledgement callback; the server's answer arrives in the returned ack. */
    public PendingAck emitWithAck(String event, Object... args) {
        ReservedEvents.checkEmittable(event);
        requireConnected("emit \"" + event + "\"");
        PendingAck ack = new PendingAck(this, event);
        long ackId;
        synchronized (connection) {
            ackId = nextAckId++;
            acks.put(ackId, ack);
        }
        connection.send(Packet.event(namespace, ackId, eventData(event, args)));
        connection.pump();
        return ack;
    }

    /**
     * Answers events the server sends with {@code emitWithAck} (and sees every event of that name): the listener gets
     * the event and an {@link Ack} to answer with, as {@code socket.on(event, (arg, callback) => …)} in JavaScript.
     * It runs on the test's thread, at the virtual time the event came. Events still count for {@link #received}.
     */
    public void on(String event, BiConsumer<ReceivedEvent, Ack> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (connection) {
            listeners.put(event, listener);
        }
    }

    /**
     * Leaves the namespace, as {@code socket.disconnect()} does (the server sees "client namespace disconnect");
     * when no other namespace of the connection is joined, the connection closes too, as the official client's
     * manager does.
     */
    public void disconnect() {
        boolean last;
        synchronized (connection) {
            if (!connected) {
                return;
            }
            connected = false;
            disconnectReason = ClientDisconnectReason.IO_CLIENT_DISCONNECT;
            cancelAcks();
            last = connection.sockets().stream().noneMatch(c -> c.connected);
        }
        connection.send(Packet.disconnect(namespace));
        if (last) {
            connection.close();
        }
        connection.pump();
    }

    /**
     * The client goes away without a word (a closed tab, a lost network): the connection closes under the server,
     * which sees "transport close" for every socket of the connection.
     */
    public void close() {
        connection.hangUp();
    }

    /**
     * The network goes away under the client without the server seeing it (a held polling GET whose TCP connection
     * was reset, which a container does not notice until it writes): the client is disconnected ("transport error"),
     * the server's socket stays connected until its ping timeout, or until the client comes back with
     * {@link #reconnect()}.
     */
    public void loseConnectionUnnoticed() {
        connection.loseUnnoticed();
    }

    /**
     * From now on the client neither answers the server's pings (EIO=4) nor sends its own (EIO=3): advancing the
     * virtual clock by pingInterval + pingTimeout lets the server's ping timeout close the connection.
     */
    public void stopHeartbeat() {
        connection.stopHeartbeat();
    }

    /**
     * Sends one raw Engine.IO text frame ({@code "42[\"x\"]"}, {@code "4abc"}), for tests of what the server does
     * with bad input: the server must refuse it cleanly (a malformed packet closes the connection).
     */
    public void sendRaw(String engineIoFrame) {
        connection.sendFrame(engineIoFrame);
        connection.pump();
    }

    /** Another namespace on the same connection, as {@code io("/admin")} next to {@code io("/")} multiplexes. */
    public Builder alsoIn(String namespace) {
        return new Builder(this.connection, namespace);
    }

    // ------------------------------------------------------------------ assertions

    /**
     * The next event called {@code event} that no earlier call took, waiting for it up to the await timeout; fails
     * the test, listing what did arrive, when none comes.
     */
    public ReceivedEvent received(String event) {
        return connection.await(() -> {
            for (int i = 0; i < events.size(); i++) {
                if (!takenFlags.get(i) && events.get(i).name().equals(event)) {
                    takenFlags.set(i, true);
                    return Optional.of(events.get(i));
                }
            }
            return Optional.empty();
        }, () -> "expected event \"" + event + "\" on " + namespace + " within "
                + connection.awaitTimeout().toMillis() + " ms; received " + describeEvents() + describeState());
    }

    /** The first argument of the next event {@code event}, bound to {@code type}. */
    public <T> T received(String event, Class<T> type) {
        return received(event).arg(0, type);
    }

    /** Fails the test when an event {@code event} has arrived that no {@link #received} call took. */
    public void didNotReceive(String event) {
        connection.pump();
        synchronized (connection) {
            connection.throwIfFailed();
            for (int i = 0; i < events.size(); i++) {
                if (!takenFlags.get(i) && events.get(i).name().equals(event)) {
                    throw new AssertionFailedError("expected no event \"" + event + "\" on " + namespace
                            + ", received " + events.get(i));
                }
            }
        }
    }

    /** Fails the test when any event has arrived that no {@link #received} call took. */
    public void receivedNothing() {
        connection.pump();
        synchronized (connection) {
            connection.throwIfFailed();
            List<ReceivedEvent> left = untaken();
            if (!left.isEmpty()) {
                throw new AssertionFailedError("expected no events on " + namespace + ", received " + left);
            }
        }
    }

    /** Every event received so far, taken or not, in order. */
    public List<ReceivedEvent> events() {
        connection.pump();
        synchronized (connection) {
            return List.copyOf(events);
        }
    }

    /** Forgets the events received so far (so that {@link #receivedNothing()} looks only at what comes next). */
    public void clearEvents() {
        connection.pump();
        synchronized (connection) {
            for (int i = 0; i < takenFlags.size(); i++) {
                takenFlags.set(i, true);
            }
        }
    }

    /**
     * Waits until the client is no longer connected, up to the await timeout, and says why; fails when it stays
     * connected. (A timeout of the server's, a ping timeout, comes when the virtual clock is advanced past it.)
     */
    public ClientDisconnectReason awaitDisconnect() {
        return connection.await(() -> Optional.ofNullable(disconnectReason),
                () -> "expected " + namespace + " to be disconnected within " + connection.awaitTimeout().toMillis()
                        + " ms; it is still connected");
    }

    /** Fails the test unless the client is disconnected now for this reason. */
    public void assertDisconnected(ClientDisconnectReason reason) {
        Optional<ClientDisconnectReason> actual = disconnectReason();
        if (actual.isEmpty() || actual.get() != reason) {
            throw new AssertionFailedError("expected " + namespace + " disconnected with \"" + reason.text() + "\"",
                    reason, actual.orElse(null));
        }
    }

    @Override
    public String toString() {
        synchronized (connection) {
            return "TestClient[" + namespace + (id != null ? " " + id : "") + describeState() + "]";
        }
    }

    // ------------------------------------------------------------------ from the connection (under its monitor)

    void onPacket(Packet packet) {
        if (packet instanceof Packet.Connect connect) {
            answered = true;
            connected = true;
            id = connect.sid().orElseGet(() -> Packet.MAIN_NAMESPACE.equals(namespace)
                    ? connection.sid() : namespace + "#" + connection.sid());
            pid = connect.data().map(d -> d.get("pid")).filter(JsonString.class::isInstance)
                    .map(v -> ((JsonString) v).getString()).orElse(null);
            recovered = resuming != null && resuming.equals(pid);
        } else if (packet instanceof Packet.ConnectError error) {
            answered = true;
            connectError = ConnectError.of(error.data(), connection.socketIoVersion() == SocketIoVersion.V5);
        } else if (packet instanceof Packet.Disconnect) {
            if (connected) {
                connected = false;
                disconnectReason = ClientDisconnectReason.IO_SERVER_DISCONNECT;
                cancelAcks();
                if (connection.sockets().stream().noneMatch(c -> c.connected)) {
                    // as the official client's manager: no namespace left, the connection closes
                    connection.runSoon(connection::close);
                }
            }
        } else if (packet instanceof Packet.Event event) {
            List<JsonValue> arguments = event.arguments();
            if (pid != null && event.ackId().isEmpty() && !arguments.isEmpty()
                    && arguments.get(arguments.size() - 1) instanceof JsonString offset) {
                // as socket.io-client: with recovery on, an event's last argument is its offset (listeners see it too)
                lastOffset = offset.getString();
            }
            ReceivedEvent received = new ReceivedEvent(this, event.name(), event.arguments(), event.ackId());
            events.add(received);
            takenFlags.add(false);
            BiConsumer<ReceivedEvent, Ack> listener = listeners.get(event.name());
            if (listener != null) {
                connection.runSoon(() -> listener.accept(received, args -> received.tryAck(toArray(args))));
            }
        } else if (packet instanceof Packet.Ack ack) {
            PendingAck pending = acks.remove(ack.ackId());
            if (pending != null) {
                pending.complete(ack.data());
            }
        }
    }

    void onConnectionClosed(ClientDisconnectReason reason) {
        synchronized (connection) {
            answered = true;
            if (connected) {
                connected = false;
                disconnectReason = reason;
                cancelAcks();
            } else if (disconnectReason == null && id != null) {
                disconnectReason = reason;
            }
        }
    }

    private void cancelAcks() {
        acks.values().forEach(PendingAck::cancel);
        acks.clear();
    }

    void sendAck(long ackId, JsonArray data) {
        synchronized (connection) {
            if (!connected) {
                return;   // the official client drops it too: the socket is gone
            }
        }
        connection.send(Packet.ack(namespace, ackId, data));
    }

    // ------------------------------------------------------------------ helpers

    private void requireConnected(String what) {
        connection.pump();
        synchronized (connection) {
            connection.throwIfFailed();
            if (!connected) {
                throw new AssertionFailedError("cannot " + what + ": not connected to " + namespace + describeState());
            }
        }
    }

    private List<ReceivedEvent> untaken() {
        List<ReceivedEvent> left = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!takenFlags.get(i)) {
                left.add(events.get(i));
            }
        }
        return left;
    }

    private String describeEvents() {
        List<ReceivedEvent> left = untaken();
        return left.isEmpty() ? "nothing" : left.toString();
    }

    private String describeState() {
        if (connectError != null) {
            return " (connect_error: " + connectError.message() + ")";
        }
        if (disconnectReason != null) {
            return " (disconnected: " + disconnectReason.text() + ")";
        }
        return connected ? "" : answered ? " (not connected)" : " (CONNECT not answered)";
    }

    static JsonArray toArray(Object... args) {
        JsonArrayBuilder array = PROVIDER.createArrayBuilder();
        for (Object arg : args) {
            array.add(Json.toJson(arg));
        }
        return array.build();
    }

    private static JsonArray eventData(String event, Object... args) {
        JsonArrayBuilder array = PROVIDER.createArrayBuilder().add(event);
        for (Object arg : args) {
            array.add(Json.toJson(arg));
        }
        return array.build();
    }

    // ------------------------------------------------------------------ building

    /**
     * What a client shows when it connects: namespace, {@code auth}, the handshake request's query, headers, address
     * and user. Made by {@link TestServer#client()}; not thread-safe.
     */
    public static final class Builder {
        private final TestServer server;
        private final Connection shared;
        private String namespace = Packet.MAIN_NAMESPACE;
        private Protocol protocol = Protocol.V4;
        private Object auth;
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final Map<String, Object> attributes = new HashMap<>();
        private String remoteAddress = "127.0.0.1";
        private boolean secure;

        Builder(TestServer server) {
            this.server = server;
            this.shared = null;
        }

        private Builder(Connection shared, String namespace) {
            this.server = null;
            this.shared = shared;
            this.namespace = normalize(namespace);
        }

        /** The namespace to join; {@code /} by default. */
        public Builder namespace(String value) {
            this.namespace = normalize(value);
            return this;
        }

        /** The protocol generation; {@link Protocol#V4} (socket.io-client 4.x) by default. */
        public Builder protocol(Protocol value) {
            requireOwnConnection("protocol");
            this.protocol = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The CONNECT's {@code auth} payload: a map, a record or a POJO, or a {@link JsonObject}. A socket.io 2.x
         * client ({@link Protocol#V3}) has no auth: it sends these as the namespace's query string, which the
         * server reads as auth, and cannot send any for the main namespace.
         */
        public Builder auth(Object value) {
            this.auth = value;
            return this;
        }

        /** A query parameter of the handshake request ({@code socket.handshake().query()}). */
        public Builder query(String name, String value) {
            requireOwnConnection("query");
            query.put(name, value);
            return this;
        }

        /** A header of the handshake request ({@code socket.handshake().headers()}); names are case-insensitive. */
        public Builder header(String name, String value) {
            requireOwnConnection("header");
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        /** The container's authenticated user, as a servlet container hands it over ({@code Principal} parameters). */
        public Builder principal(Principal value) {
            requireOwnConnection("principal");
            attributes.put(io.socketee.engineio.spi.EngineIoRequest.PRINCIPAL, value);
            return this;
        }

        /** The client's IP address; {@code 127.0.0.1} by default. */
        public Builder remoteAddress(String value) {
            requireOwnConnection("remoteAddress");
            this.remoteAddress = Objects.requireNonNull(value);
            return this;
        }

        /** Whether the request came over TLS; false by default. */
        public Builder secure(boolean value) {
            requireOwnConnection("secure");
            this.secure = value;
            return this;
        }

        /**
         * Connects and waits for the server's answer; fails the test when the server refuses (naming the
         * {@code connect_error}) or does not answer within the await timeout.
         */
        public TestClient connect() {
            return connect(null, null);
        }

        /** {@link #connect()}, asking to resume the session {@code pid} from {@code offset} when pid is not null. */
        TestClient connect(String pid, String offset) {
            TestClient client = attempt(pid, offset);
            Connection c = client.connection;
            c.await(() -> client.answered ? Optional.of(true) : Optional.empty(),
                    () -> "the server did not answer the CONNECT to " + client.namespace + " within "
                            + c.awaitTimeout().toMillis() + " ms (a middleware that never calls next?)");
            synchronized (c) {
                if (!client.connected) {
                    throw new AssertionFailedError("expected to connect to " + client.namespace + client.describeState());
                }
            }
            return client;
        }

        /**
         * Connects without asserting the outcome: the returned client may be connected, refused
         * ({@link TestClient#connectError()}) or still waiting (a middleware that answers later).
         */
        public TestClient attempt() {
            return attempt(null, null);
        }

        private TestClient attempt(String pid, String offset) {
            Connection c = shared;
            boolean fresh = c == null;
            if (fresh) {
                c = server.newConnection(protocol);
            }
            TestClient client = new TestClient(c, namespace);
            client.madeBy = fresh ? this : null;
            client.resuming = pid;
            if (c.socket(namespace).filter(TestClient::connected).isPresent()) {
                throw new IllegalStateException("this connection is already in " + namespace);
            }
            c.register(client);
            boolean v3 = c.socketIoVersion() == SocketIoVersion.V4;
            if (v3 && Packet.MAIN_NAMESPACE.equals(namespace) && auth != null) {
                throw new IllegalArgumentException("socket.io 2.x clients send no auth for the main namespace: use"
                        + " query(…) for the handshake's query string");
            }
            if (fresh) {
                c.open("/socket.io/", query, headers, remoteAddress, secure, attributes);
            }
            if (v3) {
                // socket.io 2.x clients are in the main namespace from the start; other namespaces get a CONNECT
                // with the auth as query string
                if (!Packet.MAIN_NAMESPACE.equals(namespace)) {
                    String q = auth == null ? "" : queryString(auth);
                    c.send(new Packet.Connect(namespace, Optional.empty(), q.isEmpty() ? Optional.empty()
                            : Optional.of(q)));
                } else if (!fresh) {
                    throw new IllegalStateException("a socket.io 2.x connection is in the main namespace already");
                }
            } else if (pid != null) {
                JsonObjectBuilder resume = PROVIDER.createObjectBuilder(auth == null ? JsonValue.EMPTY_JSON_OBJECT
                        : authObject(auth)).add("pid", pid);
                if (offset != null) {
                    resume.add("offset", offset);
                }
                c.send(Packet.connect(namespace, resume.build()));
            } else {
                c.send(auth == null ? Packet.connect(namespace) : Packet.connect(namespace, authObject(auth)));
            }
            c.pump();
            return client;
        }

        private void requireOwnConnection(String option) {
            if (shared != null) {
                throw new IllegalStateException(option + " belongs to the connection, which is open already: only"
                        + " namespace and auth can be set for another namespace on it");
            }
        }

        private static String normalize(String namespace) {
            return namespace.startsWith("/") ? namespace : "/" + namespace;
        }

        private static JsonObject authObject(Object auth) {
            JsonValue value = Json.toJson(auth);
            if (value instanceof JsonObject object) {
                return object;
            }
            throw new IllegalArgumentException("auth must be an object (a map, a record, a POJO): " + value);
        }

        private static String queryString(Object auth) {
            return authObject(auth).entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue() instanceof JsonString s
                            ? s.getString() : e.getValue().toString()))
                    .collect(Collectors.joining("&"));
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    static ProtocolVersion engineVersion(Protocol protocol) {
        return protocol == Protocol.V3 ? ProtocolVersion.V3 : ProtocolVersion.V4;
    }
}
