package io.socketee.testing;

import io.socketee.socketio.Json;
import jakarta.json.JsonValue;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * The server's answer to an event a {@link TestClient} sent with {@link TestClient#emitWithAck}: what the handler
 * gave its {@code Ack} (or returned, for a CDI {@code @SocketEvent} method).
 *
 * <p>A handler that answers on the calling thread has answered by the time {@code emitWithAck} returns; one that
 * answers later (a {@code CompletionStage}, another thread) is waited for by {@link #await()}, in real time, up to the
 * server's {@linkplain TestServer.Builder#awaitTimeout await timeout}. Threading: any thread.
 */
public final class PendingAck {
    private final TestClient client;
    private final String event;
    private List<JsonValue> answer;   // guarded by the connection's lock
    private boolean cancelled;        // guarded by the connection's lock

    PendingAck(TestClient client, String event) {
        this.client = client;
        this.event = event;
    }

    /** The answer's arguments; fails the test when none came in time, or the socket disconnected first. */
    public List<JsonValue> await() {
        return client.connection().await(() -> {
            if (answer != null) {
                return Optional.of(answer);
            }
            if (cancelled) {
                throw new AssertionFailedError("no ack for \"" + event + "\": the socket disconnected first ("
                        + client.disconnectReason().map(ClientDisconnectReason::text).orElse("?") + ")");
            }
            return Optional.empty();
        }, () -> "no ack for \"" + event + "\" on " + client.namespace() + " within "
                + client.connection().awaitTimeout().toMillis() + " ms (did the handler answer its Ack?)");
    }

    /** Argument {@code index} of the answer; fails when there are not that many. */
    public JsonValue arg(int index) {
        List<JsonValue> args = await();
        if (index < 0 || index >= args.size()) {
            throw new AssertionFailedError("the ack for \"" + event + "\" has " + args.size() + " argument(s), not "
                    + (index + 1) + ": " + args);
        }
        return args.get(index);
    }

    /** Argument {@code index} of the answer bound to {@code type} (JSON-B, records too). */
    public <T> T arg(int index, Class<T> type) {
        return arg(index, (Type) type);
    }

    /** Argument {@code index} of the answer bound to a generic type. */
    @SuppressWarnings("unchecked")
    public <T> T arg(int index, Type type) {
        JsonValue value = arg(index);
        try {
            return (T) Json.fromJson(value, type);
        } catch (RuntimeException e) {
            throw new AssertionFailedError("the ack for \"" + event + "\" is not a " + type + ": " + value, e);
        }
    }

    /** Whether the answer has come (without waiting). */
    public boolean answered() {
        synchronized (client.connection()) {
            return answer != null;
        }
    }

    /** Fails the test when an answer has come (for handlers that must not answer, e.g. on bad input). */
    public void assertNotAnswered() {
        client.connection().pump();
        synchronized (client.connection()) {
            if (answer != null) {
                throw new AssertionFailedError("expected no ack for \"" + event + "\", got " + answer);
            }
        }
    }

    /** Called under the connection's lock. */
    void complete(List<JsonValue> args) {
        if (answer == null) {
            answer = List.copyOf(args);
        }
    }

    /** Called under the connection's lock. */
    void cancel() {
        cancelled = true;
    }

    @Override
    public String toString() {
        synchronized (client.connection()) {
            return "PendingAck[" + event + (answer != null ? " -> " + answer : cancelled ? " cancelled" : "") + "]";
        }
    }
}
