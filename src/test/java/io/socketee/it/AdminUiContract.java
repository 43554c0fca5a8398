package io.socketee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socketee.jakarta.SocketIoInitializer;
import io.socketee.socketio.SocketIoServer;
import jakarta.json.JsonString;
import jakarta.servlet.ServletContainerInitializer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Admin UI in a container, set up by context parameters through the initializer ({@code socketio.adminUi.*}, basic
 * auth with the bcrypt hash of {@code admin-pass}): the dashboard's files as the servlet serves them, and the real
 * dashboard in headless Chromium ({@code admin-ui-browser.js}: logs in, shows the sockets of two socket.io-client
 * clients and their room, disconnects one with its button, asks for nothing outside the server). Subclasses pick the
 * container. The browser test skips itself, saying so, without {@code /usr/bin/chromium}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AdminUiContract {
    static final String HASH = "$2a$10$yfUNoXEjlPShaNobqZk8h.ccEEGQElJ64J.kXoaZNlZrd2ZUZ2HIi";
    private static final Path CHROMIUM = Path.of(System.getProperty("socketee.chromium", "/usr/bin/chromium"));

    protected abstract ContainerHarness harness();

    private ContainerHarness container;
    private int port;
    private Http http;

    private static ServletContainerInitializer app() {
        return (classes, context) -> {
            context.setInitParameter(SocketIoInitializer.ENABLED, "true");
            context.setInitParameter("socketio.adminUi.enabled", "true");
            context.setInitParameter("socketio.adminUi.passwordHash", HASH);
            new SocketIoInitializer().onStartup(classes, context);
            SocketIoServer io = (SocketIoServer) context.getAttribute(SocketIoInitializer.SERVER_ATTRIBUTE);
            io.onConnection(socket -> socket.on("join", (args, ack) -> {
                socket.join(((JsonString) args.get(0)).getString());
                ack.send("ok");
            }));
        };
    }

    @BeforeAll
    void start() throws Exception {
        container = harness();
        port = container.start(app());
        http = new Http(port);
    }

    @AfterAll
    void stop() throws Exception {
        container.close();
    }

    @Test
    void servesTheDashboardSetUpForThisServerWithNothingFromOutside() throws Exception {
        HttpResponse<byte[]> redirect = http.get("/socket.io-admin");
        assertEquals(302, redirect.statusCode());
        assertTrue(redirect.headers().firstValue("Location").orElse("").endsWith("/socket.io-admin/"),
                redirect.headers().toString());

        HttpResponse<byte[]> page = http.get("/socket.io-admin/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElse("")
                .replace(" ", "").toLowerCase(java.util.Locale.ROOT));
        String html = Http.text(page);
        assertFalse(html.contains("https://"), "no link outside the server: " + html);
        assertTrue(html.contains("{\"path\":\"/socket.io\",\"namespace\":\"/admin\"}"), html);
        assertTrue(html.contains("mdi/css/materialdesignicons.min.css"), html);

        Matcher script = Pattern.compile("src=\"?(js/app\\.[0-9a-f]+\\.js)").matcher(html);
        assertTrue(script.find(), html);
        HttpResponse<byte[]> app = http.get("/socket.io-admin/" + script.group(1), "Accept-Encoding", "gzip");
        assertEquals(200, app.statusCode());
        assertEquals("gzip", app.headers().firstValue("Content-Encoding").orElse(""));
        String etag = app.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, http.get("/socket.io-admin/" + script.group(1), "If-None-Match", etag).statusCode());
        HttpResponse<byte[]> font = http.get("/socket.io-admin/mdi/fonts/materialdesignicons-webfont.woff2?v=7.4.47");
        assertEquals(200, font.statusCode());
        assertEquals("font/woff2", font.headers().firstValue("Content-Type").orElse(""));

        for (String missing : new String[] {"/socket.io-admin/js/nothing.js", "/socket.io-admin/css/.hidden.css",
            "/socket.io-admin/package.json", "/socket.io-admin/js/app.0d7d7845.js.map", "/socket.io-admin/.npmrc"}) {
            assertEquals(404, http.get(missing).statusCode(), missing);
        }
        // the Socket.IO server is still where it was
        assertEquals(200, http.get("/socket.io/?EIO=4&transport=polling").statusCode());
    }

    @Test
    void theDashboardInChromiumShowsTheSocketsAndRoomsAndDisconnectsOne() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " (Debian: apt-get install -y chromium)");
        assumeTrue(NodeClients.available(), "npm clients not installed");
        Path screenshot = Path.of(System.getProperty("socketee.buildDir", "target"), "admin-ui-" + container.name()
                + ".png").toAbsolutePath();
        String argument = "{\"url\":\"http://127.0.0.1:" + port + "\",\"chromium\":\"" + CHROMIUM
                + "\",\"screenshot\":\"" + screenshot + "\"}";
        NodeClients.Result result = NodeClients.run("admin-ui-browser.js", argument, Duration.ofMinutes(2));
        assertTrue(result.ok(), result.output());
        for (String line : new String[] {"login form prefilled", "sockets page shows both sockets",
            "rooms page shows lobby", "alice got io server disconnect", "no request left the server"}) {
            assertTrue(result.output().contains(line), line + " missing in:\n" + result.output());
        }
    }
}
