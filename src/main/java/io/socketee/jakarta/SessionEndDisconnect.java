package io.socketee.jakarta;

import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.socketio.SocketIoServer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.lang.System.Logger.Level;

/**
 * Ends the Socket.IO connections of an {@code HttpSession} when it ends (logout with {@code session.invalidate()},
 * or its timeout): every connection whose opening request had that session is disconnected, each socket with a
 * DISCONNECT, so that clients see "io server disconnect" and do not reconnect by themselves with credentials that
 * no longer hold. The zero-configuration initializer registers it; applications that wire the server themselves call
 * {@link #register}. Called by the container on the thread that ends the session; holds no lock while it writes.
 */
public final class SessionEndDisconnect implements HttpSessionListener {
    private static final System.Logger LOG = System.getLogger(SessionEndDisconnect.class.getName());

    private final SocketIoServer io;

    private SessionEndDisconnect(SocketIoServer io) {
        this.io = io;
    }

    /** Registers the listener for {@code io} in a context that is starting. */
    public static void register(ServletContext context, SocketIoServer io) {
        context.addListener(new SessionEndDisconnect(io));
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        HttpSession ended = event.getSession();
        String id = idOf(ended);
        int closed = io.disconnectClients(request -> request.attribute(EngineIoRequest.HTTP_SESSION)
                .map(session -> session == ended || (id != null && session instanceof HttpSession s
                        && id.equals(idOf(s))))
                .orElse(false));
        if (closed > 0) {
            LOG.log(Level.DEBUG, () -> "socket.io: HTTP session ended; disconnected " + closed + " connection(s)");
        }
    }

    private static String idOf(HttpSession session) {
        try {
            return session.getId();
        } catch (IllegalStateException e) {
            return null;
        }
    }
}
