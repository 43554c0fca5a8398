package io.socketee.it.cdi.app;

import io.socketee.socketio.Namespace;
import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import jakarta.enterprise.context.ApplicationScoped;

/** Dynamic namespaces: every /room-N. */
@SocketNamespace(pattern = "/room-\\d+")
@ApplicationScoped
public class RoomHandlers {

    @SocketEvent("where")
    String where(Namespace namespace) {
        return namespace.name();
    }
}
