package io.socketee.socketio;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.socketio.adapter.BroadcastOptions;
import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.internal.ReservedEvents;
import io.socketee.socketio.protocol.Packet;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Selects sockets of a namespace (rooms, exceptions, flags) and acts on them: emit, emit with acks, fetch, join, leave,
 * disconnect. Immutable: each selector returns a new operator. Thread-safe.
 */
public final class BroadcastOperator {
    private final Namespace namespace;
    private final Set<String> rooms;
    private final Set<String> except;
    private final boolean isVolatile;
    private final boolean local;
    private final Duration timeout;

    BroadcastOperator(Namespace namespace, Set<String> rooms, Set<String> except, boolean isVolatile, boolean local,
                      Duration timeout) {
        this.namespace = namespace;
        this.rooms = rooms;
        this.except = except;
        this.isVolatile = isVolatile;
        this.local = local;
        this.timeout = timeout;
    }

    static BroadcastOperator of(Namespace namespace) {
        return new BroadcastOperator(namespace, Set.of(), Set.of(), false, false, null);
    }

    /** Also targets sockets in these rooms. */
    public BroadcastOperator to(String... more) {
        return new BroadcastOperator(namespace, union(rooms, more), except, isVolatile, local, timeout);
    }

    /** The same as {@link #to}. */
    public BroadcastOperator in(String... more) {
        return to(more);
    }

    /** Leaves out sockets in these rooms. */
    public BroadcastOperator except(String... more) {
        return new BroadcastOperator(namespace, rooms, union(except, more), isVolatile, local, timeout);
    }

    /** Lets the event be dropped for clients that cannot take it at once (Node's {@code volatile}). */
    public BroadcastOperator asVolatile() {
        return new BroadcastOperator(namespace, rooms, except, true, local, timeout);
    }

    /** Only this node's sockets, even in a cluster. */
    public BroadcastOperator local() {
        return new BroadcastOperator(namespace, rooms, except, isVolatile, true, timeout);
    }

    /** How long {@link #emitWithAck} waits for answers. */
    public BroadcastOperator timeout(Duration value) {
        return new BroadcastOperator(namespace, rooms, except, isVolatile, local, value);
    }

    private static Set<String> union(Set<String> base, String[] more) {
        Set<String> out = new HashSet<>(base);
        Collections.addAll(out, more);
        return Set.copyOf(out);
    }

    BroadcastOptions options() {
        return new BroadcastOptions(rooms, except, isVolatile, local, Optional.ofNullable(timeout));
    }

    /** Sends an event to the selected sockets; the packet is encoded once. */
    public void emit(String event, Object... args) {
        ReservedEvents.checkEmittable(event);
        namespace.adapter().broadcast(Packet.event(namespace.name(), eventData(event, args)), options());
    }

    /**
     * Sends an event with an ack callback to the selected sockets and collects each client's answer (its first
     * argument). Completes when every client answered; fails, as Node's, with a {@link BroadcastAckTimeoutException}
     * (whose {@link BroadcastAckTimeoutException#responses() responses()} are the answers that arrived in time) when
     * the {@link #timeout} runs out first (with no timeout set, 10 s, where Node would wait forever). A client of this
     * node that disconnects before answering counts as answered with nothing (no entry in the list), so that it does
     * not keep the broadcast waiting; Node waits for it until the timeout. Clients of other nodes of a cluster are waited for until the timeout when they leave (the
     * cluster protocol, Node's, has no message for it).
     */
    public CompletableFuture<List<JsonValue>> emitWithAck(String event, Object... args) {
        ReservedEvents.checkEmittable(event);
        long ackId = namespace.nextAckId();
        List<JsonValue> responses = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<List<JsonValue>> result = new CompletableFuture<>();
        // In a cluster each node reports its own client count: done when every node reported (serverCount) and
        // every client counted answered or left. {expected clients, nodes that reported, nodes expected (-1: not
        // known), clients of this node that left without answering}
        int[] counts = {0, 0, -1, 0};
        AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
        Duration wait = timeout == null ? Duration.ofSeconds(10) : timeout;
        // Clean up before completing, so that whoever waits on the result finds no callback left behind.
        Runnable cleanUp = () -> {
            var t = timer.get();
            if (t != null) {
                t.cancel(false);
            }
            namespace.stopAwaitingAcks(ackId);
            namespace.forgetAck(ackId); // clients that never answered must not keep the callback
        };
        Runnable finish = () -> {
            if (!result.isDone()) {
                cleanUp.run();
                result.complete(snapshot(responses));
            }
        };
        Runnable timedOut = () -> {
            if (!result.isDone()) {
                cleanUp.run();
                List<JsonValue> arrived = snapshot(responses);
                result.completeExceptionally(new BroadcastAckTimeoutException("operation has timed out: "
                        + arrived.size() + " answers to '" + event + "' within " + wait, arrived));
            }
        };
        Runnable maybeDone = () -> {
            boolean done;
            synchronized (counts) {
                done = counts[2] >= 0 && counts[1] >= counts[2] && responses.size() + counts[3] >= counts[0];
            }
            if (done) {
                finish.run();
            }
        };
        namespace.awaitAcks(ackId, () -> {   // before the timer, whose end unregisters it
            synchronized (counts) {
                counts[3]++;
            }
            maybeDone.run();
        });
        timer.set(namespace.server().schedule(wait.toMillis(), timedOut));
        namespace.adapter().broadcastWithAck(Packet.event(namespace.name(), ackId, eventData(event, args)),
                options(),
                count -> {
                    synchronized (counts) {
                        counts[0] += count;
                        counts[1]++;
                    }
                    maybeDone.run();
                },
                answer -> {
                    responses.add(answer);
                    maybeDone.run();
                });
        CompletableFuture<Integer> nodes = local ? CompletableFuture.completedFuture(1)
                : namespace.adapter().serverCount();
        nodes.whenComplete((n, error) -> {
            synchronized (counts) {
                counts[2] = error == null && n != null ? Math.max(1, n) : 1; // no cluster reachable: this node
            }
            maybeDone.run();
        });
        return result;
    }

    private static List<JsonValue> snapshot(List<JsonValue> responses) {
        synchronized (responses) {
            return List.copyOf(responses);
        }
    }

    static jakarta.json.JsonArray eventData(String event, Object... args) {
        JsonArrayBuilder data = PROVIDER.createArrayBuilder().add(event);
        for (Object arg : args) {
            data.add(Json.toJson(arg));
        }
        return data.build();
    }

    /** The selected sockets, on every node unless {@link #local()}. */
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return namespace.adapter().fetchSockets(options());
    }

    /** Makes the selected sockets join rooms. */
    public void socketsJoin(String... toJoin) {
        namespace.adapter().addSockets(options(), Set.of(toJoin));
    }

    /** Makes the selected sockets leave rooms. */
    public void socketsLeave(String... toLeave) {
        namespace.adapter().delSockets(options(), Set.of(toLeave));
    }

    /** Disconnects the selected sockets; with {@code close}, closes their connections too. */
    public void disconnectSockets(boolean close) {
        namespace.adapter().disconnectSockets(options(), close);
    }
}
