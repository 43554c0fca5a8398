package io.socketee.it;

import io.socket.client.Ack;
import io.socket.client.Socket;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Small waits around the Java client ({@code io.socket:socket.io-client}) shared by the container tests. */
public final class JavaClients {
    private static final long WAIT_SECONDS = 5;

    private JavaClients() {
    }

    /** Connects; "connected", or the argument of {@code connect_error}. Fails after 5 s. */
    public static Object connect(Socket socket) throws Exception {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> outcome.complete("connected"));
        socket.once(Socket.EVENT_CONNECT_ERROR, args -> outcome.complete(args.length > 0 ? args[0] : "error"));
        socket.connect();
        return outcome.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Emits with an ack callback; the answer's arguments. Fails after 5 s. */
    public static Object[] ask(Socket socket, String event, Object... args) throws Exception {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        Object[] withAck = Arrays.copyOf(args, args.length + 1);
        withAck[args.length] = (Ack) answer::complete;
        socket.emit(event, withAck);
        return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
