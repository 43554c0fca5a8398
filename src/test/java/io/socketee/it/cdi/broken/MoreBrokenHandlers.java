package io.socketee.it.cdi.broken;

import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import jakarta.enterprise.context.ApplicationScoped;

/** A second handler for an event of the same namespace. */
@SocketNamespace("/broken")
@ApplicationScoped
public class MoreBrokenHandlers {

    @SocketEvent("twice")
    void twiceAgain(String text) {
    }
}
