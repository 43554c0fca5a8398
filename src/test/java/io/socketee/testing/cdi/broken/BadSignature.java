package io.socketee.testing.cdi.broken;

import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import jakarta.enterprise.context.ApplicationScoped;

/** A handler whose signature the extension refuses: two Ack-less unbindable parameters kinds... a Thread. */
@SocketNamespace
@ApplicationScoped
public class BadSignature {
    @SocketEvent("x")
    void x(Thread thread, Runnable runnable, String text) {
    }
}
