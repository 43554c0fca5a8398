package io.socketee.socketio.admin;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The aggregated events of {@code server_stats}: counts per second, type and subtype ({@code rawConnection},
 * {@code rawDisconnection} with the close reason, {@code packetsIn}, {@code packetsOut}, {@code bytesIn},
 * {@code bytesOut}), taken and cleared by each stats emission. Bounded: the types and subtypes are a fixed set and
 * at most {@value #MAX_ENTRIES} entries wait (seconds without an emission drop their counts). Thread-safe: guarded by
 * this object's monitor.
 */
final class EventBuffer {
    static final int MAX_ENTRIES = 1000;

    private record Key(long second, String type, String subType) {
    }

    private final LongSupplier clock;
    private final Map<Key, long[]> counts = new LinkedHashMap<>();

    EventBuffer(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    void push(String type, String subType, long count) {
        long second = clock.getAsLong() / 1000 * 1000;
        Key key = new Key(second, type, subType);
        synchronized (this) {
            long[] n = counts.get(key);
            if (n != null) {
                n[0] += count;
            } else if (counts.size() < MAX_ENTRIES) {
                counts.put(key, new long[] {count});
            }
        }
    }

    /** The counts as Node's {@code NamespaceEvent[]}: timestamp (ms), type, subType (when there is one), count. */
    JsonArray takeAll() {
        Map<Key, long[]> taken;
        synchronized (this) {
            taken = new LinkedHashMap<>(counts);
            counts.clear();
        }
        JsonArrayBuilder out = PROVIDER.createArrayBuilder();
        taken.forEach((key, n) -> {
            JsonObjectBuilder event = PROVIDER.createObjectBuilder()
                    .add("timestamp", key.second())
                    .add("type", key.type());
            if (key.subType() != null) {
                event.add("subType", key.subType());
            }
            out.add(event.add("count", n[0]));
        });
        return out.build();
    }
}
