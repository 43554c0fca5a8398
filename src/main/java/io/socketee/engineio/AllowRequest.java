package io.socketee.engineio;

import io.socketee.engineio.spi.EngineIoRequest;

/**
 * Decides whether a handshake may open a session (Node's {@code allowRequest}); a refusal is answered with
 * 403 and {@code {"code":4,"message":"Forbidden"}}. Called on the request's thread; must not block.
 */
@FunctionalInterface
public interface AllowRequest {
    boolean allow(EngineIoRequest request);
}
