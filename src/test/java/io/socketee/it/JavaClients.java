package io.socketee.it;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Small waits around the Java client ({@code io.socket:socket.io-client}) shared by the container tests. */
public final class JavaClients {
    private static final long WAIT_SECONDS = 15;

    private JavaClients() {
    }

    /**
     * A socket of {@code namespace} at {@code url} over one transport ({@code websocket} or {@code polling}), without
     * reconnection and on a connection of its own; not yet connected.
     */
    public static Socket socket(String url, String transport, String namespace, String query) {
        return socket(url, "", transport, namespace, query);
    }

    /** The same, for a server at {@code contextPath + "/socket.io"} (a deployed web application's). */
    public static Socket socket(String url, String contextPath, String transport, String namespace, String query) {
        IO.Options options = IO.Options.builder()
                .setPath(contextPath + "/socket.io")
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(new String[] {transport.equals("websocket") ? WebSocket.NAME : Polling.NAME})
                .setQuery(query)
                .build();
        return IO.socket(URI.create(url + namespace), options);
    }

    /** Connects; "connected", or the argument of {@code connect_error}. Fails after 15 s. */
    public static Object connect(Socket socket) throws Exception {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> outcome.complete("connected"));
        socket.once(Socket.EVENT_CONNECT_ERROR, args -> outcome.complete(args.length > 0 ? args[0] : "error"));
        socket.connect();
        return outcome.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Emits with an ack callback; the answer's arguments. Fails after 15 s. */
    public static Object[] ask(Socket socket, String event, Object... args) throws Exception {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        Object[] withAck = Arrays.copyOf(args, args.length + 1);
        withAck[args.length] = (Ack) answer::complete;
        socket.emit(event, withAck);
        return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
