package io.socketee.bench;

import io.socketee.bench.upgrade.UpgradeFilter;
import io.socketee.engineio.CorsConfig;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.it.ContainerHarness;
import io.socketee.it.EchoApp;
import io.socketee.it.SocketIoProtocolApp;
import io.socketee.socketio.adapter.ConnectionStateRecovery;
import io.socketee.socketio.protocol.SocketIoParser;
import io.socketee.socketio.protocol.msgpack.MsgPackParser;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The protocol test server: the servers that protocol test suites and real clients run against, on embedded Jetty or
 * Tomcat, on 127.0.0.1 at a fixed port, until the process is killed.
 *
 * <p>Arguments: {@code --port <n>} (default 3000) and {@code --impl jetty|tomcat} (default jetty). Prints
 * {@code listening on 127.0.0.1:<port> (<impl>)} on standard output once it accepts connections. SIGTERM (or
 * SIGINT) stops the container and the apps through a shutdown hook.
 *
 * <p>With the environment variable {@code SOCKETIO_REDIS_URL} set (e.g. {@code redis://127.0.0.1:6390}), the
 * Socket.IO app joins the cluster of that Redis through the Redis adapter (Node's wire format, key {@code socket.io});
 * with {@code SOCKETIO_REDIS_STREAMS_URL} instead, through the Redis Streams adapter (stream {@code socket.io}).
 * With {@code SOCKETIO_RECOVERY_MS} set (e.g. {@code 5000}), it has connection state recovery on with that
 * {@code maxDisconnectionDuration} and {@code skipMiddlewares: true}.
 * With {@code SOCKETIO_PARSER=msgpack} it speaks the msgpack parser ({@code socket.io-msgpack-parser}) on {@code /}
 * and {@code /custom}; {@code default} (or unset) is the default parser.
 *
 * <p>With {@code SOCKETIO_ADMIN_UI=1}, the Socket.IO app also serves the Admin UI's namespace {@code /admin}
 * (development mode, basic auth {@code admin} / {@code admin-pass}), with CORS that echoes the origin with
 * credentials and the events {@code join}/{@code leave (room, ack)} on {@code /} ({@link SocketIoProtocolApp}).
 *
 * <p>Served apps are listed in {@link #apps()}; add new ones there.
 */
public final class ProtocolServer {
    static final String USAGE = "usage: ProtocolServer [--port <0-65535>] [--impl jetty|tomcat|jettyup|tomcatup]";

    /** Where each container lives; loaded by name so that the other container's classes are never touched. */
    enum Impl {
        JETTY("io.socketee.it.jetty.JettyHarness", false),
        TOMCAT("io.socketee.it.tomcat.TomcatHarness", false),
        // the Servlet-upgrade experiment (io.socketee.bench.upgrade) at /engine.io/; jettyup runs on Jetty 12.1
        JETTYUP("io.socketee.it.jetty.JettyHarness", true),
        TOMCATUP("io.socketee.it.tomcat.TomcatHarness", true);

        final String containerClass;
        /** Whether the Engine.IO echo's WebSocket goes through the Servlet upgrade API instead of JSR-356. */
        final boolean servletUpgrade;

        Impl(String containerClass, boolean servletUpgrade) {
            this.containerClass = containerClass;
            this.servletUpgrade = servletUpgrade;
        }

        static Impl parse(String name) {
            for (Impl impl : values()) {
                if (impl.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return impl;
                }
            }
            throw new IllegalArgumentException("unknown --impl '" + name
                    + "' (expected jetty, tomcat, jettyup or tomcatup)");
        }

        ContainerHarness newContainer() throws ReflectiveOperationException {
            return (ContainerHarness) Class.forName(containerClass).getConstructor().newInstance();
        }
    }

    record Options(int port, Impl impl) {
        static Options parse(String[] args) {
            int port = 3000;
            Impl impl = Impl.JETTY;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value;
                String name;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                } else {
                    name = arg;
                    value = null;
                }
                switch (name) {
                    case "--port" -> {
                        value = value != null ? value : next(args, ++i, name);
                        try {
                            port = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            port = -1;
                        }
                        if (port < 0 || port > 65535) {
                            throw new IllegalArgumentException("bad --port '" + value + "'");
                        }
                    }
                    case "--impl" -> impl = Impl.parse(value != null ? value : next(args, ++i, name));
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
            return new Options(port, impl);
        }

        private static String next(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }
    }

    private ProtocolServer() {
    }

    /**
     * The apps this server serves, each at its own path of the one context. A Socket.IO app at {@code /socket.io/}
     * goes here too.
     */
    static Apps apps() {
        return apps(false);
    }

    /**
     * @param servletUpgrade whether the Engine.IO echo's WebSocket handshakes go to the Servlet-upgrade transport
     *                       ({@link UpgradeFilter}) instead of the library's JSR-356 endpoint
     */
    static Apps apps(boolean servletUpgrade) {
        Apps apps = new Apps();

        // Raw Engine.IO echo at /engine.io/: every message back as it came (text as text, binary as binary).
        EngineIoServer engineIo = EngineIoServer.create(EngineIoConfig.builder()
                .pingInterval(Duration.ofMillis(300))
                .pingTimeout(Duration.ofMillis(200))
                .maxHttpBufferSize(1_000_000)
                .allowEIO3(true)
                .cors(CorsConfig.anyOrigin())
                .build());
        apps.add("/engine.io/", "Engine.IO echo (EIO=3 and EIO=4)", new EchoApp(engineIo, "/engine.io"), engineIo);
        if (servletUpgrade) {
            apps.add("/engine.io/", "its WebSocket over the Servlet upgrade API (io.socketee.bench.upgrade)",
                    (classes, context) -> UpgradeFilter.register(context, engineIo, "/engine.io"), () -> { });
        }

        // Socket.IO at /socket.io/: auth echo on / and /custom, message-back and message-with-ack on /.
        // With SOCKETIO_REDIS_URL (e.g. redis://127.0.0.1:6390) it joins a cluster through the Redis adapter,
        // with SOCKETIO_REDIS_STREAMS_URL through the Redis Streams adapter.
        // With SOCKETIO_RECOVERY_MS (e.g. 5000) it has connection state recovery on.
        Cluster cluster = Cluster.fromEnvironment();
        SocketIoParser parser = parserFromEnvironment();
        boolean adminUi = "1".equals(System.getenv("SOCKETIO_ADMIN_UI"));
        Optional<ConnectionStateRecovery> recovery = recoveryFromEnvironment();
        SocketIoProtocolApp socketIo = new SocketIoProtocolApp(cluster.adapter(), parser, recovery, adminUi);
        apps.add("/socket.io/", "Socket.IO protocol server (v4 and v5, " + parser.name() + " parser)"
                + cluster.describe() + recovery.map(r -> ", connection state recovery for "
                + r.maxDisconnectionDuration().toMillis() + " ms").orElse("")
                + (adminUi ? ", Admin UI at /admin (admin / admin-pass)" : ""), socketIo, () -> {
            try {
                socketIo.close();
            } finally {
                cluster.close();
            }
        });

        return apps;
    }

    /** {@code SOCKETIO_RECOVERY_MS}: recovery on with that maxDisconnectionDuration, middlewares skipped. */
    static Optional<ConnectionStateRecovery> recoveryFromEnvironment() {
        String value = System.getenv("SOCKETIO_RECOVERY_MS");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        long millis;
        try {
            millis = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            millis = -1;
        }
        if (millis <= 0) {
            throw new IllegalArgumentException("SOCKETIO_RECOVERY_MS must be a positive number of milliseconds: "
                    + value);
        }
        return Optional.of(ConnectionStateRecovery.builder().maxDisconnectionDuration(Duration.ofMillis(millis))
                .skipMiddlewares(true).build());
    }

    /** The parser {@code SOCKETIO_PARSER} names: unset or {@code default}, or {@code msgpack}. */
    static SocketIoParser parserFromEnvironment() {
        String name = System.getenv("SOCKETIO_PARSER");
        if (name == null || name.isBlank() || name.strip().equals("default")) {
            return SocketIoParser.json();
        }
        if (name.strip().equals("msgpack")) {
            return MsgPackParser.create();
        }
        throw new IllegalArgumentException("SOCKETIO_PARSER must be default or msgpack: " + name);
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("protocol server: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        String impl = options.impl().name().toLowerCase(Locale.ROOT);
        Apps apps;
        try {
            apps = apps(options.impl().servletUpgrade);
        } catch (IllegalArgumentException e) { // a bad environment variable (SOCKETIO_PARSER)
            System.err.println("protocol server: " + e.getMessage());
            System.exit(2);
            return;
        }
        ContainerHarness container;
        try {
            container = options.impl().newContainer();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no container class for " + impl, e);
        }
        apps.serveUntilStopped("protocol server", impl, container, options.port());
    }
}
