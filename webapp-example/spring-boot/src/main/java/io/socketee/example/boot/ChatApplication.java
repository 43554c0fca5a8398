package io.socketee.example.boot;

import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import io.socketee.jakarta.ClientBundleServlet;
import io.socketee.socketio.SocketIoConfig;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.adapter.ConnectionStateRecovery;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * The chat's core on Spring Boot, through Socketee's plain API: the servers are beans, a
 * {@link ServletContextInitializer} serves them on the embedded container at {@code /socket.io/} (long-polling and
 * WebSocket, with the browser bundle), the handlers are {@link ChatEvents}, and {@link AnnounceController} broadcasts
 * from an ordinary controller. Runs on Tomcat, Jetty or Undertow, whichever starter the build picked.
 */
@SpringBootApplication
public class ChatApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }

    @Bean(destroyMethod = "close")
    EngineIoServer engineIo() {
        return EngineIoServer.create(EngineIoConfig.builder().build());
    }

    @Bean(destroyMethod = "close")
    SocketIoServer socketIo(EngineIoServer engine) {
        // connection state recovery on, with Node's defaults, as the WAR's web.xml has it
        SocketIoServer io = SocketIoServer.create(engine, SocketIoConfig.builder()
                .connectionStateRecovery(ConnectionStateRecovery.defaults()).build());
        ChatEvents.install(io);
        return io;
    }

    /** The servlet (and the JSR-356 endpoint it registers) on the embedded container, with the browser bundle. */
    @Bean
    ServletContextInitializer socketIoServlet(EngineIoServer engine) {
        return context -> {
            EngineIoServlet.register(context, engine, "/socket.io");
            ClientBundleServlet.register(context, "/socket.io");
        };
    }

    /**
     * Closes Socket.IO as soon as the application starts to stop, before the web server's graceful shutdown waits for
     * the requests in flight (held long-polls among them): every client hears "server shutting down" at once.
     */
    @EventListener(ContextClosedEvent.class)
    void closeSocketIo(ContextClosedEvent event) {
        event.getApplicationContext().getBean(SocketIoServer.class).close();
    }
}
