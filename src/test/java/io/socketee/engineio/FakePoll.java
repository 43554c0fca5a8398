package io.socketee.engineio;

import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.engineio.spi.PollingExchange;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A long-polling request as a host hands it to the server, answered in memory: the in-process tier's polling host.
 * Its body is given whole; {@link #abort} plays a client that goes away. Public for the Socket.IO tier's polling
 * clients too.
 */
public final class FakePoll implements PollingExchange {
    private final String method;
    private final Map<String, String> query;
    private final byte[] body;
    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, Object> attributes = new HashMap<>();
    private Runnable abortCallback;
    private int status;
    private byte[] response;

    private FakePoll(String method, Map<String, String> query, byte[] body) {
        this.method = method;
        this.query = new HashMap<>(query);
        this.body = body;
    }

    /** A handshake GET of that protocol version ({@code "4"} or {@code "3"}). */
    public static FakePoll handshake(String eio) {
        return new FakePoll("GET", Map.of("EIO", eio, "transport", "polling"), new byte[0]);
    }

    /** A GET for the session's packets. */
    public static FakePoll get(String eio, String sid) {
        return new FakePoll("GET", Map.of("EIO", eio, "transport", "polling", "sid", sid), new byte[0]);
    }

    /** A POST of a payload (UTF-8 text). */
    public static FakePoll post(String eio, String sid, String payload) {
        return new FakePoll("POST", Map.of("EIO", eio, "transport", "polling", "sid", sid),
                payload.getBytes(StandardCharsets.UTF_8));
    }

    /** The request of a WebSocket handshake with this query, as the server checks it. */
    static FakePoll upgradeRequest(Map<String, String> query) {
        return new FakePoll("GET", query, new byte[0]);
    }

    /** Adds a request header (looked up by exact name). */
    FakePoll header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Adds a host attribute of the request's snapshot ({@link EngineIoRequest#PRINCIPAL}, ...). */
    FakePoll attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    /** Whether the server has answered. */
    public synchronized boolean answered() {
        return response != null;
    }

    public synchronized int status() {
        return status;
    }

    /** The response body as text; fails when there is none yet. */
    public synchronized String text() {
        if (response == null) {
            throw new AssertionError("not answered (held)");
        }
        return new String(response, StandardCharsets.UTF_8);
    }

    /** The client goes away before the answer. */
    public void abort() {
        Runnable callback;
        synchronized (this) {
            callback = abortCallback;
        }
        if (callback != null) {
            callback.run();
        }
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    @Override
    public EngineIoRequest snapshot() {
        Map<String, List<String>> lower = new HashMap<>(Map.of("host", List.of("localhost")));
        headers.forEach((name, value) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), List.of(value)));
        return new EngineIoRequest(method, "/engine.io/", Map.copyOf(query), lower, "127.0.0.1", false, attributes);
    }

    @Override
    public void readBody(int maxBytes, BodyHandler handler) {
        if (body.length > maxBytes) {
            handler.onTooLarge();
        } else {
            handler.onBody(body);
        }
    }

    @Override
    public synchronized void respond(int status, Map<String, String> headers, byte[] body) {
        if (response == null) {
            this.status = status;
            this.response = body.clone();
        }
    }

    @Override
    public synchronized void onAbort(Runnable callback) {
        abortCallback = callback;
    }
}
