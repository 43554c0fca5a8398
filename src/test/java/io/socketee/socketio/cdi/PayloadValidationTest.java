package io.socketee.socketio.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.socketio.Socket;
import io.socketee.socketio.core.Ack;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Jakarta Validation of handler arguments with Hibernate Validator, without a CDI container: which methods want it,
 * that a violation stops the call with paths counted from the event's arguments, and the error object the ack gets.
 */
public class PayloadValidationTest {
    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final BeanValidation VALIDATOR = BeanValidation.of(FACTORY);

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @SuppressWarnings("unused")
    public static class Handlers {
        final AtomicInteger calls = new AtomicInteger();

        public String order(Socket socket, @Valid Order order, @NotNull @Email String email) {
            calls.incrementAndGet();
            return order.customer();
        }

        public boolean connect(@Valid Credentials auth) {
            calls.incrementAndGet();
            return true;
        }

        public String plain(Order order) {
            calls.incrementAndGet();
            return "unchecked";
        }

        public void list(List<Order.@Valid Line> lines) {
            calls.incrementAndGet();
        }
    }

    /** The auth object of a CONNECT. */
    public record Credentials(@NotNull String token) {
    }

    private static HandlerMethod analyze(String name, HandlerMethod.Kind kind) {
        Method method = Arrays.stream(Handlers.class.getDeclaredMethods()).filter(m -> m.getName().equals(name))
                .findFirst().orElseThrow();
        return HandlerMethod.analyze(method, kind, kind == HandlerMethod.Kind.EVENT ? name : null, false,
                p -> { throw new AssertionError(p); }).orElseThrow();
    }

    private static Object call(HandlerMethod method, Handlers target, List<JsonValue> args) throws Throwable {
        return method.invoke(target, method.arguments(new HandlerMethod.Call(null, args, Ack.NONE, null, null,
                args.isEmpty() || !(args.get(0) instanceof JsonObject o) ? JsonValue.EMPTY_JSON_OBJECT : o)));
    }

    @Test
    void findsTheMethodsThatAskForValidation() {
        assertTrue(analyze("order", HandlerMethod.Kind.EVENT).wantsValidation());
        assertTrue(analyze("connect", HandlerMethod.Kind.CONNECT).wantsValidation());
        assertTrue(analyze("list", HandlerMethod.Kind.EVENT).wantsValidation());
        assertFalse(analyze("plain", HandlerMethod.Kind.EVENT).wantsValidation());
    }

    @Test
    void aValidPayloadReachesTheHandler() throws Throwable {
        HandlerMethod order = analyze("order", HandlerMethod.Kind.EVENT).validatedBy(VALIDATOR);
        Handlers target = new Handlers();
        Object result = call(order, target, List.of(Json.createObjectBuilder().add("customer", "jo")
                .add("lines", Json.createArrayBuilder().add(Json.createObjectBuilder().add("item", "tea")
                        .add("quantity", 2))).build(), Json.createValue("jo@example.com")));
        assertEquals("jo", result);
        assertEquals(1, target.calls.get());
    }

    @Test
    void violationsStopTheCallAndNameThePathFromTheEventArguments() {
        HandlerMethod order = analyze("order", HandlerMethod.Kind.EVENT).validatedBy(VALIDATOR);
        Handlers target = new Handlers();
        InvalidPayloadException e = assertThrows(InvalidPayloadException.class, () -> call(order, target, List.of(
                Json.createObjectBuilder().add("customer", " ").add("lines", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("item", "tea").add("quantity", 1))
                        .add(Json.createObjectBuilder().add("item", "").add("quantity", 0))).build(),
                Json.createValue("not an address"))));
        assertEquals(0, target.calls.get(), "the handler was not called");
        assertEquals(List.of("0.customer", "0.lines[1].item", "0.lines[1].quantity", "1"),
                e.violations().stream().map(InvalidPayloadException.Violation::path).toList());
        assertEquals("must not be blank", e.violations().get(0).message());
        assertInstanceOf(ConstraintViolationException.class, e.getCause());
        assertEquals(4, ((ConstraintViolationException) e.getCause()).getConstraintViolations().size());
        assertEquals("{\"message\":\"Validation failed\",\"violations\":["
                + "{\"path\":\"0.customer\",\"message\":\"must not be blank\"},"
                + "{\"path\":\"0.lines[1].item\",\"message\":\"must not be blank\"},"
                + "{\"path\":\"0.lines[1].quantity\",\"message\":\"must be greater than 0\"},"
                + "{\"path\":\"1\",\"message\":\"must be a well-formed email address\"}]}", e.toJson().toString());
    }

    @Test
    void aMissingArgumentBreaksNotNullAndAContainerElementIsCounted() {
        HandlerMethod order = analyze("order", HandlerMethod.Kind.EVENT).validatedBy(VALIDATOR);
        InvalidPayloadException e = assertThrows(InvalidPayloadException.class, () -> call(order, new Handlers(),
                List.of(Json.createObjectBuilder().add("customer", "jo").build())));
        assertEquals(List.of(new InvalidPayloadException.Violation("1", "must not be null")), e.violations());
        HandlerMethod list = analyze("list", HandlerMethod.Kind.EVENT).validatedBy(VALIDATOR);
        InvalidPayloadException inList = assertThrows(InvalidPayloadException.class, () -> call(list,
                new Handlers(), List.of(Json.createArrayBuilder().add(Json.createObjectBuilder().add("item", "x")
                        .add("quantity", -1)).build())));
        assertEquals("0[0].quantity", inList.violations().get(0).path());
    }

    @Test
    void theAuthObjectOfAConnectIsCalledAuth() {
        HandlerMethod connect = analyze("connect", HandlerMethod.Kind.CONNECT).validatedBy(VALIDATOR);
        InvalidPayloadException e = assertThrows(InvalidPayloadException.class, () -> call(connect, new Handlers(),
                List.of(Json.createObjectBuilder().build())));
        assertEquals(List.of(new InvalidPayloadException.Violation("auth.token", "must not be null")),
                e.violations());
        assertEquals("{\"violations\":[{\"path\":\"auth.token\",\"message\":\"must not be null\"}]}",
                e.connectData().toString());
    }

    @Test
    void withoutValidatorNothingIsChecked() throws Throwable {
        HandlerMethod order = analyze("order", HandlerMethod.Kind.EVENT);
        Handlers target = new Handlers();
        assertEquals(" ", call(order, target, List.of(Json.createObjectBuilder().add("customer", " ").build())));
        assertEquals(1, target.calls.get());
    }
}
