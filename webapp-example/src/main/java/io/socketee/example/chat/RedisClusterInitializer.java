package io.socketee.example.chat;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import io.socketee.jakarta.SocketIoInitializer;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.cdi.SocketIoCdi;
import io.socketee.socketio.redis.LettuceRedisDriver;
import io.socketee.socketio.redis.RedisAdapter;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Set;

/**
 * Joins a Redis cluster when the context parameter {@value #REDIS_URL} is set (the launcher sets it from the
 * environment variable {@code SOCKETIO_REDIS_URL}; on Tomcat put it in the context XML), together with
 * {@code socketio.enabled=false}.
 *
 * <p>A stopgap: the library's {@link SocketIoInitializer} cannot be told to use another adapter than the in-memory
 * one yet, so with Redis this does its job in its place, with the Redis adapter: create the server, serve it at
 * {@code /socket.io}, hand it to CDI, bind the handlers when the application has started, close it (and the Redis
 * connection) when it stops. Without the parameter it does nothing and the library's initializer serves.
 */
public final class RedisClusterInitializer implements ServletContainerInitializer {
    /** The context parameter with the Redis URI, e.g. {@code redis://127.0.0.1:6379}. */
    public static final String REDIS_URL = "chat.redisUrl";
    private static final String PATH = "/socket.io";
    private static final int MAX_HTTP_BUFFER_SIZE = 5_000_000;

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        String url = context.getInitParameter(REDIS_URL);
        if (url == null || url.isBlank()) {
            return;
        }
        if (!"false".equals(context.getInitParameter(SocketIoInitializer.ENABLED))) {
            throw new IllegalStateException(REDIS_URL + " needs " + SocketIoInitializer.ENABLED
                    + "=false: this initializer then serves socket.io in place of the library's");
        }
        LettuceRedisDriver redis = LettuceRedisDriver.create(url.strip());
        EngineIoServer engine = EngineIoServer.create(EngineIoConfig.builder()
                .maxHttpBufferSize(MAX_HTTP_BUFFER_SIZE).build());
        SocketIoServer io = SocketIoServer.create(engine, SocketIoConfig.builder()
                .adapter(RedisAdapter.factory(redis)).build());
        context.setAttribute(SocketIoInitializer.ENGINE_ATTRIBUTE, engine);
        context.setAttribute(SocketIoInitializer.SERVER_ATTRIBUTE, io);
        EngineIoServlet.register(context, engine, PATH);
        SocketIoCdi.register(context.getClassLoader(), io);
        // as the library does: no Weld HTTP contexts (and no nested-invocation guard) for long-polls
        context.setInitParameter("org.jboss.weld.context.mapping", "(?!/socket\\.io(/|$)).*");
        context.setInitParameter("org.jboss.weld.context.ignore.guard", "false");
        ClassLoader loader = context.getClassLoader();
        context.addListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                if (!SocketIoCdi.bind(io, event.getServletContext()
                        .getAttribute("jakarta.enterprise.inject.spi.BeanManager"))) {
                    throw new IllegalStateException("no CDI container in " + context.getContextPath());
                }
            }

            @Override
            public void contextDestroyed(ServletContextEvent event) {
                try {
                    io.close();
                } finally {
                    SocketIoCdi.unregister(loader);
                    redis.close();
                }
            }
        });
        context.log("chat: socket.io at " + PATH + " in the Redis cluster " + url);
    }
}
