package io.socketee.it.tomcat;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.socketee.it.ContainerHarness;
import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * Embedded Tomcat 11 with its WebSocket support, for the tests and the bench servers: no connection limit (the NIO
 * connector's default {@code maxConnections} of 8192 would stall 10k clients) and an accept backlog of 1024.
 *
 * <p>For tuning measurements (bench), system properties {@code socketee.tomcat.connector.<name>} set connector
 * properties (e.g. {@code socket.appReadBufSize}) and {@code socketee.tomcat.context.<name>} context parameters
 * (e.g. {@code org.apache.tomcat.websocket.binaryBufferSize}), as {@code server.xml} and {@code web.xml} would.
 */
public final class TomcatHarness implements ContainerHarness {
    private final boolean webSocket;
    private final Map<String, String> connectorProperties;
    private Tomcat tomcat;

    public TomcatHarness() {
        this(true, Map.of());
    }

    private TomcatHarness(boolean webSocket, Map<String, String> connectorProperties) {
        this.webSocket = webSocket;
        this.connectorProperties = connectorProperties;
    }

    @Override
    public ContainerHarness withoutWebSocket() {
        return new TomcatHarness(false, connectorProperties);
    }

    /** The same container with a connector property set (as in {@code server.xml}), not started. */
    public TomcatHarness withConnectorProperty(String name, String value) {
        Map<String, String> properties = new HashMap<>(connectorProperties);
        properties.put(name, value);
        return new TomcatHarness(webSocket, Map.copyOf(properties));
    }

    /**
     * Tomcat's request threads reading what is left of a request body after the response (in an input filter's
     * {@code end()}, with blocking reads), as it does before it reuses a connection.
     */
    @Override
    public int threadsDrainingRequestBodies() {
        if (onVirtualThreads()) {
            return virtualThreadsDrainingRequestBodies();
        }
        int draining = 0;
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().startsWith("org.apache.coyote.http11.filters.")
                        && frame.getClassName().endsWith("InputFilter") && frame.getMethodName().equals("end")) {
                    draining++;
                    break;
                }
            }
        }
        return draining;
    }

    @Override
    public int start(ServletContainerInitializer app, int port) throws Exception {
        Path base = Files.createTempDirectory("socketee-tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxConnections", "-1");
        connector.setProperty("acceptCount", "1024");
        connectorProperties.forEach(connector::setProperty);
        forEachTuning("socketee.tomcat.connector.", connector::setProperty);
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        forEachTuning("socketee.tomcat.context.", context::addParameter);
        if (webSocket) {
            context.addServletContainerInitializer(new WsSci(), null);
        }
        context.addServletContainerInitializer(app, null);
        tomcat.start();
        // Tomcat logs a connector that cannot bind (port in use) instead of throwing.
        if (connector.getState() != LifecycleState.STARTED || context.getState() != LifecycleState.STARTED) {
            IllegalStateException failure = new IllegalStateException("Tomcat did not start on 127.0.0.1:" + port
                    + " (connector " + connector.getState() + ", context " + context.getState() + ")");
            close();
            throw failure;
        }
        if (Boolean.getBoolean("socketee.tomcat.connector.useVirtualThreads") && !onVirtualThreads()) {
            Object executor = connector.getProtocolHandler().getExecutor();
            close();   // the virtual-thread pass of the tests must not run on platform threads unnoticed
            throw new IllegalStateException("useVirtualThreads was asked for, but the connector's executor is "
                    + executor);
        }
        return connector.getLocalPort();
    }

    /** Whether the connector's executor starts a virtual thread per task ({@code useVirtualThreads}). */
    private boolean onVirtualThreads() {
        return tomcat.getConnector().getProtocolHandler().getExecutor() instanceof VirtualThreadExecutor;
    }

    /**
     * The same count where the connector runs requests on virtual threads, which {@code Thread.getAllStackTraces}
     * does not list: from the JDK's thread dump (Java 21+, {@code HotSpotDiagnosticMXBean.dumpThreads}; reflective,
     * as the tests compile for Java 17), one stack per block.
     */
    private static int virtualThreadsDrainingRequestBodies() {
        try {
            Path dump = Files.createTempFile("socketee-threads", ".txt");
            Files.delete(dump);   // dumpThreads writes only a file that does not exist
            Class<?> format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            Object plain = format.getField("TEXT_PLAIN").get(null);
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            HotSpotDiagnosticMXBean.class.getMethod("dumpThreads", String.class, format)
                    .invoke(bean, dump.toAbsolutePath().toString(), plain);
            String text = Files.readString(dump);
            Files.delete(dump);
            int draining = 0;
            for (String stack : text.split("\\R\\s*\\R")) {
                if (stack.matches("(?s).*org\\.apache\\.coyote\\.http11\\.filters\\.\\w+InputFilter\\.end\\(.*")) {
                    draining++;
                }
            }
            return draining;
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("no thread dump of the virtual threads", e);
        }
    }

    private static void forEachTuning(String prefix, BiConsumer<String, String> apply) {
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                apply.accept(name.substring(prefix.length()), System.getProperty(name));
            }
        }
    }

    /**
     * Deploys a web application (an exploded WAR directory) beside the context at {@code /}, as the host deployer
     * would: its own class loader, its {@code WEB-INF/lib} scanned for initializers; no default web.xml (no JSP).
     */
    public Context deploy(String contextPath, Path explodedWar) {
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp(contextPath, explodedWar.toString());
        if (context.getState() != LifecycleState.STARTED) {
            throw new IllegalStateException("the web application at " + contextPath + " did not start: "
                    + context.getState());
        }
        return context;
    }

    /** Stops and removes a deployed web application, as the host deployer does on undeploy. */
    public void undeploy(Context context) {
        tomcat.getHost().removeChild(context);
    }

    /**
     * The context paths of stopped web applications whose class loader is still reachable after a GC (Tomcat's
     * manager "find leaks" check).
     */
    public List<String> reloadedContextMemoryLeaks() {
        return List.of(((StandardHost) tomcat.getHost()).findReloadedContextMemoryLeaks());
    }

    @Override
    public String name() {
        return "tomcat";
    }

    @Override
    public void close() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
            tomcat = null;
        }
    }
}
