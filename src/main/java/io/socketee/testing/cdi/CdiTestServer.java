package io.socketee.testing.cdi;

import io.socketee.socketio.cdi.SocketIoCdi;
import io.socketee.socketio.cdi.SocketIoExtension;
import io.socketee.testing.TestServer;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link TestServer} whose handlers are CDI beans, run as deployed: the classes given are the beans of an SE
 * container (Weld SE, or any CDI SE implementation on the test classpath), the library's CDI extension finds their
 * {@code @SocketNamespace}, {@code @SocketEvent}, {@code @OnConnect}, {@code @OnDisconnect} and {@code @OnError}
 * methods, checks their signatures (a bad one fails {@link #start} with the deployment error) and binds them to the
 * server, and {@code @Inject SocketIoServer} / {@code @Inject @NamespaceName("/chat") Namespace} work in them.
 *
 * <pre>{@code
 * try (CdiTestServer cdi = CdiTestServer.start(Chat.class, Nicknames.class)) {
 *     TestClient alice = cdi.server().client().namespace("/chat").auth(Map.of("name", "alice")).connect();
 *     alice.emitWithAck("message", new Message("hi")).await();
 * }
 * }</pre>
 *
 * <p>Needs a CDI SE implementation in the test's dependencies: {@code org.jboss.weld.se:weld-se-core} (6.0.x). Bean
 * discovery is off: only the classes given (and their packages, with {@link Builder#packages}) are beans. One CDI test
 * server at a time per class loader (the library hands the server to CDI by class loader, as in a WAR).
 *
 * <p>Threading: start and close on the test's thread; the rest as {@link TestServer}.
 */
public final class CdiTestServer implements AutoCloseable {
    private final TestServer server;
    private final SeContainer container;
    private final ClassLoader loader;

    private CdiTestServer(TestServer server, SeContainer container, ClassLoader loader) {
        this.server = server;
        this.container = container;
        this.loader = loader;
    }

    /** Starts a container with these bean classes on a {@link TestServer} with the default settings. */
    public static CdiTestServer start(Class<?>... beanClasses) {
        return builder().beanClasses(beanClasses).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The server the handlers are bound to: connect clients here. */
    public TestServer server() {
        return server;
    }

    /** The CDI container, to look beans up ({@code container().select(Chat.class).get()}). */
    public SeContainer container() {
        return container;
    }

    /**
     * Closes the container (which closes the server while the beans live, so {@code @OnDisconnect} methods run with
     * "server shutting down"), then the server.
     */
    @Override
    public void close() {
        try {
            if (container.isRunning()) {
                container.close();
            }
        } finally {
            SocketIoCdi.unregister(loader);
            server.close();
        }
    }

    /** What to deploy, and on which server. Not thread-safe. */
    public static final class Builder {
        private final List<Class<?>> beanClasses = new ArrayList<>();
        private final List<Class<?>> packages = new ArrayList<>();
        private TestServer.Builder server = TestServer.builder();
        private Consumer<SeContainerInitializer> customizer = initializer -> { };

        private Builder() {
        }

        /** Bean classes: handler classes and whatever they inject. */
        public Builder beanClasses(Class<?>... classes) {
            beanClasses.addAll(List.of(classes));
            return this;
        }

        /** Every class of the packages of these classes is a bean class (not their subpackages). */
        public Builder packages(Class<?>... classes) {
            packages.addAll(List.of(classes));
            return this;
        }

        /** The server's settings; {@link TestServer#builder()}'s defaults otherwise. */
        public Builder server(TestServer.Builder value) {
            this.server = Objects.requireNonNull(value);
            return this;
        }

        /** Anything else for the container (alternatives, interceptors, extensions, properties). */
        public Builder container(Consumer<SeContainerInitializer> value) {
            this.customizer = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Starts the server and the container and binds the handlers. A deployment problem (a bad handler signature,
         * two handlers for one event) fails here, with the container's exception naming the method.
         */
        public CdiTestServer start() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            TestServer testServer = server.build();
            SocketIoCdi.register(loader, testServer.io());
            SeContainer container;
            try {
                SeContainerInitializer initializer = SeContainerInitializer.newInstance()
                        .disableDiscovery()
                        .addExtensions(SocketIoExtension.class)   // a synthetic archive loads no service extensions
                        .addBeanClasses(beanClasses.toArray(Class<?>[]::new));
                if (!packages.isEmpty()) {
                    initializer.addPackages(false, packages.toArray(Class<?>[]::new));
                }
                customizer.accept(initializer);
                container = initializer.initialize();
            } catch (RuntimeException e) {
                SocketIoCdi.unregister(loader);
                testServer.close();
                throw e;
            }
            try {
                if (!SocketIoCdi.bind(testServer.io(), container.getBeanManager())) {
                    throw new IllegalStateException("the CDI container did not start");
                }
            } catch (RuntimeException e) {
                container.close();
                SocketIoCdi.unregister(loader);
                testServer.close();
                throw e;
            }
            return new CdiTestServer(testServer, container, loader);
        }
    }
}
