package io.socketee.it.cdi.app;

import io.socketee.socketio.Socket;
import io.socketee.socketio.cdi.AfterConnect;
import io.socketee.socketio.cdi.Blocking;
import io.socketee.socketio.cdi.IncomingEvent;
import io.socketee.socketio.cdi.OnConnect;
import io.socketee.socketio.cdi.OnError;
import io.socketee.socketio.cdi.SocketEvent;
import io.socketee.socketio.cdi.SocketNamespace;
import io.socketee.socketio.core.Ack;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * {@code /blocking}: blocking handlers on the worker (a blocking {@code @OnConnect} too), with the request context
 * active; an {@code @AfterConnect} whose emit arrives; a catch-all; {@code @OnError} with the failing event.
 */
@SocketNamespace("/blocking")
@ApplicationScoped
public class BlockingHandlers {
    @Inject
    RequestState request;

    @Blocking
    @OnConnect
    boolean admit(Socket socket) throws InterruptedException {
        Thread.sleep(50);
        socket.data().put("admittedOn", Thread.currentThread().getName());
        socket.emit("admitting");   // held back until the CONNECT reply
        return true;
    }

    @AfterConnect
    void welcome(Socket socket) {
        socket.emit("welcome", socket.data().get("admittedOn"));
    }

    /** Sleeps, then answers where it ran and the request bean it saw (twice: one per call). */
    @Blocking
    @SocketEvent("work")
    Map<String, Object> work(int millis) throws InterruptedException {
        Thread.sleep(millis);
        return Map.of("thread", Thread.currentThread().getName(), "requestIds", List.of(request.id(), request.id()));
    }

    @Blocking
    @SocketEvent("slowEcho")
    void slowEcho(String text, int millis, Ack ack) throws InterruptedException {
        Thread.sleep(millis);
        ack.send("slow " + text);
    }

    /** Not blocking: when it arrives behind a blocking one, it waits for it. */
    @SocketEvent("fastEcho")
    String fastEcho(String text) {
        return "fast " + text;
    }

    @SocketEvent("boom")
    void boom(String text) {
        throw new IllegalStateException("boom " + text);
    }

    @SocketEvent(SocketEvent.ANY)
    String unhandled(IncomingEvent event) {
        return "unhandled " + event.name() + " " + event.args();
    }

    @OnError
    void error(Socket socket, Throwable error, IncomingEvent event) {
        socket.emit("failed", error.getMessage(), event == null ? JsonValue.NULL : event.name(),
                event == null ? List.of() : event.args());
    }
}
