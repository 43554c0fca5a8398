package io.socketee.socketio.cdi;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Type;
import java.util.function.BooleanSupplier;

/**
 * Calls handler methods on the contextual instance of one bean, with the request context active. A normal-scoped bean
 * is reached through its client proxy, taken once; a {@code @Dependent} bean gets a new instance per call, destroyed
 * after it. Thread-safe.
 */
final class BeanHandle {
    private final BeanManager beanManager;
    private final Bean<?> bean;
    private final Type beanType;
    private final boolean normalScoped;
    private final Instance<RequestContextController> requestContexts;
    private final BooleanSupplier running;
    private volatile Object proxy;

    BeanHandle(BeanManager beanManager, Bean<?> bean, BooleanSupplier running) {
        this.beanManager = beanManager;
        this.bean = bean;
        this.beanType = bean.getTypes().contains(bean.getBeanClass()) ? bean.getBeanClass() : Object.class;
        this.normalScoped = beanManager.isNormalScope(bean.getScope());
        this.requestContexts = beanManager.createInstance().select(RequestContextController.class);
        this.running = running;
    }

    Bean<?> bean() {
        return bean;
    }

    /**
     * Invokes the method with these arguments on the bean's instance; throws what the method throws, or
     * {@link IllegalStateException} once the CDI container is shutting down.
     */
    Object invoke(HandlerMethod method, HandlerMethod.Call call) throws Throwable {
        if (!running.getAsBoolean()) {
            throw new IllegalStateException("the CDI container is shut down; " + method + " was not called");
        }
        RequestContextController controller = requestContexts.get();
        boolean activated = controller.activate();
        CreationalContext<?> creational = null;
        try {
            Object[] args = method.arguments(call);
            Object target;
            if (normalScoped) {
                target = proxy;
                if (target == null) {
                    target = beanManager.getReference(bean, beanType, beanManager.createCreationalContext(bean));
                    proxy = target;
                }
            } else {
                creational = beanManager.createCreationalContext(bean);
                target = beanManager.getReference(bean, beanType, creational);
            }
            return method.invoke(target, args);
        } finally {
            if (creational != null) {
                creational.release();
            }
            if (activated) {
                controller.deactivate();
            }
            requestContexts.destroy(controller);
        }
    }
}
