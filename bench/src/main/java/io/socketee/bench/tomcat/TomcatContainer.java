package io.socketee.bench.tomcat;

import io.socketee.bench.BenchContainer;
import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/** Embedded Tomcat 11 with its WebSocket support, as {@code io.socketee.it.tomcat.TomcatHarness} but on a chosen port. */
public final class TomcatContainer implements BenchContainer {
    private Tomcat tomcat;
    private Path base;

    @Override
    public int start(ServletContainerInitializer app, int port) throws Exception {
        base = Files.createTempDirectory("socketee-bench-tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer(app, null);
        tomcat.start();
        // Tomcat logs a connector that cannot bind (port in use) instead of throwing: check.
        if (connector.getState() != LifecycleState.STARTED || connector.getLocalPort() <= 0
                || context.getState() != LifecycleState.STARTED) {
            IllegalStateException failure = new IllegalStateException("Tomcat did not start on 127.0.0.1:" + port
                    + " (connector " + connector.getState() + ", context " + context.getState() + ")");
            close();
            throw failure;
        }
        return connector.getLocalPort();
    }

    @Override
    public String name() {
        return "tomcat";
    }

    @Override
    public void close() throws Exception {
        Tomcat t = tomcat;
        tomcat = null;
        if (t != null) {
            t.stop();
            t.destroy();
        }
        if (base != null) {
            deleteQuietly(base);
            base = null;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
