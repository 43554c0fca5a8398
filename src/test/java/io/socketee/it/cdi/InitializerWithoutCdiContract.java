package io.socketee.it.cdi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The initializer where no CDI API is visible (this test run keeps it off the classpath): {@code auto} stays out of
 * the way, {@code true} serves the plain API through the context attribute, and nothing loads a CDI class.
 */
abstract class InitializerWithoutCdiContract {

    abstract ContainerHarness harness();

    private static ServletContainerInitializer app(String enabled) {
        return app(enabled, Map.of());
    }

    /**
     * Sets {@code socketio.enabled} (unless null) and the other context parameters, runs the initializer, and adds an
     * echo listener to its server.
     */
    private static ServletContainerInitializer app(String enabled, Map<String, String> params) {
        return (Set<Class<?>> classes, ServletContext context) -> {
            if (enabled != null) {
                context.setInitParameter(SocketIoInitializer.ENABLED, enabled);
            }
            params.forEach(context::setInitParameter);
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

    private static HttpResponse<byte[]> get(int port, String file, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/socket.io/"
                + file));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The npm package's own file, as the Node server would send it. */
    private static byte[] npmFile(String name) throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("socketee.node.dir"), "node_modules", "socket.io-client",
                "dist", name));
    }

    @Test
    void servesTheBrowserBundleAsNodeDoes() throws Exception {
        try (ContainerHarness container = harness()) {
            int port = container.start(app("true"));
            HttpResponse<byte[]> js = get(port, "socket.io.js");
            assertEquals(200, js.statusCode());
            assertEquals("application/javascript; charset=utf-8",
                    js.headers().firstValue("Content-Type").orElseThrow().replace(";charset", "; charset"));
            assertEquals("\"4.8.1\"", js.headers().firstValue("ETag").orElseThrow());
            assertEquals("public, max-age=0", js.headers().firstValue("Cache-Control").orElseThrow());
            assertArrayEquals(npmFile("socket.io.js"), js.body());

            HttpResponse<byte[]> min = get(port, "socket.io.min.js", "Accept-Encoding", "gzip, deflate, br");
            assertEquals("gzip", min.headers().firstValue("Content-Encoding").orElseThrow());
            assertArrayEquals(npmFile("socket.io.min.js"),
                    new GZIPInputStream(new ByteArrayInputStream(min.body())).readAllBytes());

            HttpResponse<byte[]> map = get(port, "socket.io.min.js.map", "Accept-Encoding", "gzip;q=0");
            assertTrue(map.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
            assertArrayEquals(npmFile("socket.io.min.js.map"), map.body());

            assertEquals(304, get(port, "socket.io.esm.min.js", "If-None-Match", "\"4.8.1\"").statusCode());
            assertEquals(304, get(port, "socket.io.msgpack.min.js", "If-None-Match", "W/\"4.8.1\"").statusCode());
            assertEquals(200, get(port, "socket.io.js", "If-None-Match", "\"4.7.0\"").statusCode());
            // any other name is Engine.IO's, as on Node
            assertEquals(400, get(port, "socket.io.jsx").statusCode());
        }
    }

    @Test
    void serveClientFalseLeavesThePathToEngineIo() throws Exception {
        try (ContainerHarness container = harness()) {
            int port = container.start(app("true", Map.of("socketio.serveClient", "false")));
            HttpResponse<byte[]> js = get(port, "socket.io.js");
            assertEquals(400, js.statusCode());
            assertEquals("{\"code\":0,\"message\":\"Transport unknown\"}", new String(js.body()));
            assertEquals(200, status(port));
        }
    }
}
