package io.socketee.it.cdi.app;

import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * No scope: {@code @Dependent} through the stereotype (and a bean at all in an "annotated" bean archive only thanks to
 * it). Each call gets a new instance, destroyed after the call.
 */
@SocketNamespace("/dependent")
public class DependentHandlers {
    private static final AtomicInteger CREATED = new AtomicInteger();
    private static final AtomicInteger DESTROYED = new AtomicInteger();

    @PostConstruct
    void created() {
        CREATED.incrementAndGet();
    }

    @PreDestroy
    void destroyed() {
        DESTROYED.incrementAndGet();
    }

    @SocketEvent("lifecycle")
    Map<String, Integer> lifecycle() {
        return Map.of("created", CREATED.get(), "destroyed", DESTROYED.get());
    }
}
