package io.socketee.it.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socketee.it.ContainerHarness;
import io.socketee.jakarta.SocketIoInitializer;
import io.socketee.socketio.SocketIoServer;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The initializer where no CDI API is visible (this test run keeps it off the classpath): {@code auto} stays out of
 * the way, {@code true} serves the plain API through the context attribute, and nothing loads a CDI class.
 */
abstract class InitializerWithoutCdiContract {

    abstract ContainerHarness harness();

    /** Sets {@code socketio.enabled} (unless null), runs the initializer, and adds an echo listener to its server. */
    private static ServletContainerInitializer app(String enabled) {
        return (Set<Class<?>> classes, ServletContext context) -> {
            if (enabled != null) {
                context.setInitParameter(SocketIoInitializer.ENABLED, enabled);
            }
            new SocketIoInitializer().onStartup(classes, context);
            context.addListener(new ServletContextListener() {
                @Override
                public void contextInitialized(ServletContextEvent event) {
                    Object io = event.getServletContext().getAttribute(SocketIoInitializer.SERVER_ATTRIBUTE);
                    if (io instanceof SocketIoServer server) {
                        server.onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args.toArray())));
                    }
                }
            });
        };
    }

    private static int status(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/socket.io/?EIO=4&transport=polling")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void staysOutOfTheWayWithoutCdiByDefault() throws Exception {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("jakarta.enterprise.inject.spi.BeanManager"));
        try (ContainerHarness container = harness()) {
            int port = container.start(app(null));
            assertEquals(404, status(port));
        }
    }

    @Test
    void servesThePlainApiWhenSwitchedOn() throws Exception {
        try (ContainerHarness container = harness()) {
            int port = container.start(app("true"));
            assertEquals(200, status(port));
            IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false).build();
            Socket socket = IO.socket(URI.create("http://127.0.0.1:" + port), options);
            try {
                CompletableFuture<Object[]> answer = new CompletableFuture<>();
                socket.on(Socket.EVENT_CONNECT, args -> socket.emit("echo", "hi", (Ack) answer::complete));
                socket.connect();
                Object[] echoed = answer.get(5, TimeUnit.SECONDS);
                assertTrue(echoed.length == 1 && "hi".equals(echoed[0]), java.util.Arrays.toString(echoed));
            } finally {
                socket.close();
            }
        }
    }
}
