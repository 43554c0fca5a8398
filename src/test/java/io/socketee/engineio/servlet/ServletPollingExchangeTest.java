package io.socketee.engineio.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.spi.PollingExchange.BodyHandler;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The polling exchange against a scripted container (dynamic proxies of the servlet interfaces): a response sent
 * before the declared body was read closes the connection, so that the container does not read the rest on one of
 * its threads; a container timeout of such a request is answered 408, and the body's handler is told.
 */
class ServletPollingExchangeTest {

    /** What the exchange did to the response and the async context. */
    private static final class Container {
        final Map<String, String> headers = new HashMap<>();
        int status = 200;
        boolean completed;
        final PieceInput input = new PieceInput();
        final long contentLength;
        /** Thrown by the output stream when the exchange hands it a write listener: a stopped container. */
        RuntimeException refusal;

        Container(long contentLength) {
            this.contentLength = contentLength;
        }

        ServletPollingExchange exchange() {
            HttpServletRequest request = proxy(HttpServletRequest.class, (name, args) -> switch (name) {
                case "getContentLengthLong" -> contentLength;
                case "getInputStream" -> input;
                case "getMethod" -> contentLength > 0 ? "POST" : "GET";
                case "getRemoteAddr" -> "127.0.0.1";
                default -> null;
            });
            HttpServletResponse response = proxy(HttpServletResponse.class, (name, args) -> {
                switch (name) {
                    case "setStatus" -> status = (Integer) args[0];
                    case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                    case "isCommitted" -> {
                        return false;
                    }
                    case "getOutputStream" -> {
                        return output();
                    }
                    default -> {
                    }
                }
                return null;
            });
            AsyncContext async = proxy(AsyncContext.class, (name, args) -> {
                switch (name) {
                    case "complete" -> completed = true;
                    case "getTimeout" -> {
                        return 5500L;
                    }
                    default -> {
                    }
                }
                return null;
            });
            return new ServletPollingExchange(request, response, async);
        }

        private ServletOutputStream output() {
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return false;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    if (refusal != null) {
                        throw refusal;
                    }
                }

                @Override
                public void write(int b) {
                    throw new AssertionError("written while not ready");
                }
            };
        }
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        Object instance = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            Object value = answer.answer(method.getName(), args);
            Class<?> returns = method.getReturnType();
            if (value != null || !returns.isPrimitive() || returns == void.class) {
                return value;
            }
            if (returns == boolean.class) {
                return Boolean.FALSE;
            }
            return returns == long.class ? (Object) 0L : (Object) 0;
        });
        return type.cast(instance);
    }

    /** What the exchange told the body's handler. */
    private static final class Outcome implements BodyHandler {
        final List<String> events = new ArrayList<>();

        @Override
        public void onBody(byte[] body) {
            events.add("body " + body.length);
        }

        @Override
        public void onTooLarge() {
            events.add("too large");
        }

        @Override
        public void onError(Throwable error) {
            events.add("error");
        }
    }

    @Test
    void aResponseBeforeTheBodyWasReadClosesTheConnection() throws IOException {
        Container container = new Container(900_000);
        ServletPollingExchange exchange = container.exchange();
        Outcome outcome = new Outcome();
        exchange.readBody(1_000_000, outcome);
        container.input.arrive(new byte[10]);
        exchange.respond(400, Map.of("Content-Type", "application/json"), new byte[0]);
        assertEquals(400, container.status);
        assertEquals("close", container.headers.get("Connection"));
        assertTrue(container.completed);
        container.input.arrive(new byte[10]);
        assertEquals(List.of(), outcome.events, "the handler hears nothing once the exchange is answered");
    }

    @Test
    void aResponseToARequestThatDeclaredABodyAndWasNotReadClosesTheConnection() {
        Container container = new Container(900_000);
        container.exchange().respond(403, Map.of(), new byte[0]);
        assertEquals("close", container.headers.get("Connection"));
    }

    @Test
    void aResponseAfterTheWholeBodyKeepsTheConnection() throws IOException {
        Container container = new Container(5);
        ServletPollingExchange exchange = container.exchange();
        Outcome outcome = new Outcome();
        exchange.readBody(1_000_000, outcome);
        container.input.arrive("4helo".getBytes());
        container.input.end();
        assertEquals(List.of("body 5"), outcome.events);
        exchange.respond(200, Map.of(), new byte[0]);
        assertNull(container.headers.get("Connection"));
    }

    @Test
    void aResponseToARequestWithoutBodyKeepsTheConnection() {
        Container container = new Container(-1);
        container.exchange().respond(200, Map.of(), new byte[0]);
        assertNull(container.headers.get("Connection"));
        assertTrue(container.completed);
    }

    @Test
    void aTimedOutRequestWhoseBodyHasNotArrivedIsAnswered408AndItsConnectionClosed() throws IOException {
        Container container = new Container(900_000);
        ServletPollingExchange exchange = container.exchange();
        Outcome outcome = new Outcome();
        exchange.readBody(1_000_000, outcome);
        container.input.arrive(new byte[3]);
        exchange.onTimeout(null);
        assertEquals(408, container.status);
        assertEquals("close", container.headers.get("Connection"));
        assertTrue(container.completed);
        assertEquals(List.of("error"), outcome.events, "the body's handler hears of it, once");
        exchange.onComplete(null);
        exchange.respond(400, Map.of(), new byte[0]);
        assertEquals(408, container.status, "later answers are ignored");
        assertEquals(List.of("error"), outcome.events);
    }

    @Test
    void aTimedOutRequestWithoutBodyKeepsItsStatus() {
        Container container = new Container(-1);
        ServletPollingExchange exchange = container.exchange();
        List<String> aborted = new ArrayList<>();
        exchange.onAbort(() -> aborted.add("aborted"));
        exchange.onTimeout(null);
        assertEquals(200, container.status);
        assertFalse(container.headers.containsKey("Connection"));
        assertEquals(List.of("aborted"), aborted);
        assertTrue(container.completed);
    }

    @Test
    void aResponseTheStoppedContainerRefusesCompletesWithoutThrowing() {
        Container container = new Container(-1);
        container.refusal = new RejectedExecutionException("thread pool stopped");
        ServletPollingExchange exchange = container.exchange();
        exchange.respond(200, Map.of(), new byte[] {'6'});
        assertTrue(container.completed, "the request is completed, not left open");
        assertEquals(200, container.status);
    }
}
