package io.socketee.engineio.spi;

import java.util.Map;

/**
 * The answer to a WebSocket upgrade request: go ahead (with headers to add to the 101 response), or refuse with an
 * HTTP error response.
 */
public sealed interface UpgradeDecision {

    record Accept(EngineIoRequest request, Map<String, String> headers) implements UpgradeDecision {
        public Accept {
            headers = Map.copyOf(headers);
        }
    }

    record Refuse(int status, Map<String, String> headers, byte[] body) implements UpgradeDecision {
        public Refuse {
            headers = Map.copyOf(headers);
        }
    }
}
