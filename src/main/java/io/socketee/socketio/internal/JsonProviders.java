package io.socketee.socketio.internal;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider of the Socket.IO layer, looked up once (each {@link JsonProvider#provider()} call searches the
 * class path again). Its factories are thread-safe.
 */
public final class JsonProviders {
    /** The provider every package of the layer builds and parses JSON-P trees with. */
    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonProviders() {
    }
}
