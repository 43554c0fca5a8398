package io.socketee.it.redis;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import io.socketee.it.ContainerHarness;
import io.socketee.socketio.Namespace;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.redis.LettuceRedisDriver;
import io.socketee.socketio.redis.RedisAdapter;
import io.socketee.socketio.redis.RedisAdapterConfig;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One Java node of a test cluster: its own embedded container, Socket.IO server and Redis driver. A connecting socket
 * joins the rooms of its {@code rooms} query parameter (comma-separated) and gets {@code data.name} from its
 * {@code name} parameter. Server-side {@code ping} is answered with {@code pong-<node>}; every {@code ping} and
 * {@code note} received is recorded.
 */
public final class ClusterNode implements ServletContainerInitializer, AutoCloseable {
    private final String name;
    private final EngineIoServer engine;
    private final SocketIoServer io;
    private final LettuceRedisDriver redis;
    private final ContainerHarness container;
    public final java.util.concurrent.LinkedBlockingQueue<String> serverSideEvents =
            new java.util.concurrent.LinkedBlockingQueue<>();
    private final int port;

    public ClusterNode(String name, String redisUrl, ContainerHarness container) throws Exception {
        this.name = name;
        this.container = container;
        redis = LettuceRedisDriver.create(redisUrl, Duration.ofMillis(500), Duration.ofSeconds(5));
        engine = EngineIoServer.create(EngineIoConfig.builder().build());
        io = SocketIoServer.create(engine, SocketIoConfig.builder()
                .adapter(RedisAdapter.factory(redis, RedisAdapterConfig.builder()
                        .requestsTimeout(Duration.ofSeconds(3)).build()))
                .build());
        Namespace main = io.sockets();
        main.onConnection(socket -> {
            String rooms = socket.handshake().query().getOrDefault("rooms", "");
            for (String room : rooms.split(",")) {
                if (!room.isEmpty()) {
                    socket.join(room);
                }
            }
            socket.data().put("name", socket.handshake().query().getOrDefault("name", "?"));
        });
        main.onServerSideEmit("ping", (args, ack) -> {
            serverSideEvents.add("ping " + args);
            ack.send("pong-" + name);
        });
        main.onServerSideEmit("note", (args, ack) -> serverSideEvents.add("note " + args));
        ((RedisAdapter) main.adapter()).subscribed().get(10, TimeUnit.SECONDS);
        port = container.start(this, 0);
    }

    public String name() {
        return name;
    }

    public SocketIoServer io() {
        return io;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public RedisAdapter adapter() {
        return (RedisAdapter) io.sockets().adapter();
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        EngineIoServlet.register(context, engine, "/socket.io");
        FilterRegistration.Dynamic login = context.addFilter("test-login", new TestLogin());
        login.setAsyncSupported(true);
        login.addMappingForUrlPatterns(null, false, "/socket.io/*");
    }

    /**
     * The container's login, played by a filter: a request with the query parameter {@code user} has that user as
     * its {@code Principal}, as after a real login (the cluster tests need no realm).
     */
    private static final class TestLogin implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String user = request.getParameter("user");
            if (user == null || !(request instanceof HttpServletRequest http)) {
                chain.doFilter(request, response);
                return;
            }
            Principal principal = () -> user;
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public Principal getUserPrincipal() {
                    return principal;
                }
            }, response);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            container.close();
        } finally {
            io.close();
            redis.close();
        }
    }
}
