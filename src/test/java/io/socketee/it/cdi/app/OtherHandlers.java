package io.socketee.it.cdi.app;

import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import jakarta.enterprise.context.ApplicationScoped;

/** A namespace without @OnError: its errors go to the default handler. */
@SocketNamespace("other")
@ApplicationScoped
public class OtherHandlers {

    @SocketEvent("boom")
    String boom(String what) {
        throw new IllegalArgumentException("boom: " + what);
    }

    @SocketEvent("alive")
    String alive() {
        return "yes";
    }
}
