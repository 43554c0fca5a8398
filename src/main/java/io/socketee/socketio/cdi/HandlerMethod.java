package io.socketee.socketio.cdi;

import io.socketee.socketio.DisconnectReason;
import io.socketee.socketio.Json;
import io.socketee.socketio.Namespace;
import io.socketee.socketio.Socket;
import io.socketee.socketio.core.Ack;
import io.socketee.socketio.core.Handshake;
import io.socketee.socketio.internal.ReservedEvents;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbCreator;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.ByteBuffer;
import java.security.CodeSource;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One annotated handler method, analysed once at deployment: how each parameter is resolved, what the return value
 * means, and a {@link MethodHandle} of type {@code (Object target, Object[] args)Object} that invokes it. Immutable;
 * {@link #arguments} and {@link #invoke} may be called from any thread.
 */
final class HandlerMethod {
    private static final String HTTP_SESSION = "jakarta.servlet.http.HttpSession";
    private static final Set<Class<?>> READABLE_INTERFACES = Set.of(Collection.class, List.class, Set.class,
            SortedSet.class, NavigableSet.class, Queue.class, Deque.class, Map.class, SortedMap.class,
            NavigableMap.class, Iterable.class);
    private static final List<String> FORBIDDEN_PACKAGES = List.of("java.io.", "java.lang.reflect.",
            "java.lang.invoke.", "java.lang.ref.", "java.util.concurrent.", "java.util.function.", "java.util.stream.",
            "java.nio.channels.", "java.net.", "jakarta.servlet.", "jakarta.websocket.", "jakarta.enterprise.",
            "jakarta.inject.");
    private static final Set<String> FORBIDDEN_CLASSES = Set.of("java.lang.Thread", "java.lang.Class",
            "java.lang.ClassLoader", "java.lang.Runnable", "java.lang.Process", "java.lang.Void");

    /** What the method handles. */
    enum Kind {
        EVENT("@SocketEvent"), CONNECT("@OnConnect"), AFTER_CONNECT("@AfterConnect"), DISCONNECT("@OnDisconnect"),
        ERROR("@OnError"), DISCONNECTING("@OnDisconnecting");

        private final String annotation;

        Kind(String annotation) {
            this.annotation = annotation;
        }

        String annotation() {
            return annotation;
        }
    }

    /** What the return value means. */
    enum Returns {
        /** void: nothing. */
        NOTHING,
        /** A value: the ack. */
        VALUE,
        /** A CompletionStage: the ack when it completes. */
        STAGE,
        /** A {@code CompletionStage<Void>}: an ack without arguments when it completes. */
        STAGE_OF_VOID,
        /** boolean or Boolean ({@link OnConnect}): false refuses. */
        DECISION
    }

    /**
     * Everything a parameter may be resolved from, for one call.
     *
     * @param event the event being handled (an event handler), or whose handler failed (an error handler); or null
     */
    record Call(Socket socket, List<JsonValue> args, Ack ack, DisconnectReason reason, Throwable error,
                JsonObject auth, IncomingEvent event) {
        Call(Socket socket, List<JsonValue> args, Ack ack, DisconnectReason reason, Throwable error,
             JsonObject auth) {
            this(socket, args, ack, reason, error, auth, null);
        }
    }

    @FunctionalInterface
    private interface Resolver {
        Object resolve(Call call);
    }

    private final Kind kind;
    private final String event;
    private final boolean defaultErrorHandler;
    private final Method method;
    private final String description;
    private final MethodHandle handle;
    private final Resolver[] resolvers;
    private final Returns returns;
    private final Class<?> errorType;
    /** For each parameter, its name in a validation violation's path; null for context parameters. */
    private final String[] positions;
    /** Whether a payload parameter carries Jakarta Validation annotations. */
    private final boolean wantsValidation;
    /** Checks the arguments before each call; null when none is wanted (or before binding). */
    private final PayloadValidator validator;

    private HandlerMethod(Kind kind, String event, boolean defaultErrorHandler, Method method, String description,
                          MethodHandle handle, Resolver[] resolvers, Returns returns, Class<?> errorType,
                          String[] positions, boolean wantsValidation, PayloadValidator validator) {
        this.kind = kind;
        this.event = event;
        this.defaultErrorHandler = defaultErrorHandler;
        this.method = method;
        this.description = description;
        this.handle = handle;
        this.resolvers = resolvers;
        this.returns = returns;
        this.errorType = errorType;
        this.positions = positions;
        this.wantsValidation = wantsValidation;
        this.validator = validator;
    }

    /** Whether a payload parameter asks for Jakarta Validation ({@code @Valid}, constraints). */
    boolean wantsValidation() {
        return wantsValidation;
    }

    /** This method, with its arguments checked by {@code payloadValidator} before each call. */
    HandlerMethod validatedBy(PayloadValidator payloadValidator) {
        return new HandlerMethod(kind, event, defaultErrorHandler, method, description, handle, resolvers, returns,
                errorType, positions, wantsValidation, payloadValidator);
    }

    Kind kind() {
        return kind;
    }

    /** The event name, for {@link Kind#EVENT}. */
    String event() {
        return event;
    }

    boolean defaultErrorHandler() {
        return defaultErrorHandler;
    }

    Method method() {
        return method;
    }

    /** The annotation and the method, as messages name it: {@code @SocketEvent("chat") method a.B.chat(Socket, M)}. */
    String description() {
        return description;
    }

    Returns returns() {
        return returns;
    }

    /** Whether this error handler takes this error (its exception parameter's type fits). */
    boolean accepts(Throwable error) {
        return errorType == null || errorType.isInstance(error);
    }

    /** The arguments of one call, in parameter order. */
    Object[] arguments(Call call) {
        Object[] args = new Object[resolvers.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = resolvers[i].resolve(call);
        }
        return args;
    }

    /**
     * Invokes the method on {@code target}, after checking the arguments where it validates them
     * ({@link InvalidPayloadException} instead of the call); void methods return {@code null}.
     */
    Object invoke(Object target, Object[] args) throws Throwable {
        if (validator != null) {
            validator.validate(target, method, args, description, positions);
        }
        return (Object) handle.invokeExact(target, args);
    }

    @Override
    public String toString() {
        return description;
    }

    // ------------------------------------------------------------------ analysis

    /**
     * Analyses a handler method; returns empty and reports each problem (a sentence that names the method) when its
     * signature is not one Socketee can call.
     */
    static Optional<HandlerMethod> analyze(Method method, Kind kind, String event, boolean defaultErrorHandler,
                                           Consumer<String> problems) {
        String description = describe(method, kind, event, defaultErrorHandler);
        List<String> found = new ArrayList<>();
        int modifiers = method.getModifiers();
        if (Modifier.isStatic(modifiers)) {
            found.add("it must not be static");
        }
        if (Modifier.isPrivate(modifiers)) {
            found.add("it must not be private (CDI client proxies cannot forward calls to private methods)");
        }
        if (kind == Kind.EVENT) {
            if (event == null || event.isEmpty()) {
                found.add("the event name is empty");
            } else if (ReservedEvents.isReserved(event)) {
                found.add("\"" + event + "\" is a reserved event name (use @OnConnect, @OnDisconnect or @OnError)");
            }
        }

        Type[] types = method.getGenericParameterTypes();
        Class<?>[] raw = method.getParameterTypes();
        Resolver[] resolvers = new Resolver[types.length];
        String[] positions = new String[types.length];
        boolean wantsValidation = false;
        int payloads = 0;
        boolean takesAck = false;
        Class<?> errorType = null;
        for (int i = 0; i < types.length; i++) {
            Class<?> type = raw[i];
            String where = "parameter " + (i + 1) + " (" + types[i].getTypeName() + ")";
            if (type == Socket.class) {
                resolvers[i] = Call::socket;
            } else if (type == Ack.class) {
                if (kind != Kind.EVENT) {
                    found.add(where + ": an Ack is passed to @SocketEvent methods only");
                }
                takesAck = true;
                resolvers[i] = Call::ack;
            } else if (type == Principal.class) {
                resolvers[i] = call -> call.socket().handshake().principal().orElse(null);
            } else if (type == Handshake.class) {
                resolvers[i] = call -> call.socket().handshake();
            } else if (type == Namespace.class) {
                resolvers[i] = call -> call.socket().namespace();
            } else if (type.getName().equals(HTTP_SESSION)) {
                resolvers[i] = call -> call.socket().handshake().httpSession().orElse(null);
            } else if (type == IncomingEvent.class) {
                if (kind != Kind.EVENT && kind != Kind.ERROR) {
                    found.add(where + ": an IncomingEvent is passed to @SocketEvent and @OnError methods only");
                }
                resolvers[i] = Call::event;
            } else if (type == DisconnectReason.class) {
                if (kind != Kind.DISCONNECT && kind != Kind.DISCONNECTING) {
                    found.add(where + ": a DisconnectReason is passed to @OnDisconnect and @OnDisconnecting methods"
                            + " only");
                }
                resolvers[i] = Call::reason;
            } else if (Throwable.class.isAssignableFrom(type)) {
                if (kind != Kind.ERROR) {
                    found.add(where + ": an exception is passed to @OnError methods only");
                } else if (errorType != null) {
                    found.add(where + ": an @OnError method takes one exception parameter at most");
                }
                errorType = type;
                resolvers[i] = Call::error;
            } else {
                String problem = readProblem(types[i]);
                if (problem != null) {
                    found.add(where + " is neither a handler context type (Socket, Ack, Principal, Handshake, "
                            + "Namespace, HttpSession, IncomingEvent, DisconnectReason, an exception) nor a payload "
                            + "type JSON-B can bind: " + problem);
                    continue;
                }
                if (kind == Kind.EVENT || kind == Kind.CONNECT) {
                    positions[i] = kind == Kind.EVENT ? String.valueOf(payloads) : "auth";
                    wantsValidation |= PayloadValidator.wantsValidation(method.getParameterAnnotations()[i],
                            method.getAnnotatedParameterTypes()[i]);
                }
                switch (kind) {
                    case EVENT:
                        resolvers[i] = payload(payloads, types[i], type);
                        break;
                    case CONNECT:
                        if (payloads > 0) {
                            found.add(where + ": an @OnConnect method takes one payload parameter at most (the auth"
                                    + " object)");
                        }
                        resolvers[i] = auth(types[i], type);
                        break;
                    default:
                        found.add(where + ": " + kind.annotation() + " methods take no payload parameter");
                }
                payloads++;
            }
        }

        Returns returns = null;
        Type result = method.getGenericReturnType();
        Class<?> rawResult = method.getReturnType();
        switch (kind) {
            case EVENT:
                if (rawResult == void.class) {
                    returns = Returns.NOTHING;
                } else if (takesAck) {
                    found.add("it takes an Ack and returns " + result.getTypeName()
                            + ": answer one way, return void or take no Ack");
                } else if (CompletionStage.class.isAssignableFrom(rawResult)) {
                    Type value = stageValue(result);
                    if (value == Void.class) {
                        returns = Returns.STAGE_OF_VOID;
                    } else {
                        String problem = value == null ? null : writeProblem(value);
                        if (problem != null) {
                            found.add("its return type " + result.getTypeName() + " completes with a value that"
                                    + " cannot be sent as an ack: " + problem);
                        }
                        returns = Returns.STAGE;
                    }
                } else {
                    String problem = writeProblem(result);
                    if (problem != null) {
                        found.add("its return type " + result.getTypeName() + " cannot be sent as an ack: " + problem);
                    }
                    returns = Returns.VALUE;
                }
                break;
            case CONNECT:
                if (rawResult == void.class) {
                    returns = Returns.NOTHING;
                } else if (rawResult == boolean.class || rawResult == Boolean.class) {
                    returns = Returns.DECISION;
                } else {
                    found.add("it returns " + result.getTypeName() + ": an @OnConnect method returns void or boolean");
                }
                break;
            default:
                if (rawResult != void.class) {
                    found.add("it returns " + result.getTypeName() + ": " + kind.annotation()
                            + " methods return void");
                }
                returns = Returns.NOTHING;
        }

        MethodHandle handle = null;
        if (found.isEmpty()) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(method.getDeclaringClass(),
                        MethodHandles.lookup());
                handle = lookup.unreflect(method)
                        .asSpreader(Object[].class, types.length)
                        .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
            } catch (IllegalAccessException | RuntimeException e) {
                found.add("it cannot be bound to a method handle: " + e);
            }
        }
        if (!found.isEmpty()) {
            found.forEach(problem -> problems.accept(description + ": " + problem));
            return Optional.empty();
        }
        return Optional.of(new HandlerMethod(kind, event, defaultErrorHandler, method, description, handle,
                resolvers, returns, errorType, positions, wantsValidation, null));
    }

    private static Resolver payload(int index, Type type, Class<?> raw) {
        return call -> {
            if (index >= call.args().size()) {
                if (raw.isPrimitive()) {
                    throw new IllegalArgumentException("the event has no argument " + (index + 1) + " for "
                            + type.getTypeName());
                }
                return null;
            }
            return bind(call.args().get(index), type, raw, index + 1);
        };
    }

    private static Resolver auth(Type type, Class<?> raw) {
        return call -> bind(call.auth(), type, raw, 1);
    }

    private static Object bind(JsonValue value, Type type, Class<?> raw, int position) {
        if (value == JsonValue.NULL && !raw.isPrimitive() && raw != JsonValue.class) {
            return null;
        }
        Object bound = Json.fromJson(value, type);
        if (bound == null && raw.isPrimitive()) {
            throw new IllegalArgumentException("argument " + position + " is null, " + raw + " expected");
        }
        return bound;
    }

    /** The type a CompletionStage completes with; null when it cannot be known (raw, a type variable). */
    private static Type stageValue(Type stage) {
        if (stage instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c
                && CompletionStage.class.isAssignableFrom(c) && p.getActualTypeArguments().length == 1) {
            Type value = p.getActualTypeArguments()[0];
            if (value instanceof WildcardType w) {
                value = w.getUpperBounds().length == 1 ? w.getUpperBounds()[0] : Object.class;
            }
            return value instanceof TypeVariable<?> ? null : value;
        }
        return null;
    }

    /** Why JSON-B cannot bind an event argument to this type; null when it can. */
    static String readProblem(Type type) {
        if (type instanceof ParameterizedType p) {
            String problem = readProblem(p.getRawType());
            if (problem != null) {
                return problem;
            }
            for (Type argument : p.getActualTypeArguments()) {
                problem = readProblem(argument);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (type instanceof GenericArrayType g) {
            return readProblem(g.getGenericComponentType());
        }
        if (type instanceof WildcardType w) {
            Type[] upper = w.getUpperBounds();
            return upper.length == 1 ? readProblem(upper[0]) : "a wildcard with several bounds";
        }
        if (!(type instanceof Class<?> c)) {
            return type.getTypeName() + " is a type variable, not a concrete type";
        }
        if (c.isPrimitive()) {
            return c == void.class ? "void" : null;
        }
        if (c.isArray()) {
            return c == byte[].class ? null : readProblem(c.getComponentType());
        }
        if (JsonValue.class.isAssignableFrom(c) || c == Object.class || c == String.class || c == Boolean.class
                || c == Character.class || Number.class.isAssignableFrom(c) || c.isEnum() || c == ByteBuffer.class) {
            return forbidden(c);
        }
        if (c.isInterface()) {
            return READABLE_INTERFACES.contains(c) ? null
                    : c.getName() + " is an interface JSON-B cannot instantiate";
        }
        if (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)) {
            return Modifier.isAbstract(c.getModifiers()) ? c.getName() + " is abstract" : null;
        }
        String forbidden = forbidden(c);
        if (forbidden != null) {
            return forbidden;
        }
        if (Modifier.isAbstract(c.getModifiers())) {
            return c.getName() + " is abstract";
        }
        if (c.isMemberClass() && !Modifier.isStatic(c.getModifiers())) {
            return c.getName() + " is an inner class (make it static)";
        }
        if (c.getName().startsWith("java.")) {
            return null;
        }
        String hidden = notPublic(c);
        if (hidden != null) {
            return hidden;
        }
        if (c.isRecord()) {
            return null;
        }
        boolean creator = Arrays.stream(c.getDeclaredMethods())
                .anyMatch(m -> Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(JsonbCreator.class))
                || Arrays.stream(c.getDeclaredConstructors()).anyMatch(k -> k.isAnnotationPresent(JsonbCreator.class));
        if (creator) {
            return null;
        }
        for (Constructor<?> constructor : c.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 0 && !Modifier.isPrivate(constructor.getModifiers())) {
                return null;
            }
        }
        return c.getName() + " has neither a non-private no-argument constructor nor a @JsonbCreator";
    }

    /** Why a value of this declared type cannot be sent as an ack; null when it can. */
    static String writeProblem(Type type) {
        if (type instanceof ParameterizedType p) {
            String problem = writeProblem(p.getRawType());
            if (problem != null) {
                return problem;
            }
            for (Type argument : p.getActualTypeArguments()) {
                problem = writeProblem(argument);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (type instanceof GenericArrayType g) {
            return writeProblem(g.getGenericComponentType());
        }
        if (type instanceof WildcardType w) {
            Type[] upper = w.getUpperBounds();
            return upper.length == 1 ? writeProblem(upper[0]) : null;
        }
        if (!(type instanceof Class<?> c)) {
            return type.getTypeName() + " is a type variable, not a concrete type";
        }
        if (c.isPrimitive()) {
            return null;
        }
        if (c.isArray()) {
            return writeProblem(c.getComponentType());
        }
        if (JsonValue.class.isAssignableFrom(c) || Collection.class.isAssignableFrom(c)
                || Map.class.isAssignableFrom(c) || c == Optional.class || c == Iterable.class
                || c == CharSequence.class) {
            return null;
        }
        String forbidden = forbidden(c);
        if (forbidden != null) {
            return forbidden;
        }
        if (c.isInterface()) {
            return c.getName() + " is an interface that is not a JSON value, a collection or a map";
        }
        return c.getName().startsWith("java.") || c.isEnum() ? null : notPublic(c);
    }

    /** Why JSON-B cannot reach a class: it or a class enclosing it is not public; null when it can. */
    private static String notPublic(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return (k == c ? c.getName() : c.getName() + " (in " + k.getName() + ")")
                        + " is not public: JSON-B reads and writes public classes only";
            }
        }
        return null;
    }

    private static String forbidden(Class<?> c) {
        String name = c.getName();
        if (fromThisLibrary(c)) {
            return name + " is a Socketee type, not a payload";
        }
        if (Throwable.class.isAssignableFrom(c)) {
            return name + " is an exception, not a payload";
        }
        if (FORBIDDEN_CLASSES.contains(name) || FORBIDDEN_PACKAGES.stream().anyMatch(name::startsWith)) {
            return name + " is not a JSON value";
        }
        return null;
    }

    /** Whether a class is one of Socketee's own (in its jar, not merely in a package named like it). */
    private static boolean fromThisLibrary(Class<?> c) {
        if (!c.getName().startsWith("io.socketee.")) {
            return false;
        }
        CodeSource library = HandlerMethod.class.getProtectionDomain().getCodeSource();
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return library == null || source == null || Objects.equals(library.getLocation(), source.getLocation());
    }

    private static String describe(Method method, Kind kind, String event, boolean defaultErrorHandler) {
        String annotation = kind.annotation();
        if (kind == Kind.EVENT) {
            annotation += "(\"" + event + "\")";
        } else if (defaultErrorHandler) {
            annotation += "(defaultHandler = true)";
        }
        String parameters = Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        return annotation + " method " + method.getDeclaringClass().getName() + "." + method.getName()
                + "(" + parameters + ")";
    }
}
