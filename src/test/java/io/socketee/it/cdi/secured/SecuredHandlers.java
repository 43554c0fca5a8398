package io.socketee.it.cdi.secured;

import io.socketee.socketio.Socket;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.cdi.InvalidPayloadException;
import io.socketee.socketio.cdi.OnError;
import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import io.socketee.socketio.core.Handshake;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import java.security.Principal;
import java.util.Map;

/**
 * The main namespace of the secured WARs: events open to anyone, to admins only and to nobody, a validated payload,
 * and a message to all of the caller's sockets (its user room).
 */
@SocketNamespace
@ApplicationScoped
public class SecuredHandlers {
    @Inject
    SocketIoServer io;

    @SocketEvent("whoami")
    @PermitAll
    public Map<String, Object> whoami(Principal user, Handshake handshake) {
        return Map.of("user", user == null ? "" : user.getName(), "admin", handshake.isUserInRole("admin"),
                "roles", handshake.roles().size());
    }

    @SocketEvent("audit")
    @RolesAllowed("admin")
    public String audit(Principal user) {
        return "audited by " + user.getName();
    }

    @SocketEvent("closed")
    @DenyAll
    public String closed() {
        return "never";
    }

    @SocketEvent("order")
    public String order(@Valid Order order, @NotNull @Email String email) {
        return "ordered " + order.lines().size() + " for " + email;
    }

    @SocketEvent("notify-me")
    public String notifyMe(Principal user, String text) {
        io.toUser(user.getName()).emit("personal", text);
        return "sent";
    }

    @OnError
    public void invalid(Socket socket, InvalidPayloadException error) {
        socket.emit("invalid", error.violations().size());
    }
}
