package io.socketee.socketio.cdi;

import io.socketee.socketio.ConnectionRefusedException;
import io.socketee.socketio.DisconnectReason;
import io.socketee.socketio.HandlerMode;
import io.socketee.socketio.Middleware;
import io.socketee.socketio.Socket;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.core.Ack;
import io.socketee.socketio.internal.JsonProviders;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Binds validated handler classes to a server: one connect middleware per namespace (or dynamic-namespace pattern)
 * that registers the socket's event, catch-all, disconnect and error listeners and runs the {@link OnConnect} method,
 * and one connection listener for the {@link AfterConnect} method. {@link Blocking} handlers (or all, when the
 * server's {@code handlers} option is {@code BLOCKING}) are registered with {@link HandlerMode#BLOCKING}, so that the
 * socket runs them on its worker, in order. Built once, at startup; the listeners it installs are thread-safe.
 */
final class HandlerBinding {
    private static final System.Logger LOG = System.getLogger(HandlerBinding.class.getName());
    static final String REJECTED = "Connection rejected by server";
    /** The message of a CONNECT or an event the security annotations refuse ({@link HandlerAccess}). */
    static final String FORBIDDEN = "Forbidden";
    private static final JsonObject FORBIDDEN_ACK = JsonProviders.PROVIDER.createObjectBuilder()
            .add("message", FORBIDDEN).build();

    /** A handler method with the bean it runs on, and where it runs. */
    private record Bound(HandlerMethod method, BeanHandle bean, HandlerMode mode) {
        Object invoke(HandlerMethod.Call call) throws Throwable {
            return bean.invoke(method, call);
        }
    }

    /** The handlers of one namespace target. */
    private static final class Handlers {
        final Map<String, Bound> events = new LinkedHashMap<>();
        Bound catchAll;
        Bound connect;
        Bound afterConnect;
        Bound disconnect;
        Bound disconnecting;
        Bound error;
        /** Who may call each event handler, by event. */
        final Map<String, HandlerAccess> eventAccess = new HashMap<>();
        /** The class-level rules of the classes serving the namespace. */
        final List<HandlerAccess> classAccess = new ArrayList<>();
        /** Who may join the namespace: the @OnConnect method's rule, else one of the classes' (when all have one). */
        HandlerAccess connectAccess = HandlerAccess.ANYONE;
    }

    private final Bound defaultError;

    private HandlerBinding(Bound defaultError) {
        this.defaultError = defaultError;
    }

    /**
     * Registers the handlers of {@code classes} (validated: no duplicates) on {@code io}, invoking them on the beans
     * {@code beans} names, while {@code running} holds; {@code validator} checks the arguments of the handlers that
     * want it (null when none does).
     */
    static void bind(SocketIoServer io, BeanManager beanManager, List<HandlerClass> classes,
                     Map<Class<?>, Bean<?>> beans, BooleanSupplier running, PayloadValidator validator) {
        Map<HandlerClass.Target, Handlers> targets = new LinkedHashMap<>();
        Map<Class<?>, BeanHandle> handles = new HashMap<>();
        Bound defaultError = null;
        for (HandlerClass handlerClass : classes) {
            BeanHandle bean = handles.computeIfAbsent(handlerClass.type(),
                    type -> new BeanHandle(beanManager, beans.get(type), running));
            Handlers handlers = targets.computeIfAbsent(handlerClass.namespace(), t -> new Handlers());
            handlers.classAccess.add(HandlerAccess.ofClass(handlerClass.type(), problem -> { }));
            for (HandlerMethod analysed : handlerClass.methods()) {
                HandlerMethod method = validator != null && analysed.wantsValidation()
                        ? analysed.validatedBy(validator) : analysed;
                boolean blocking = method.method().isAnnotationPresent(Blocking.class)
                        || handlerClass.type().isAnnotationPresent(Blocking.class);
                Bound bound = new Bound(method, bean, blocking ? HandlerMode.BLOCKING : io.config().handlers());
                HandlerAccess access = HandlerAccess.of(handlerClass.type(), method.method(), problem -> { });
                switch (method.kind()) {
                    case EVENT -> {
                        if (SocketEvent.ANY.equals(method.event())) {
                            handlers.catchAll = bound;
                        } else {
                            handlers.events.put(method.event(), bound);
                        }
                        handlers.eventAccess.put(method.event(), access);
                    }
                    case CONNECT -> {
                        handlers.connect = bound;
                        handlers.connectAccess = access;
                    }
                    case AFTER_CONNECT -> handlers.afterConnect = bound;
                    case DISCONNECT -> handlers.disconnect = bound;
                    case DISCONNECTING -> handlers.disconnecting = bound;
                    case ERROR -> {
                        if (method.defaultErrorHandler()) {
                            defaultError = bound;
                        } else {
                            handlers.error = bound;
                        }
                    }
                }
            }
        }
        HandlerBinding binding = new HandlerBinding(defaultError);
        targets.forEach((target, handlers) -> {
            if (handlers.connect == null && handlers.classAccess.stream().allMatch(HandlerAccess::declared)) {
                handlers.connectAccess = HandlerAccess.anyOf(handlers.classAccess);
            }
            Middleware middleware = (socket, next) -> binding.onJoin(socket, next, handlers);
            // useAlways: a socket resuming its session (connection state recovery) needs its handlers too.
            Bound after = handlers.afterConnect;
            if (target.dynamic()) {
                var namespaces = io.of(Pattern.compile(target.regex()));
                namespaces.useAlways(middleware);
                if (after != null) {
                    namespaces.onConnection(after.mode(), socket -> binding.afterConnect(socket, after, handlers));
                }
            } else {
                var namespace = io.of(target.name());
                namespace.useAlways(middleware);
                if (after != null) {
                    namespace.onConnection(after.mode(), socket -> binding.afterConnect(socket, after, handlers));
                }
            }
            LOG.log(Level.DEBUG, () -> "socket.io " + target + ": " + handlers.events.size() + " event handler(s)");
        });
    }

    private void onJoin(Socket socket, Middleware.Next next, Handlers handlers) {
        if (!handlers.connectAccess.admits(socket.handshake())) {
            LOG.log(Level.DEBUG, () -> "socket " + socket.id() + " of " + user(socket) + " may not join "
                    + socket.namespace().name() + " (" + handlers.connectAccess + ")");
            next.refuse(new ConnectionRefusedException(FORBIDDEN));
            return;
        }
        // Listeners first: nothing the client sends after the CONNECT reply can miss them.
        handlers.events.forEach((event, bound) -> socket.on(event, bound.mode(),
                (args, ack) -> onEvent(socket, bound, event, args, ack, handlers)));
        if (handlers.catchAll != null) {
            Bound catchAll = handlers.catchAll;
            socket.onUnhandled(catchAll.mode(),
                    (event, args, ack) -> onEvent(socket, catchAll, event, args, ack, handlers));
        }
        if (handlers.disconnecting != null) {
            // inline, always: Node's disconnecting, while the socket is still in its rooms
            socket.onDisconnecting(reason -> onLeaving(socket, handlers.disconnecting, reason));
        }
        if (handlers.disconnect != null) {
            Bound disconnect = handlers.disconnect;
            socket.onDisconnect(disconnect.mode(), reason -> onLeaving(socket, disconnect, reason));
        }
        socket.onError(error -> onError(socket, error, null, handlers));
        if (handlers.connect == null) {
            next.proceed();
        } else if (handlers.connect.mode() == HandlerMode.BLOCKING) {
            if (!socket.runBlocking(() -> connect(socket, next, handlers))) {
                refuse(socket, next, new ConnectionRefusedException("Internal error")); // a new socket: not expected
            }
        } else {
            connect(socket, next, handlers);
        }
    }

    /** Runs the {@link OnConnect} method: the socket is admitted unless it refuses. */
    private void connect(Socket socket, Middleware.Next next, Handlers handlers) {
        Object decision;
        try {
            decision = handlers.connect.invoke(new HandlerMethod.Call(socket, List.of(), Ack.NONE, null, null,
                    socket.handshake().auth()));
        } catch (ConnectionRefusedException e) {
            refuse(socket, next, e);
            return;
        } catch (InvalidPayloadException e) {
            onError(socket, e, null, handlers);
            refuse(socket, next, new ConnectionRefusedException(InvalidPayloadException.MESSAGE, e.connectData()));
            return;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "socket " + socket.id() + ": " + handlers.connect.method() + " failed", e);
            refuse(socket, next, new ConnectionRefusedException("Internal error"));
            return;
        }
        if (Boolean.FALSE.equals(decision)) {
            refuse(socket, next, new ConnectionRefusedException(REJECTED));
        } else {
            next.proceed();
        }
    }

    private static void onLeaving(Socket socket, Bound bound, DisconnectReason reason) {
        try {
            bound.invoke(new HandlerMethod.Call(socket, List.of(), Ack.NONE, reason, null, socket.handshake().auth()));
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "socket " + socket.id() + ": " + bound.method() + " failed", e);
        }
    }

    private static void refuse(Socket socket, Middleware.Next next, ConnectionRefusedException refusal) {
        socket.namespace().adapter().delAll(socket.id()); // rooms the handler joined
        next.refuse(refusal);
    }

    /** Runs the {@link AfterConnect} method; a failure goes to the error handler. */
    private void afterConnect(Socket socket, Bound bound, Handlers handlers) {
        try {
            bound.invoke(new HandlerMethod.Call(socket, List.of(), Ack.NONE, null, null, socket.handshake().auth()));
        } catch (Throwable e) {
            onError(socket, e, null, handlers);
        }
    }

    private void onEvent(Socket socket, Bound bound, String name, List<JsonValue> args, Ack ack, Handlers handlers) {
        IncomingEvent event = new IncomingEvent(name, args);
        HandlerAccess access = handlers.eventAccess.getOrDefault(bound.method().event(), HandlerAccess.ANYONE);
        if (!access.admits(socket.handshake())) {
            LOG.log(Level.DEBUG, () -> "socket " + socket.id() + " of " + user(socket) + ": event \"" + name
                    + "\" refused (" + access + ")");
            answer(socket, ack, FORBIDDEN_ACK, event, handlers);
            return;
        }
        Object result;
        try {
            result = bound.invoke(new HandlerMethod.Call(socket, args, ack, null, null, socket.handshake().auth(),
                    event));
        } catch (Throwable e) {
            if (e instanceof InvalidPayloadException invalid) {
                answer(socket, ack, invalid.toJson(), event, handlers);
            }
            onError(socket, e, event, handlers);
            return;
        }
        try {
            switch (bound.method().returns()) {
                case VALUE -> ack.send(new Object[] {result});
                case STAGE, STAGE_OF_VOID -> {
                    if (result == null) {
                        throw new NullPointerException(bound.method() + " returned a null CompletionStage");
                    }
                    boolean withValue = bound.method().returns() == HandlerMethod.Returns.STAGE;
                    ((CompletionStage<?>) result).whenComplete((value, error) -> {
                        if (error != null) {
                            onError(socket, error, event, handlers);
                            return;
                        }
                        try {
                            if (withValue) {
                                ack.send(new Object[] {value});
                            } else {
                                ack.send();
                            }
                        } catch (RuntimeException e) {
                            onError(socket, e, event, handlers);
                        }
                    });
                }
                default -> {
                }
            }
        } catch (RuntimeException e) {
            onError(socket, e, event, handlers);
        }
    }

    /** Acks with an error object (the client gets it as the ack's first argument). */
    private void answer(Socket socket, Ack ack, JsonObject error, IncomingEvent event, Handlers handlers) {
        try {
            ack.send(error);
        } catch (RuntimeException e) {
            onError(socket, e, event, handlers);
        }
    }

    private static String user(Socket socket) {
        return socket.handshake().principal().map(p -> "user " + p.getName()).orElse("an anonymous user");
    }

    /** Hands a failure to the namespace's error handler, or the default one; {@code event} null when not an event's. */
    private void onError(Socket socket, Throwable error, IncomingEvent event, Handlers handlers) {
        Throwable cause = unwrap(error);
        Bound handler = handlers.error != null && handlers.error.method().accepts(cause) ? handlers.error
                : defaultError != null && defaultError.method().accepts(cause) ? defaultError : null;
        if (handler == null && cause instanceof InvalidPayloadException) {
            // The client was answered; what a client sends is not the application's failure (and must not flood the
            // log): an @OnError method sees it where the application wants to.
            LOG.log(Level.DEBUG, () -> "socket " + socket.id() + " in " + socket.namespace().name() + ": "
                    + cause.getMessage());
            return;
        }
        if (handler == null) {
            LOG.log(Level.WARNING, "socket " + socket.id() + " in " + socket.namespace().name()
                    + ": unhandled error (declare an @OnError method)", cause);
            return;
        }
        try {
            handler.invoke(new HandlerMethod.Call(socket, List.of(), Ack.NONE, null, cause,
                    socket.handshake().auth(), event));
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "socket " + socket.id() + ": " + handler.method() + " failed", e);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
