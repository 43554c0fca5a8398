package io.socketee.socketio.cdi;

import io.socketee.engineio.AllowRequest;
import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.socketio.Middleware;
import io.socketee.socketio.Socket;
import io.socketee.socketio.SocketIoServer;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The application's beans that are server hooks rather than handlers, found at deployment: a bean of type
 * {@link AllowRequest} (at most one) filters the handshakes, as Node's {@code allowRequest} option; beans of type
 * {@link Middleware} are the connect middlewares ({@code namespace.use}) of the namespace their
 * {@link SocketNamespace} names (the main namespace without one, a dynamic namespace with a pattern), in the order of
 * their {@code @jakarta.annotation.Priority} (lowest first; without one, after those with one, by class name), and
 * before the middleware that runs the {@link OnConnect} methods. Each hook runs with the request context active; a
 * {@code @Dependent} hook is created once, at binding, and lives as long as the server.
 *
 * <p>Collected and bound on the deploying thread; the hooks it installs are called on the server's threads.
 */
final class HookBeans {
    private static final String PRIORITY = "jakarta.annotation.Priority";

    private record MiddlewareBean(Bean<?> bean, HandlerClass.Target target, int priority) {
        String className() {
            return bean.getBeanClass().getName();
        }
    }

    private final List<Bean<?>> allowRequests = new ArrayList<>();
    private final List<MiddlewareBean> middlewares = new ArrayList<>();

    /** Takes note of {@code bean} when it is a hook. */
    void collect(Bean<?> bean, Consumer<String> problems) {
        if (bean.getTypes().contains(AllowRequest.class)) {
            allowRequests.add(bean);
        }
        if (bean.getTypes().contains(Middleware.class)) {
            Class<?> type = bean.getBeanClass();
            HandlerClass.Target.of(type.getAnnotation(SocketNamespace.class), type.getName(), problems)
                    .ifPresent(target -> middlewares.add(new MiddlewareBean(bean, target, priority(type))));
        }
    }

    /** What is wrong with the hooks found, for the deployment's definition errors. */
    void validate(Consumer<String> problems) {
        if (allowRequests.size() > 1) {
            problems.accept("more than one bean of type " + AllowRequest.class.getName() + " (the handshake filter): "
                    + allowRequests.stream().map(b -> b.getBeanClass().getName()).sorted().toList()
                    + "; keep one");
        }
    }

    /** Installs the middlewares on {@code io} and hands the handshake filter, if there is one, to {@code filter}. */
    void bind(SocketIoServer io, BeanManager beanManager, Consumer<AllowRequest> filter) {
        Instance<RequestContextController> contexts = beanManager.createInstance()
                .select(RequestContextController.class);
        for (Bean<?> bean : allowRequests) {
            AllowRequest hook = reference(beanManager, bean, AllowRequest.class);
            filter.accept(new AllowRequest() {
                @Override
                public boolean allow(EngineIoRequest request) {
                    return inRequestContext(contexts, () -> hook.allow(request));
                }

                @Override
                public String toString() {
                    return bean.getBeanClass().getName();
                }
            });
        }
        List<MiddlewareBean> ordered = new ArrayList<>(middlewares);
        ordered.sort(Comparator.comparingInt(MiddlewareBean::priority).thenComparing(MiddlewareBean::className));
        for (MiddlewareBean found : ordered) {
            Middleware hook = reference(beanManager, found.bean(), Middleware.class);
            Middleware inContext = (Socket socket, Middleware.Next next) -> inRequestContext(contexts, () -> {
                hook.handle(socket, next);
                return null;
            });
            if (found.target().dynamic()) {
                io.of(Pattern.compile(found.target().regex())).use(inContext);
            } else {
                io.of(found.target().name()).use(inContext);
            }
        }
    }

    private static <T> T reference(BeanManager beanManager, Bean<?> bean, Class<T> type) {
        return type.cast(beanManager.getReference(bean, type, beanManager.createCreationalContext(bean)));
    }

    private static <T> T inRequestContext(Instance<RequestContextController> contexts, Supplier<T> call) {
        RequestContextController controller = contexts.get();
        boolean activated = controller.activate();
        try {
            return call.get();
        } finally {
            if (activated) {
                controller.deactivate();
            }
            contexts.destroy(controller);
        }
    }

    /** The value of the class's {@code @Priority}, read by name so that the annotation API is not needed. */
    private static int priority(Class<?> type) {
        for (Annotation annotation : type.getAnnotations()) {
            if (annotation.annotationType().getName().equals(PRIORITY)) {
                try {
                    Method value = annotation.annotationType().getMethod("value");
                    return (Integer) value.invoke(annotation);
                } catch (ReflectiveOperationException | ClassCastException e) {
                    return Integer.MAX_VALUE;
                }
            }
        }
        return Integer.MAX_VALUE;
    }
}
