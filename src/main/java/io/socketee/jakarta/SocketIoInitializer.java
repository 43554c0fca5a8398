package io.socketee.jakarta;

import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import io.socketee.engineio.servlet.ServletRegistrations;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.admin.AdminUi;
import io.socketee.socketio.cdi.SocketIoCdi;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Zero-configuration deployment: when the jar is in a web application's {@code WEB-INF/lib}, creates the application's
 * {@link EngineIoServer} and {@link SocketIoServer} from its context parameters ({@code socketio.*}, Node option
 * names, see {@link ContextOptions}), serves them with an {@link EngineIoServlet} at {@code socketio.path}
 * ({@code /socket.io} by default; WebSocket upgrades included) with the browser bundle at {@code <path>/socket.io.js}
 * ({@code socketio.serveClient=false} turns it off), joins a Redis cluster when {@code socketio.redis.url} (or a
 * Redis Streams cluster when {@code socketio.redisStreams.url}) is set (Lettuce must then be in the application),
 * serves the Admin UI when {@code socketio.adminUi.enabled} is true (its namespace, and its dashboard at
 * {@code socketio.adminUi.path}), publishes the server as the servlet context attribute
 * {@value #SERVER_ATTRIBUTE}, binds the CDI handlers once the application has started, and closes the server when it
 * stops.
 *
 * <p>{@code socketio.enabled}: {@code auto} (the default) starts only where the CDI API is visible to the application
 * (a CDI implementation such as Weld in the WAR); {@code true} also without CDI (use the plain API on the context
 * attribute); {@code false} never (wire the server yourself). Registered in
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}; runs once per application, on the deploying
 * thread.
 */
public final class SocketIoInitializer implements ServletContainerInitializer {
    private static final System.Logger LOG = System.getLogger(SocketIoInitializer.class.getName());

    /** The context parameter that switches this initializer: {@code auto}, {@code true} or {@code false}. */
    public static final String ENABLED = ContextOptions.PREFIX + "enabled";
    /** The servlet context attribute that holds the application's {@link SocketIoServer}. */
    public static final String SERVER_ATTRIBUTE = "io.socketee.socketio.SocketIoServer";
    /** The servlet context attribute that holds the application's {@link EngineIoServer}. */
    public static final String ENGINE_ATTRIBUTE = "io.socketee.engineio.EngineIoServer";
    private static final String BEAN_MANAGER_ATTRIBUTE = "jakarta.enterprise.inject.spi.BeanManager";
    /** Weld servlet: the requests (a regular expression of context-relative paths) that get HTTP contexts. */
    private static final String WELD_CONTEXT_MAPPING = "org.jboss.weld.context.mapping";
    /** Weld servlet: whether its nested-invocation guard is on (true by default). */
    private static final String WELD_IGNORE_GUARD = "org.jboss.weld.context.ignore.guard";
    /** Where full Jakarta EE servers bind their default managed executor (Jakarta Concurrency). */
    static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        OptionSource source = OptionSource.of(context);
        String enabled = source.value(ENABLED).map(v -> v.text().strip().toLowerCase(java.util.Locale.ROOT))
                .orElse("auto");
        if (!Set.of("auto", "true", "false").contains(enabled)) {
            throw new IllegalArgumentException(ENABLED + " must be auto, true or false: " + enabled);
        }
        boolean cdi = OptionalApis.visible(OptionalApis.CDI, context.getClassLoader());
        if (enabled.equals("false") || (enabled.equals("auto") && !cdi)) {
            String why = ENABLED + "=" + enabled;
            LOG.log(Level.DEBUG, () -> "socket.io: not started in " + context.getContextPath() + " (" + why
                    + ", CDI " + (cdi ? "present" : "absent") + ")");
            return;
        }
        ContextOptions options = ContextOptions.read(source);
        for (String name : options.unknown()) {
            LOG.log(Level.WARNING, "socket.io: unknown option " + name + " (ignored)");
        }
        AutoCloseable redis = null;
        SocketIoConfig config = withManagedExecutor(options.socketIo(), context.getContextPath());
        if (options.redis().isPresent() || options.redisStreams().isPresent()) {
            RedisCluster cluster = options.redis().isPresent() ? RedisCluster.connect(options.redis().get(), config)
                    : RedisCluster.connect(options.redisStreams().get(), config);
            redis = cluster.driver();
            config = cluster.config();
        }
        DeferredAllowRequest handshakeFilter = new DeferredAllowRequest(options.engine().allowRequest());
        EngineIoServer engine = EngineIoServer.create(options.engine().toBuilder().allowRequest(handshakeFilter)
                .build());
        SocketIoServer io = SocketIoServer.create(engine, config);
        context.setAttribute(ENGINE_ATTRIBUTE, engine);
        context.setAttribute(SERVER_ATTRIBUTE, io);
        EngineIoServlet.register(context, engine, options.path());
        if (options.serveClient()) {
            ClientBundleServlet.register(context, options.path());
        }
        SessionEndDisconnect.register(context, io);
        AdminUi adminUi = null;
        if (options.adminUi().isPresent()) {
            ContextOptions.AdminUi admin = options.adminUi().get();
            adminUi = AdminUi.instrument(io, admin.options());
            String namespace = admin.options().namespaceName();
            admin.path().ifPresent(path -> AdminUiServlet.register(context, path, options.path(), namespace));
        }
        ClassLoader loader = context.getClassLoader();
        if (cdi) {
            SocketIoCdi.register(loader, io);
            keepWeldHttpContextsOff(context, options.path());
        }
        options.redis().ifPresent(r -> LOG.log(Level.INFO, "socket.io: " + context.getContextPath() + options.path()
                + " joins the Redis cluster " + r.config().key() + " at " + r.url()));
        options.redisStreams().ifPresent(r -> LOG.log(Level.INFO, "socket.io: " + context.getContextPath()
                + options.path() + " joins the Redis Streams cluster of stream " + r.config().streamName() + " at "
                + r.url()));
        context.addListener(new Lifecycle(io, cdi ? loader : null, redis, handshakeFilter, adminUi));
    }

    /**
     * Keeps Weld's servlet integration from activating its HTTP request, session and conversation contexts for the
     * Socket.IO requests (handlers get a request context of their own), and switches off its nested-invocation guard,
     * unless the application set either itself: a long-poll completes on another thread than it started on, which
     * Weld reports as context and guard leaks, two warnings per poll on Tomcat. Weld's listener reads both when the
     * context initializes, so the order of initializers does not matter. Other CDI implementations ignore them.
     */
    private static void keepWeldHttpContextsOff(ServletContext context, String path) {
        String base = ServletRegistrations.basePath(path);
        String mapping = "(?!" + Pattern.quote(base) + "(/|$)).*";
        if (!context.setInitParameter(WELD_CONTEXT_MAPPING, mapping)) {
            LOG.log(Level.INFO, "socket.io: " + WELD_CONTEXT_MAPPING + " is set by the application; it should not "
                    + "match " + base + "/*, where Weld would report context leaks for long-polling requests");
        }
        context.setInitParameter(WELD_IGNORE_GUARD, "false");
    }

    /**
     * The container's default {@code ManagedExecutorService} as the executor of blocking handlers, when the
     * application set none and the container has one at {@value #MANAGED_EXECUTOR} (full Jakarta EE servers: it runs
     * tasks with the application's naming, class loader and security context). Looked up here, on the deploying
     * thread, where {@code java:comp} is the application's; servlet containers (Tomcat, Jetty) have none, and the
     * server then makes its own.
     */
    static SocketIoConfig withManagedExecutor(SocketIoConfig config, String contextPath) {
        if (config.blockingExecutor().isPresent()) {
            return config;
        }
        Object found;
        try {
            found = new javax.naming.InitialContext().lookup(MANAGED_EXECUTOR);
        } catch (javax.naming.NamingException | RuntimeException | LinkageError e) {
            LOG.log(Level.DEBUG, () -> "socket.io: no " + MANAGED_EXECUTOR + " in " + contextPath + " (" + e + ")");
            return config;
        }
        if (!(found instanceof java.util.concurrent.Executor executor)) {
            LOG.log(Level.WARNING, "socket.io: " + MANAGED_EXECUTOR + " is " + (found == null ? "null"
                    : "a " + found.getClass().getName())
                    + ", not an executor; blocking handlers use the server's own");
            return config;
        }
        LOG.log(Level.INFO, "socket.io: blocking handlers of " + contextPath + " run on " + MANAGED_EXECUTOR);
        return config.toBuilder().blockingExecutor(executor).build();
    }


    /**
     * Binds the CDI handlers when the application has started; closes the server (and the Redis connection) when it
     * stops.
     */
    private static final class Lifecycle implements ServletContextListener {
        private final SocketIoServer io;
        private final ClassLoader cdiLoader;
        private final AutoCloseable redis;
        private final DeferredAllowRequest handshakeFilter;
        private final AdminUi adminUi;

        Lifecycle(SocketIoServer io, ClassLoader cdiLoader, AutoCloseable redis,
                  DeferredAllowRequest handshakeFilter, AdminUi adminUi) {
            this.io = io;
            this.cdiLoader = cdiLoader;
            this.redis = redis;
            this.handshakeFilter = handshakeFilter;
            this.adminUi = adminUi;
        }

        @Override
        public void contextInitialized(ServletContextEvent event) {
            if (cdiLoader == null) {
                return;
            }
            Object beanManager = event.getServletContext().getAttribute(BEAN_MANAGER_ATTRIBUTE);
            if (!SocketIoCdi.bind(io, beanManager, handshakeFilter::set)) {
                LOG.log(Level.INFO, "socket.io: the CDI API is present but no CDI container runs in "
                        + event.getServletContext().getContextPath() + "; use the server in the context attribute "
                        + SERVER_ATTRIBUTE);
                return;
            }
            if (OptionalApis.visible(OptionalApis.MICROMETER, cdiLoader)) {
                MicrometerBeans.bind(io, SocketIoCdi.beanManager(beanManager));
            }
            captureRoles(event.getServletContext(), SocketIoCdi.securityRoles(io));
        }

        /** Asks the servlet to capture these roles at each handshake, besides those the application asked for. */
        private static void captureRoles(ServletContext context, Set<String> roles) {
            if (roles.isEmpty()) {
                return;
            }
            Set<String> all = new java.util.TreeSet<>(roles);
            if (context.getAttribute(EngineIoServlet.ROLES_ATTRIBUTE) instanceof java.util.Collection<?> given) {
                given.forEach(role -> all.add(String.valueOf(role)));
            }
            context.setAttribute(EngineIoServlet.ROLES_ATTRIBUTE, Set.copyOf(all));
        }

        @Override
        public void contextDestroyed(ServletContextEvent event) {
            try {
                if (adminUi != null) {
                    adminUi.close();
                }
                io.close();
            } finally {
                if (cdiLoader != null) {
                    SocketIoCdi.unregister(cdiLoader);
                }
                closeRedis();
            }
        }

        private void closeRedis() {
            if (redis == null) {
                return;
            }
            try {
                redis.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "socket.io: closing the Redis connection failed", e);
            }
        }
    }
}
