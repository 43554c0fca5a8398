package io.socketee.it.cdi.app;

import io.socketee.engineio.AllowRequest;
import io.socketee.engineio.spi.EngineIoRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The application's handshake filter, as a bean: refuses handshakes with {@code ?blocked}; asks a request bean. */
@ApplicationScoped
public class HandshakeGate implements AllowRequest {
    @Inject
    RequestState request;

    @Override
    public boolean allow(EngineIoRequest handshake) {
        request.id(); // fails unless the request context is active
        return handshake.queryParam("blocked").isEmpty();
    }
}
