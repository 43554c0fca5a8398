package io.socketee.socketio.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.socketio.DisconnectReason;
import io.socketee.socketio.Socket;
import io.socketee.socketio.core.Ack;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Signature checks and argument binding of handler methods, without a CDI container. */
class HandlerMethodTest {
    record Hidden(int x) {
    }

    @SuppressWarnings("unused")
    static class Handlers {
        Point move(Point from, List<Point> path) {
            return from;
        }

        void answer(String question, Ack ack) {
            ack.send("answer to " + question);
        }

        void good(Socket socket, Point point, List<Integer> numbers, Map<String, Object> map, JsonValue raw,
                  byte[] bytes, Principal principal, int count) {
        }

        CompletionStage<Point> later(Point point) {
            return CompletableFuture.completedFuture(point);
        }

        CompletionStage<Void> nothing() {
            return CompletableFuture.completedFuture(null);
        }

        void unknown(Socket socket, Runnable task) {
        }

        void noConstructor(NoDefaultConstructor value) {
        }

        void hidden(Hidden value) {
        }

        Socket returnsSocket(Socket socket) {
            return socket;
        }

        Future<String> returnsFuture() {
            return null;
        }

        CompletionStage<Thread> completesWithThread() {
            return null;
        }

        String ackAndReturn(Ack ack) {
            return "";
        }

        void reasonInEvent(DisconnectReason reason) {
        }

        static void isStatic() {
        }

        private void isPrivate() {
        }

        boolean connect(Socket socket, Point auth) {
            return true;
        }

        String connectReturnsString() {
            return "";
        }

        void connectWithTwoPayloads(Point a, Point b) {
        }

        void disconnect(Socket socket, DisconnectReason reason) {
        }

        void disconnectWithPayload(Point point) {
        }

        void error(Socket socket, IllegalStateException error) {
        }

        void errorWithTwoExceptions(Exception a, Exception b) {
        }

        String catchAll(IncomingEvent event, Point first) {
            return event.name() + " " + first.x();
        }

        void errorWithEvent(Socket socket, Throwable error, IncomingEvent event) {
        }

        void afterConnect(Socket socket, Principal principal) {
        }

        void afterConnectWithPayload(Socket socket, Point point) {
        }

        void eventInConnect(IncomingEvent event) {
        }
    }

    private static Method method(String name) {
        return Arrays.stream(Handlers.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    private static List<String> problems(String name, HandlerMethod.Kind kind, String event) {
        List<String> problems = new ArrayList<>();
        Optional<HandlerMethod> method = HandlerMethod.analyze(method(name), kind, event, false, problems::add);
        assertEquals(problems.isEmpty(), method.isPresent(), problems.toString());
        return problems;
    }

    private static void rejects(String name, HandlerMethod.Kind kind, String expected) {
        List<String> problems = problems(name, kind, "e");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("io.socketee.socketio.cdi.HandlerMethodTest$Handlers." + name + "("),
                problems.get(0));
        assertTrue(problems.get(0).contains(expected), problems.get(0));
    }

    @Test
    void acceptsContextTypesAndBindablePayloads() {
        assertEquals(List.of(), problems("good", HandlerMethod.Kind.EVENT, "good"));
        assertEquals(List.of(), problems("later", HandlerMethod.Kind.EVENT, "later"));
        assertEquals(List.of(), problems("connect", HandlerMethod.Kind.CONNECT, null));
        assertEquals(List.of(), problems("disconnect", HandlerMethod.Kind.DISCONNECT, null));
        assertEquals(List.of(), problems("disconnect", HandlerMethod.Kind.DISCONNECTING, null),
                "@OnDisconnecting takes what @OnDisconnect takes");
        assertEquals(List.of(), problems("error", HandlerMethod.Kind.ERROR, null));
    }

    @Test
    void passesTheIncomingEventToEventAndErrorHandlersOnly() throws Throwable {
        assertEquals(List.of(), problems("errorWithEvent", HandlerMethod.Kind.ERROR, null));
        assertEquals(List.of(), problems("afterConnect", HandlerMethod.Kind.AFTER_CONNECT, null));
        rejects("eventInConnect", HandlerMethod.Kind.CONNECT,
                "an IncomingEvent is passed to @SocketEvent and @OnError methods only");
        rejects("afterConnectWithPayload", HandlerMethod.Kind.AFTER_CONNECT,
                "@AfterConnect methods take no payload parameter");
        HandlerMethod catchAll = HandlerMethod.analyze(method("catchAll"), HandlerMethod.Kind.EVENT, SocketEvent.ANY,
                false, problem -> { throw new AssertionError(problem); }).orElseThrow();
        List<JsonValue> args = List.of(Json.createObjectBuilder().add("x", 3).add("y", 4).build());
        Object[] bound = catchAll.arguments(new HandlerMethod.Call(null, args, Ack.NONE, null, null, null,
                new IncomingEvent("drawn", args)));
        assertEquals("drawn 3", catchAll.invoke(new Handlers(), bound));
    }

    @Test
    void rejectsParametersThatAreNeitherContextNorPayload() {
        rejects("unknown", HandlerMethod.Kind.EVENT,
                "@SocketEvent(\"e\") method io.socketee.socketio.cdi.HandlerMethodTest$Handlers.unknown(Socket,"
                        + " Runnable): parameter 2 (java.lang.Runnable) is neither a handler context type");
        rejects("noConstructor", HandlerMethod.Kind.EVENT,
                "has neither a non-private no-argument constructor nor a @JsonbCreator");
        rejects("hidden", HandlerMethod.Kind.EVENT, "is not public: JSON-B reads and writes public classes only");
        rejects("reasonInEvent", HandlerMethod.Kind.EVENT,
                "a DisconnectReason is passed to @OnDisconnect and @OnDisconnecting methods only");
    }

    @Test
    void rejectsReturnTypesThatCannotBeSentAsAcks() {
        rejects("returnsSocket", HandlerMethod.Kind.EVENT, "its return type io.socketee.socketio.Socket cannot be sent");
        rejects("returnsFuture", HandlerMethod.Kind.EVENT, "java.util.concurrent.Future");
        rejects("completesWithThread", HandlerMethod.Kind.EVENT, "completes with a value that cannot be sent");
        rejects("ackAndReturn", HandlerMethod.Kind.EVENT, "answer one way");
    }

    @Test
    void rejectsStaticAndPrivateMethodsAndReservedEvents() {
        rejects("isStatic", HandlerMethod.Kind.EVENT, "must not be static");
        rejects("isPrivate", HandlerMethod.Kind.EVENT, "must not be private");
        List<String> problems = problems("nothing", HandlerMethod.Kind.EVENT, "disconnect");
        assertTrue(problems.get(0).contains("\"disconnect\" is a reserved event name"), problems.toString());
    }

    @Test
    void checksLifecycleSignatures() {
        rejects("connectReturnsString", HandlerMethod.Kind.CONNECT, "returns void or boolean");
        rejects("connectWithTwoPayloads", HandlerMethod.Kind.CONNECT, "one payload parameter at most");
        rejects("disconnectWithPayload", HandlerMethod.Kind.DISCONNECT, "take no payload parameter");
        rejects("disconnectWithPayload", HandlerMethod.Kind.DISCONNECTING, "take no payload parameter");
        rejects("errorWithTwoExceptions", HandlerMethod.Kind.ERROR, "one exception parameter at most");
    }

    @Test
    void bindsArgumentsByTypeAndInvokesThroughTheMethodHandle() throws Throwable {
        HandlerMethod move = HandlerMethod.analyze(method("move"), HandlerMethod.Kind.EVENT, "move", false,
                p -> { throw new AssertionError(p); }).orElseThrow();
        Ack ack = args -> { };
        List<JsonValue> args = List.of(
                Json.createObjectBuilder().add("x", 1).add("y", 2).build(),
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("x", 3).add("y", 4)).build());
        Object[] bound = move.arguments(new HandlerMethod.Call(null, args, ack, null, null, null));
        assertEquals(new Point(1, 2), bound[0]);
        assertEquals(List.of(new Point(3, 4)), bound[1]);
        assertEquals(new Point(1, 2), move.invoke(new Handlers(), bound));
        assertEquals(HandlerMethod.Returns.VALUE, move.returns());
        Object[] missing = move.arguments(new HandlerMethod.Call(null, List.of(), ack, null, null, null));
        assertEquals(null, missing[0]);

        HandlerMethod answer = HandlerMethod.analyze(method("answer"), HandlerMethod.Kind.EVENT, "answer", false,
                p -> { throw new AssertionError(p); }).orElseThrow();
        List<Object> sent = new ArrayList<>();
        Ack recording = answerArgs -> sent.addAll(Arrays.asList(answerArgs));
        Object result = answer.invoke(new Handlers(), answer.arguments(new HandlerMethod.Call(null,
                List.of(Json.createValue("life")), recording, null, null, null)));
        assertEquals(null, result);
        assertEquals(List.of("answer to life"), sent);
        assertEquals(HandlerMethod.Returns.NOTHING, answer.returns());
        HandlerMethod nothing = HandlerMethod.analyze(method("nothing"), HandlerMethod.Kind.EVENT, "n", false,
                p -> { throw new AssertionError(p); }).orElseThrow();
        assertEquals(HandlerMethod.Returns.STAGE_OF_VOID, nothing.returns());
    }
}
