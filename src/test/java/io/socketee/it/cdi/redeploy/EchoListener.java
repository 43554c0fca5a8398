package io.socketee.it.cdi.redeploy;

import io.socketee.jakarta.SocketIoInitializer;
import io.socketee.socketio.SocketIoServer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** The redeployed test application: an {@code echo} event acked with its arguments, on the initializer's server. */
public class EchoListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        SocketIoServer io = (SocketIoServer) event.getServletContext()
                .getAttribute(SocketIoInitializer.SERVER_ATTRIBUTE);
        io.onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args.toArray())));
    }
}
