package io.socketee.it.cdi.secured;

import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;

/** A namespace for admins only: the class's {@code @RolesAllowed} guards its CONNECT (there is no @OnConnect). */
@SocketNamespace("/admin")
@RolesAllowed("admin")
@ApplicationScoped
public class AdminHandlers {
    @SocketEvent("stats")
    public String stats() {
        return "stats";
    }
}
