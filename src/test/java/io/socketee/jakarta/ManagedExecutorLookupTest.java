package io.socketee.jakarta;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.socketio.SocketIoConfig;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The initializer's choice of the blocking executor outside a full EE server (here: a plain JVM, no JNDI provider, as
 * on Tomcat and Jetty, which have no {@code DefaultManagedExecutorService}): the configuration stays as it was, so
 * that the server makes its own; an executor the application set is never replaced. The lookup on a full EE server
 * is covered by the runtime tests of {@code webapp-example}.
 */
class ManagedExecutorLookupTest {
    @Test
    void withoutAManagedExecutorTheServerKeepsItsOwn() {
        SocketIoConfig config = SocketIoConfig.builder().build();
        assertSame(config, SocketIoInitializer.withManagedExecutor(config, "/app"));
        assertTrue(config.blockingExecutor().isEmpty());
    }

    @Test
    void anExecutorTheApplicationSetIsKept() {
        Executor mine = Runnable::run;
        SocketIoConfig config = SocketIoConfig.builder().blockingExecutor(mine).build();
        assertSame(mine, SocketIoInitializer.withManagedExecutor(config, "/app").blockingExecutor().orElseThrow());
    }
}
