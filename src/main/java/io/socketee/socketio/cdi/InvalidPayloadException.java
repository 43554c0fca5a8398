package io.socketee.socketio.cdi;

import io.socketee.socketio.internal.JsonProviders;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * The arguments of an event (or the {@code auth} object of a CONNECT) broke the Jakarta Validation constraints of
 * the handler's parameters ({@code @Valid}, {@code @NotNull}, ...): the handler was not called. The client's ack gets
 * {@link #toJson()}, a refused CONNECT its {@code connect_error} with the violations as data, and the namespace's
 * {@code @OnError} handlers this exception, whose cause is the validator's
 * {@code jakarta.validation.ConstraintViolationException}. Immutable.
 */
public final class InvalidPayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The {@code message} of the error object. */
    public static final String MESSAGE = "Validation failed";

    /**
     * One broken constraint.
     *
     * @param path    where, counted from the event's arguments: {@code 0.text} is the property {@code text} of the
     *                first argument, {@code 1.items[2].name} a property of the third list element of the second, a
     *                bare {@code 0} the argument itself; for a CONNECT {@code auth.token}
     * @param message the constraint's message ({@code must not be blank})
     */
    public record Violation(String path, String message) {
        public Violation {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }
    }

    private final transient List<Violation> violations;

    InvalidPayloadException(String handler, List<Violation> violations, Throwable cause) {
        super(handler + ": " + MESSAGE + ": " + violations, cause);
        this.violations = List.copyOf(violations);
    }

    /** The broken constraints, ordered by path. */
    public List<Violation> violations() {
        return violations;
    }

    /**
     * The error object the client's ack receives: {@code {"message":"Validation failed","violations":[{"path":"0.text",
     * "message":"must not be blank"}]}}.
     */
    public JsonObject toJson() {
        return JsonProviders.PROVIDER.createObjectBuilder()
                .add("message", MESSAGE)
                .add("violations", violationsJson())
                .build();
    }

    /** The data of a refused CONNECT: {@code {"violations":[...]}}. */
    JsonObject connectData() {
        return JsonProviders.PROVIDER.createObjectBuilder().add("violations", violationsJson()).build();
    }

    private JsonArrayBuilder violationsJson() {
        JsonArrayBuilder array = JsonProviders.PROVIDER.createArrayBuilder();
        for (Violation violation : violations) {
            array.add(JsonProviders.PROVIDER.createObjectBuilder()
                    .add("path", violation.path())
                    .add("message", violation.message()));
        }
        return array;
    }
}
