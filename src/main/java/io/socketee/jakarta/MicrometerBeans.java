package io.socketee.jakarta;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketee.micrometer.SocketeeMetrics;
import io.socketee.socketio.SocketIoServer;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;
import java.util.Set;

/**
 * Binds the server's meters to the application's {@link MeterRegistry} bean, where it has one. Loaded only once the
 * initializer saw both CDI and Micrometer, so that no other class touches either; runs on the deploying thread.
 */
final class MicrometerBeans {
    private static final System.Logger LOG = System.getLogger(MicrometerBeans.class.getName());

    private MicrometerBeans() {
    }

    /** Binds {@link SocketeeMetrics} of {@code io} to the registry bean {@code beanManager} resolves, if any. */
    static void bind(SocketIoServer io, BeanManager beanManager) {
        Set<Bean<?>> beans = beanManager.getBeans(MeterRegistry.class);
        if (beans.isEmpty()) {
            return;
        }
        Bean<?> bean = beanManager.resolve(beans);
        MeterRegistry registry = (MeterRegistry) beanManager.getReference(bean, MeterRegistry.class,
                beanManager.createCreationalContext(bean));
        new SocketeeMetrics(io).bindTo(registry);
        LOG.log(Level.INFO, "socket.io: meters bound to the application's MeterRegistry (" + bean.getBeanClass()
                .getName() + ")");
    }
}
