package io.socketee.it.cdi.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads the library's meters from the application's registry. */
@SocketNamespace("/metered")
@ApplicationScoped
public class MeteredHandlers {
    @Inject
    MeterRegistry registry;

    @SocketEvent("sockets")
    double sockets() {
        return registry.get("socketio.sockets").tag("namespace", "/metered").gauge().value();
    }
}
