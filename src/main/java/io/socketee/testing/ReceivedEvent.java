package io.socketee.testing;

import io.socketee.socketio.Json;
import io.socketee.socketio.protocol.Binary;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.Type;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opentest4j.AssertionFailedError;

/**
 * An event a {@link TestClient} received from the server: its name, its arguments as JSON-P values (binary
 * attachments as {@link Binary}), and, when the server asked for an acknowledgement ({@code emitWithAck}), the means
 * to answer it ({@link #ack}).
 *
 * <p>Threading: immutable but for the ack, which answers once from any thread.
 */
public final class ReceivedEvent {
    private final TestClient client;
    private final String name;
    private final List<JsonValue> args;
    private final OptionalLong ackId;
    private final AtomicBoolean acked = new AtomicBoolean();

    ReceivedEvent(TestClient client, String name, List<JsonValue> args, OptionalLong ackId) {
        this.client = client;
        this.name = name;
        this.args = List.copyOf(args);
        this.ackId = ackId;
    }

    /** The event's name. */
    public String name() {
        return name;
    }

    /** The arguments after the name, as JSON-P values ({@link Binary} for binary attachments). */
    public List<JsonValue> args() {
        return args;
    }

    /** Argument {@code index}; fails the test when there are not that many. */
    public JsonValue arg(int index) {
        if (index < 0 || index >= args.size()) {
            throw new AssertionFailedError("event \"" + name + "\" has " + args.size() + " argument(s), not "
                    + (index + 1) + ": " + args);
        }
        return args.get(index);
    }

    /** Argument {@code index} bound to {@code type} as the server binds incoming arguments (JSON-B, records too). */
    public <T> T arg(int index, Class<T> type) {
        return arg(index, (Type) type);
    }

    /** Argument {@code index} bound to a generic {@code type} ({@code List<Message>}). */
    @SuppressWarnings("unchecked")
    public <T> T arg(int index, Type type) {
        JsonValue value = arg(index);
        try {
            return (T) Json.fromJson(value, type);
        } catch (RuntimeException e) {
            throw new AssertionFailedError("argument " + index + " of event \"" + name + "\" is not a " + type + ": "
                    + value, e);
        }
    }

    /** Argument {@code index} as a string; fails when it is not a JSON string. */
    public String text(int index) {
        JsonValue value = arg(index);
        if (value instanceof JsonString s && !(value instanceof Binary)) {
            return s.getString();
        }
        throw new AssertionFailedError("argument " + index + " of event \"" + name + "\" is not a string: " + value);
    }

    /** Argument {@code index} as an integer; fails when it is not a JSON number without fraction. */
    public long number(int index) {
        JsonValue value = arg(index);
        if (value instanceof JsonNumber n && n.isIntegral()) {
            return n.longValue();
        }
        throw new AssertionFailedError("argument " + index + " of event \"" + name + "\" is not an integer: " + value);
    }

    /** Argument {@code index} as bytes; fails when it is not a binary attachment. */
    public byte[] bytes(int index) {
        JsonValue value = arg(index);
        if (value instanceof Binary b) {
            return b.bytes().clone();
        }
        throw new AssertionFailedError("argument " + index + " of event \"" + name + "\" is not binary: " + value);
    }

    /** Whether the server asked for an acknowledgement. */
    public boolean ackRequested() {
        return ackId.isPresent();
    }

    /**
     * Answers the server's acknowledgement request with these arguments (converted as the server converts its own:
     * {@link Json#toJson(Object)}). Fails the test when the server asked for none, or when answered already.
     */
    public void ack(Object... answer) {
        if (ackId.isEmpty()) {
            throw new AssertionFailedError("event \"" + name + "\" was sent without an ack: the server does not wait"
                    + " for an answer (use emitWithAck on the server)");
        }
        if (!acked.compareAndSet(false, true)) {
            throw new AssertionFailedError("event \"" + name + "\" was answered already");
        }
        JsonArray data = TestClient.toArray(answer);
        client.sendAck(ackId.getAsLong(), data);
    }

    /** Whether {@link #ack} has answered it. */
    public boolean acked() {
        return acked.get();
    }

    /** Answers the ack without checks; false when answered already. For the client's own listeners. */
    boolean tryAck(JsonArray data) {
        if (ackId.isEmpty() || !acked.compareAndSet(false, true)) {
            return false;
        }
        client.sendAck(ackId.getAsLong(), data);
        return true;
    }

    @Override
    public String toString() {
        return name + args + (ackId.isPresent() ? " (ack " + ackId.getAsLong() + ")" : "");
    }
}
