package io.socketee.bench;

import io.socketee.it.ContainerHarness;
import java.util.Locale;

/**
 * The bench server on a servlet container: Socketee implementing the bench contract at {@code /socket.io/}
 * ({@link BenchApp}), on embedded Jetty 12 or Tomcat 11; with {@code --impl raw} (Jetty) or {@code rawtomcat}
 * (Tomcat), the bare reference endpoints of {@link RawEchoApp} as well (JSR-356 at {@code /raw}, async servlet
 * long-polling at {@code /raw-poll}), the physical limit the others are measured against (their {@code /socket.io/}
 * app is only there for {@code stats}).
 *
 * <p>Arguments: {@code --port <n>} (default 3000) and {@code --impl jetty|tomcat|raw|rawtomcat} (default jetty). Prints
 * {@code listening on 127.0.0.1:<port> (<impl>)} on standard output once it accepts connections. SIGTERM stops it.
 */
public final class BenchServer {
    static final String USAGE =
            "usage: BenchServer [--port <0-65535>] [--impl jetty|tomcat|raw|rawtomcat|jetty121|jettyup|tomcatup]";

    /** Where each container lives; loaded by name so that the other container's classes are never touched. */
    enum Impl {
        JETTY("io.socketee.it.jetty.JettyHarness", false, false),
        TOMCAT("io.socketee.it.tomcat.TomcatHarness", false, false),
        RAW("io.socketee.it.jetty.JettyHarness", true, false),
        // Tomcat's own physical limit: Tomcat's JSR-356 and servlet stacks cost differently from Jetty's
        RAWTOMCAT("io.socketee.it.tomcat.TomcatHarness", true, false),
        // The Servlet-upgrade experiment (io.socketee.bench.upgrade). server.sh runs jetty121 and jettyup on Jetty
        // 12.1, whose ee10 has HttpServletRequest.upgrade (12.0's throws "Not implemented"); jetty121 is the
        // library's JSR-356 endpoint on that same Jetty, jettyup's like-for-like reference.
        JETTY121("io.socketee.it.jetty.JettyHarness", false, false),
        JETTYUP("io.socketee.it.jetty.JettyHarness", false, true),
        TOMCATUP("io.socketee.it.tomcat.TomcatHarness", false, true);

        final String containerClass;
        /** Whether the raw reference endpoints are served as well. */
        final boolean raw;
        /** Whether WebSocket goes through the Servlet upgrade API instead of the library's JSR-356 endpoint. */
        final boolean servletUpgrade;

        Impl(String containerClass, boolean raw, boolean servletUpgrade) {
            this.containerClass = containerClass;
            this.raw = raw;
            this.servletUpgrade = servletUpgrade;
        }

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Impl parse(String name) {
            for (Impl impl : values()) {
                if (impl.wireName().equals(name)) {
                    return impl;
                }
            }
            throw new IllegalArgumentException("unknown --impl '" + name
                    + "' (expected jetty, tomcat, raw, rawtomcat, jetty121, jettyup or tomcatup)");
        }

        ContainerHarness newContainer() throws ReflectiveOperationException {
            return (ContainerHarness) Class.forName(containerClass).getConstructor().newInstance();
        }
    }

    private BenchServer() {
    }

    public static void main(String[] args) {
        int port = 3000;
        Impl impl = Impl.JETTY;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                int eq = arg.indexOf('=');
                String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
                String value = arg.startsWith("--") && eq > 0 ? arg.substring(eq + 1) : null;
                if (value == null && (name.equals("--port") || name.equals("--impl"))) {
                    if (++i >= args.length) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    value = args[i];
                }
                switch (name) {
                    case "--port" -> {
                        try {
                            port = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            port = -1;
                        }
                        if (port < 0 || port > 65535) {
                            throw new IllegalArgumentException("bad --port '" + value + "'");
                        }
                    }
                    case "--impl" -> impl = Impl.parse(value);
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench server: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }

        String implName = impl.wireName();
        Cluster cluster = Cluster.fromEnvironment();
        BenchApp socketIo = new BenchApp(implName, cluster.adapter(), impl.servletUpgrade);
        Apps apps = new Apps().add("/socket.io/", "Socket.IO bench contract" + cluster.describe()
                + (impl.servletUpgrade ? ", WebSocket over the Servlet upgrade API (io.socketee.bench.upgrade)" : ""),
                socketIo, () -> {
            try {
                socketIo.close();
            } finally {
                cluster.close();
            }
        });
        if (impl.raw) {
            apps.add(RawEchoApp.PATH + ", " + RawEchoApp.POLL_PATH,
                    "raw JSR-356 echo and broadcast, raw long-polling echo (reference)", new RawEchoApp(), () -> { });
        }
        ContainerHarness container;
        try {
            container = impl.newContainer();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no container class for " + implName, e);
        }
        apps.serveUntilStopped("bench server", implName, container, port);
    }
}
