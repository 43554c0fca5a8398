package io.socketee.it.cdi;

import static io.socketee.it.JavaClients.ask;
import static io.socketee.it.JavaClients.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.Socket;
import io.socketee.it.JavaClients;
import io.socketee.it.cdi.redeploy.EchoListener;
import io.socketee.it.tomcat.TomcatHarness;
import jakarta.servlet.ServletContainerInitializer;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.catalina.Context;
import org.jboss.shrinkwrap.api.exporter.ExplodedExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Deploys a WAR served by {@code SocketIoInitializer} (plain API, in-memory adapter) in embedded Tomcat, connects a
 * client, undeploys it with the client still connected, and does it all again: no thread of ours, nor any thread of
 * the application's class loader, survives an undeploy; Tomcat logs no leak warning; and once stopped, the
 * application's class loader can be collected (Tomcat's "find leaks").
 */
class TomcatRedeployIT {
    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <context-param>
                <param-name>socketio.enabled</param-name>
                <param-value>true</param-value>
              </context-param>
              <listener><listener-class>%s</listener-class></listener>
            </web-app>
            """.formatted(EchoListener.class.getName());

    private final ConcurrentLinkedQueue<LogRecord> loaderWarnings = new ConcurrentLinkedQueue<>();
    private final Logger loaderLogger = Logger.getLogger("org.apache.catalina.loader");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                loaderWarnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static Set<Thread> threadsOf(ClassLoader loader) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getContextClassLoader() == loader || t.getName().startsWith("socketee-"))
                .collect(Collectors.toSet());
    }

    /** Deploys, connects and echoes, undeploys; returns the application's class loader, weakly held. */
    private WeakReference<ClassLoader> deployUseUndeploy(TomcatHarness tomcat, int port, Path war, int round)
            throws Exception {
        Context context = tomcat.deploy("/chat", war);
        ClassLoader loader = context.getLoader().getClassLoader();
        Socket socket = JavaClients.socket("http://127.0.0.1:" + port, "/chat", "websocket", "/",
                "round=" + round);
        try {
            assertEquals("connected", connect(socket), "round " + round);
            assertEquals("hello " + round, ask(socket, "echo", "hello " + round)[0]);
            // Undeployed with the client connected. (Tomcat closes the WebSocket with 1001, which the Java client
            // only notices at its next heartbeat: it waits for the TCP close instead of answering the close frame.)
            tomcat.undeploy(context);
        } finally {
            socket.close();
        }
        // A container thread still finishing the connection's close runs with the application's loader for a moment
        // (seen once in CI: http-nio-…-exec-6): a leak is a thread that stays, so wait a little for them to go.
        Set<Thread> left = threadsOf(loader);
        for (int i = 0; i < 50 && !left.isEmpty(); i++) {
            Thread.sleep(100);
            left = threadsOf(loader);
        }
        assertTrue(left.isEmpty(), "threads left by round " + round + ": " + left);
        return new WeakReference<>(loader);
    }

    @Test
    void redeploysWithoutLeakingThreadsOrTheClassLoader() throws Exception {
        Path war = Files.createTempDirectory("socketee-redeploy");
        WebArchive archive = TestWars.withoutCdi("chat", EchoListener.class.getPackage(), WEB_XML);
        archive.as(ExplodedExporter.class).exportExplodedInto(war.toFile());
        loaderLogger.addHandler(capture);
        TomcatHarness tomcat = new TomcatHarness();
        try {
            int port = tomcat.start((ServletContainerInitializer) (classes, context) -> { });
            WeakReference<ClassLoader> first = deployUseUndeploy(tomcat, port, war, 1);
            WeakReference<ClassLoader> second = deployUseUndeploy(tomcat, port, war, 2);

            // The clients' TCP connections close asynchronously (Tomcat holds an upgraded connection's endpoint until
            // then): give the collector a few seconds.
            for (int i = 0; i < 100 && (first.get() != null || second.get() != null); i++) {
                System.gc();
                Thread.sleep(50);
            }
            assertEquals(List.of(), tomcat.reloadedContextMemoryLeaks(),
                    "Tomcat finds the stopped application's class loader still reachable");
            assertNull(first.get(), "the first deployment's class loader was not collected");
            assertNull(second.get(), "the second deployment's class loader was not collected");
            assertEquals(List.of(), loaderWarnings.stream().map(LogRecord::getMessage).toList(),
                    "Tomcat's class loader warnings");
        } finally {
            loaderLogger.removeHandler(capture);
            tomcat.close();
        }
    }
}
