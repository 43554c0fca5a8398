package io.socketee.socketio.adapter;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.socketio.core.Handshake;
import io.socketee.socketio.core.RemoteSocket;
import io.socketee.socketio.internal.ReservedEvents;
import io.socketee.socketio.protocol.Binary;
import io.socketee.socketio.protocol.Packet;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sockets as Node's cluster adapters carry them in a fetchSockets response: {@code {id, handshake, rooms, data}}, the
 * handshake with Node's field names ({@code headers, time, address, xdomain, secure, issued, url, query, auth}); and
 * the proxies of another node's sockets built from that form. Stateless.
 */
final class RemoteSocketJson {
    private static final System.Logger LOG = System.getLogger(RemoteSocketJson.class.getName());
    /** What {@code new Date().toString()} gives in Node, in UTC. */
    private static final DateTimeFormatter JS_DATE = DateTimeFormatter
            .ofPattern("EEE MMM dd uuuu HH:mm:ss 'GMT+0000 (Coordinated Universal Time)'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private RemoteSocketJson() {
    }

    /** The wire form of a local socket. */
    static JsonObject toJson(RemoteSocket socket, ClusterAdapter adapter) {
        return PROVIDER.createObjectBuilder()
                .add("id", socket.id())
                .add("handshake", handshake(socket.handshake()))
                .add("rooms", strings(socket.rooms()))
                .add("data", data(socket, adapter))
                .build();
    }

    private static JsonValue data(RemoteSocket socket, ClusterAdapter adapter) {
        try {
            return adapter.toJson(socket.data());
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "socket " + socket.id() + ": data cannot be sent as JSON: " + e);
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static JsonObject handshake(Handshake handshake) {
        JsonObjectBuilder headers = PROVIDER.createObjectBuilder();
        handshake.headers().forEach((name, values) -> headers.add(name, String.join(", ", values)));
        JsonObjectBuilder query = PROVIDER.createObjectBuilder();
        handshake.query().forEach(query::add);
        return PROVIDER.createObjectBuilder()
                .add("headers", headers)
                .add("time", JS_DATE.format(handshake.time()))
                .add("address", handshake.address() == null ? "" : handshake.address())
                .add("xdomain", handshake.header("origin").isPresent())
                .add("secure", handshake.secure())
                .add("issued", handshake.time().toEpochMilli())
                .add("url", handshake.url() == null ? "" : handshake.url())
                .add("query", query)
                .add("auth", handshake.auth())
                .build();
    }

    static JsonArray strings(Iterable<String> values) {
        JsonArrayBuilder array = PROVIDER.createArrayBuilder();
        values.forEach(array::add);
        return array.build();
    }

    /** A socket of another node from its wire form; empty when the form is unusable. */
    static Optional<RemoteSocket> fromJson(JsonValue value, ClusterAdapter adapter) {
        if (!(value instanceof JsonObject object) || !(object.get("id") instanceof JsonString id)) {
            return Optional.empty();
        }
        JsonObject handshake = object.get("handshake") instanceof JsonObject h ? h : JsonValue.EMPTY_JSON_OBJECT;
        Set<String> rooms = Collections.unmodifiableSet(new LinkedHashSet<>(ClusterAdapter.stringSet(object.get("rooms"))));
        Map<String, Object> data = new LinkedHashMap<>();
        if (object.get("data") instanceof JsonObject d) {
            data.putAll(d);
        }
        return Optional.of(new Proxy(adapter, id.getString(), handshake(handshake), rooms,
                Collections.unmodifiableMap(data)));
    }

    private static Handshake handshake(JsonObject json) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (json.get("headers") instanceof JsonObject h) {
            h.forEach((name, value) -> {
                List<String> values = new ArrayList<>();
                if (value instanceof JsonArray array) {
                    array.forEach(v -> values.add(text(v)));
                } else {
                    values.add(text(value));
                }
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
            });
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (json.get("query") instanceof JsonObject q) {
            q.forEach((name, value) -> query.put(name, text(value)));
        }
        JsonObject auth = json.get("auth") instanceof JsonObject a ? a : JsonValue.EMPTY_JSON_OBJECT;
        Instant time = json.get("issued") instanceof JsonNumber issued
                ? Instant.ofEpochMilli(issued.longValue()) : Instant.EPOCH;
        return new Handshake(Collections.unmodifiableMap(headers), Collections.unmodifiableMap(query), auth,
                json.get("address") instanceof JsonString a ? a.getString() : "",
                time, json.get("secure") == JsonValue.TRUE,
                json.get("url") instanceof JsonString u ? u.getString() : "",
                Optional.empty(), Optional.empty());
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString s && !(value instanceof Binary) ? s.getString() : value.toString();
    }

    /** A socket of another node; its operations go through the cluster, as Node's {@code RemoteSocket}. */
    private record Proxy(ClusterAdapter adapter, String id, Handshake handshake, Set<String> rooms,
                         Map<String, Object> data) implements RemoteSocket {
        private BroadcastOptions only() {
            return new BroadcastOptions(Set.of(id), Set.of(), false, false, Optional.empty());
        }

        @Override
        public boolean emit(String event, Object... args) {
            ReservedEvents.checkEmittable(event);
            JsonArrayBuilder eventData = PROVIDER.createArrayBuilder().add(event);
            for (Object arg : args) {
                eventData.add(adapter.toJson(arg));
            }
            adapter.broadcast(Packet.event(adapter.host.namespace(), eventData.build()), only());
            return true;
        }

        @Override
        public void join(String... toJoin) {
            adapter.addSockets(only(), Set.of(toJoin));
        }

        @Override
        public void leave(String room) {
            adapter.delSockets(only(), Set.of(room));
        }

        @Override
        public void disconnect(boolean close) {
            adapter.disconnectSockets(only(), close);
        }

        @Override
        public String toString() {
            return "RemoteSocket[" + id + " on " + adapter.host.namespace() + "]";
        }
    }
}
