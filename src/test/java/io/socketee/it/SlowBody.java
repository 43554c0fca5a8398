package io.socketee.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A raw HTTP/1.1 request that declares a large body and sends it one byte a second, as a stalled network or an attack
 * on the server's threads would. It stops by itself: when the server ends the connection, or after
 * {@link #MAX_BYTES} bytes (then it closes the connection). Its thread records what the server answered and how the
 * connection ended.
 *
 * <p>Threading: {@link #start} and {@link #close} from the test; the rest from any thread.
 */
public final class SlowBody implements AutoCloseable {
    /** The body a slow client declares. */
    public static final long DECLARED_BYTES = 900_000;
    /** The most a slow client sends, a byte a second, before it gives up. */
    public static final int MAX_BYTES = 20;

    /**
     * How the server ended the request: the head of its response, if one arrived (a reset may discard it), and
     * whether the connection was reset rather than closed.
     */
    public record Ending(String head, boolean reset) {
        /** The response's status code, or -1 when no response arrived. */
        public int status() {
            String[] parts = head.split(" ", 3);
            return head.startsWith("HTTP/1.1 ") && parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
        }

        /** Whether the response asked for the connection to be closed. */
        public boolean closesConnection() {
            return head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n");
        }

        @Override
        public String toString() {
            return (head.isEmpty() ? "no response" : head.substring(0, head.indexOf("\r\n")))
                    + (reset ? ", connection reset" : ", connection closed");
        }
    }

    private final Socket socket = new Socket();
    private final CompletableFuture<String> head = new CompletableFuture<>();
    private final CompletableFuture<Optional<Ending>> ending = new CompletableFuture<>();
    private volatile int sent;

    private SlowBody() {
    }

    /**
     * Sends {@code method pathAndQuery} to 127.0.0.1:{@code port} with a {@code Content-Length} of
     * {@link #DECLARED_BYTES}, {@code extraHeaders} (whole lines without their CRLF) and the first byte of the body;
     * one more byte follows every second.
     */
    public static SlowBody start(int port, String method, String pathAndQuery, String... extraHeaders)
            throws IOException {
        SlowBody slow = new SlowBody();
        slow.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        slow.socket.setSoTimeout(1000);
        StringBuilder request = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Content-Type: text/plain;charset=UTF-8\r\n")
                .append("Content-Length: ").append(DECLARED_BYTES).append("\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        OutputStream out = slow.socket.getOutputStream();
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write('4');
        out.flush();
        slow.sent = 1;
        Thread thread = new Thread(slow::run, "slow-body-" + slow.socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
        return slow;
    }

    /** Reads what the server sends, and sends a byte each second without an answer, until either side ends. */
    private void run() {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean reset = false;
        boolean ended = false;
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[4096];
            boolean writable = true;
            while (!ended && (sent < MAX_BYTES || !writable)) {
                try {
                    int n = in.read(chunk);
                    if (n < 0) {
                        ended = true;
                    } else {
                        received.write(chunk, 0, n);
                        completeHead(received);
                    }
                } catch (SocketTimeoutException e) {
                    if (!writable) {
                        ended = true; // a write failed: the server reset the connection, and sends nothing more
                        reset = true;
                        break;
                    }
                    try {
                        out.write('x');
                        out.flush();
                        sent++;
                    } catch (IOException writeFailed) {
                        writable = false; // closed by the server: read what it sent, up to the end
                    }
                }
            }
        } catch (SocketException e) {
            reset = !socket.isClosed();
            ended = reset;
        } catch (IOException e) {
            ended = true;
            reset = true;
        } finally {
            completeHead(received);
            head.complete("");
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            ending.complete(ended ? Optional.of(new Ending(end < 0 ? "" : text.substring(0, end + 2), reset))
                    : Optional.empty());
        }
    }

    private void completeHead(ByteArrayOutputStream received) {
        String text = received.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0) {
            head.complete(text.substring(0, end + 2));
        }
    }

    /**
     * Waits until a response head arrived or the connection ended, at most {@code millis}; returns whether either
     * happened.
     */
    public boolean awaitAnswer(long millis) throws InterruptedException {
        try {
            CompletableFuture.anyOf(head, ending).get(Math.max(millis, 0), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How the server ended the connection; empty when it did not, within {@code seconds} or before this client gave up
     * (after {@link #MAX_BYTES} seconds).
     */
    public Optional<Ending> awaitEnd(long seconds) throws InterruptedException {
        try {
            return ending.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of the body sent so far. */
    public int sent() {
        return sent;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
