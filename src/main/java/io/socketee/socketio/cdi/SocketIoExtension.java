package io.socketee.socketio.cdi;

import io.socketee.engineio.AllowRequest;
import io.socketee.socketio.Namespace;
import io.socketee.socketio.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The portable CDI extension that finds {@link SocketEvent}, {@link OnConnect}, {@link AfterConnect},
 * {@link OnDisconnect} and {@link OnError} methods (and {@link Blocking} on them or their class) at deployment,
 * checks their signatures and binds them to method handles, installs the beans that are server hooks
 * ({@link HookBeans}: the handshake filter, connect middlewares), and makes the
 * application's {@link SocketIoServer} injectable ({@code @Inject SocketIoServer io}, and
 * {@code @Inject @NamespaceName("/chat") Namespace chat}).
 *
 * <p>A bad signature, two handlers for one event of one namespace, or a handler class that is not a managed bean
 * fails the deployment with a {@link DefinitionException} whose message names the method and what is wrong.
 *
 * <p>The server itself is created by the servlet container initializer ({@code io.socketee.jakarta.SocketIoInitializer})
 * from the context parameters, which hands it over with {@link SocketIoCdi}; the handlers are bound to it when the
 * web application starts. Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 * Container lifecycle methods run on the deploying thread; {@link #server()} may be called from any thread.
 */
public final class SocketIoExtension implements Extension {
    private static final System.Logger LOG = System.getLogger(SocketIoExtension.class.getName());

    private final List<HandlerClass> classes = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<Class<?>, Bean<?>> beans = new HashMap<>();
    private final HookBeans hooks = new HookBeans();
    private final AtomicBoolean bound = new AtomicBoolean();
    private volatile boolean running = true;
    private volatile SocketIoServer server;
    /** The roles the handlers' {@code @RolesAllowed} name. */
    private final Set<String> roles = new TreeSet<>();
    /** Set when the handlers are bound, where one validates; closed at shutdown. */
    private volatile PayloadValidator validator;

    <T> void findHandlers(@Observes @WithAnnotations({SocketNamespace.class, SocketEvent.class, OnConnect.class,
            AfterConnect.class, OnDisconnect.class, OnDisconnecting.class, OnError.class}) ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        Class<T> javaClass = type.getJavaClass();
        if (javaClass.isInterface() || javaClass.isAnnotation() || Modifier.isAbstract(javaClass.getModifiers())) {
            return; // its handlers count in its concrete subclasses
        }
        Optional<HandlerClass.Target> target = HandlerClass.Target.of(type.getAnnotation(SocketNamespace.class),
                javaClass.getName(), problems::add);
        List<HandlerMethod> methods = new ArrayList<>();
        List<AnnotatedMethod<? super T>> annotated = new ArrayList<>(type.getMethods());
        annotated.sort(Comparator.comparing(m -> m.getJavaMember().toString()));
        for (AnnotatedMethod<? super T> method : annotated) {
            analyze(method).ifPresent(methods::add);
        }
        roles.addAll(HandlerAccess.ofClass(javaClass, problems::add).roles());
        for (HandlerMethod method : methods) {
            roles.addAll(HandlerAccess.of(javaClass, method.method(), problems::add).roles());
        }
        if (target.isPresent() && !methods.isEmpty()) {
            classes.add(new HandlerClass(javaClass, target.get(), methods));
        }
    }

    private Optional<HandlerMethod> analyze(AnnotatedMethod<?> annotated) {
        Method method = annotated.getJavaMember();
        SocketEvent event = annotated.getAnnotation(SocketEvent.class);
        OnConnect connect = annotated.getAnnotation(OnConnect.class);
        AfterConnect afterConnect = annotated.getAnnotation(AfterConnect.class);
        OnDisconnect disconnect = annotated.getAnnotation(OnDisconnect.class);
        OnDisconnecting disconnecting = annotated.getAnnotation(OnDisconnecting.class);
        OnError error = annotated.getAnnotation(OnError.class);
        int count = (event != null ? 1 : 0) + (connect != null ? 1 : 0) + (afterConnect != null ? 1 : 0)
                + (disconnect != null ? 1 : 0) + (disconnecting != null ? 1 : 0) + (error != null ? 1 : 0);
        if (count == 0) {
            if (annotated.isAnnotationPresent(Blocking.class)) {
                problems.add("method " + method.getDeclaringClass().getName() + "." + method.getName()
                        + " is @Blocking but no handler: put @Blocking on @SocketEvent, @OnConnect, @AfterConnect or"
                        + " @OnDisconnect methods (or on their class)");
            }
            return Optional.empty();
        }
        if (count > 1) {
            problems.add("method " + method.getDeclaringClass().getName() + "." + method.getName()
                    + " carries more than one of @SocketEvent, @OnConnect, @AfterConnect, @OnDisconnect,"
                    + " @OnDisconnecting, @OnError: keep one");
            return Optional.empty();
        }
        if (error != null && annotated.isAnnotationPresent(Blocking.class)) {
            problems.add("method " + method.getDeclaringClass().getName() + "." + method.getName()
                    + " is @OnError and @Blocking: an error handler runs where the failing handler ran (a worker for"
                    + " a @Blocking one); remove @Blocking");
            return Optional.empty();
        }
        if (disconnecting != null && annotated.isAnnotationPresent(Blocking.class)) {
            problems.add("method " + method.getDeclaringClass().getName() + "." + method.getName()
                    + " is @OnDisconnecting and @Blocking: it runs while the socket is still in its rooms, on the"
                    + " thread that disconnects it; remove @Blocking (or use @OnDisconnect)");
            return Optional.empty();
        }
        if (event != null) {
            return HandlerMethod.analyze(method, HandlerMethod.Kind.EVENT, event.value(), false, problems::add);
        }
        if (connect != null) {
            return HandlerMethod.analyze(method, HandlerMethod.Kind.CONNECT, null, false, problems::add);
        }
        if (afterConnect != null) {
            return HandlerMethod.analyze(method, HandlerMethod.Kind.AFTER_CONNECT, null, false, problems::add);
        }
        if (disconnect != null) {
            return HandlerMethod.analyze(method, HandlerMethod.Kind.DISCONNECT, null, false, problems::add);
        }
        if (disconnecting != null) {
            return HandlerMethod.analyze(method, HandlerMethod.Kind.DISCONNECTING, null, false, problems::add);
        }
        return HandlerMethod.analyze(method, HandlerMethod.Kind.ERROR, null, error.defaultHandler(), problems::add);
    }

    <T> void collectBeans(@Observes ProcessManagedBean<T> event) {
        Class<?> type = event.getAnnotatedBeanClass().getJavaClass();
        for (HandlerClass handlerClass : classes) {
            if (handlerClass.type() == type) {
                beans.put(type, event.getBean());
            }
        }
    }

    <T> void collectHooks(@Observes ProcessBean<T> event) {
        hooks.collect(event.getBean(), problems::add);
    }

    void validateAndAddBeans(@Observes AfterBeanDiscovery event) {
        hooks.validate(problems::add);
        Map<HandlerClass.Target, Map<String, HandlerMethod>> seen = new LinkedHashMap<>();
        HandlerMethod defaultError = null;
        for (HandlerClass handlerClass : classes) {
            if (!beans.containsKey(handlerClass.type())) {
                problems.add(handlerClass.type().getName() + " declares socket handlers but is not a CDI managed bean"
                        + " (it needs a no-argument or @Inject constructor, and must not be vetoed)");
                continue;
            }
            Map<String, HandlerMethod> slots = seen.computeIfAbsent(handlerClass.namespace(),
                    t -> new LinkedHashMap<>());
            for (HandlerMethod method : handlerClass.methods()) {
                if (method.defaultErrorHandler()) {
                    if (defaultError != null) {
                        problems.add(method.description() + ": there is already a default error handler, "
                                + defaultError.description());
                    }
                    defaultError = method;
                    continue;
                }
                String slot = method.kind() == HandlerMethod.Kind.EVENT
                        ? "a handler for event \"" + method.event() + "\""
                        : "an " + method.kind().annotation() + " method";
                HandlerMethod other = slots.putIfAbsent(slot, method);
                if (other != null) {
                    problems.add(method.description() + ": " + handlerClass.namespace() + " already has " + slot
                            + ", " + other.description() + " (one per namespace)");
                }
            }
        }
        for (String problem : problems.stream().distinct().toList()) {
            event.addDefinitionError(new DefinitionException("Socketee: " + problem));
        }
        event.addBean()
                .beanClass(SocketIoExtension.class)
                .types(SocketIoServer.class, Object.class)
                .scope(Dependent.class)
                .produceWith(instance -> server());
        event.addBean()
                .beanClass(SocketIoExtension.class)
                .types(Namespace.class, Object.class)
                .qualifiers(NamespaceName.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(Dependent.class)
                .produceWith(instance -> {
                    InjectionPoint point = instance.select(InjectionPoint.class).get();
                    String name = point.getQualifiers().stream()
                            .filter(NamespaceName.class::isInstance)
                            .map(q -> ((NamespaceName) q).value())
                            .findFirst().orElse("/");
                    return server().of(name);
                });
        if (problems.isEmpty()) {
            LOG.log(Level.DEBUG, () -> "socket.io handler classes: " + classes.size());
        }
    }

    /**
     * Closes the bound server while the application's beans still live, so that the {@code @OnDisconnect} handlers
     * run for every socket (reason "server shutting down"): the container may stop CDI before the servlet listener
     * that closes the server otherwise. Closing again later does nothing.
     */
    void closeServer(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        if (bound.get() && server != null) {
            server.close();
        }
    }

    void stop(@Observes BeforeShutdown event) {
        running = false;
        PayloadValidator payloadValidator = validator;
        if (payloadValidator != null) {
            payloadValidator.close();
        }
    }

    /**
     * Binds the handlers found at deployment to {@code io}, once; the {@code beanManager} is this extension's.
     * Called by {@link SocketIoCdi#bind}.
     */
    void bind(SocketIoServer io, BeanManager beanManager, Consumer<AllowRequest> handshakeFilter) {
        if (!bound.compareAndSet(false, true)) {
            return;
        }
        server = io;
        hooks.bind(io, beanManager, handshakeFilter);
        String validating = classes.stream().flatMap(c -> c.methods().stream())
                .filter(HandlerMethod::wantsValidation).map(HandlerMethod::description)
                .collect(Collectors.joining(", "));
        if (!validating.isEmpty()) {
            validator = BeanValidation.create(beanManager, validating);
        }
        HandlerBinding.bind(io, beanManager, List.copyOf(classes), Map.copyOf(beans), () -> running, validator);
        SocketIoCdi.rolesFound(io, Set.copyOf(roles));
        LOG.log(Level.INFO, "socket.io: bound " + classes.size() + " CDI handler class(es)");
    }

    /** The application's server; {@link IllegalStateException} when the web application has none. */
    public SocketIoServer server() {
        SocketIoServer io = server;
        if (io == null) {
            io = SocketIoCdi.registered().orElseThrow(() -> new IllegalStateException(
                    "no SocketIoServer in this application: it is created by io.socketee.jakarta.SocketIoInitializer"
                            + " (check that it is not switched off with the context parameter socketio.enabled)"));
        }
        return io;
    }
}
