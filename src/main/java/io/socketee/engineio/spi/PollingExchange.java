package io.socketee.engineio.spi;

import java.util.Map;

/**
 * One long-polling HTTP request and its response, provided by the host binding (the async servlet).
 *
 * <p>The host has already made the request asynchronous: nothing here blocks. {@link #respond} may be called from any
 * thread, exactly once; callbacks of {@link #readBody} and {@link #onAbort} arrive on container threads.
 */
public interface PollingExchange extends HttpRequestView {

    /** Reads the whole body without blocking, never more than {@code maxBytes} (whatever Content-Length says). */
    void readBody(int maxBytes, BodyHandler handler);

    /**
     * Writes the response without blocking and completes the exchange. Later calls are ignored. A response sent
     * before the body was read to its end (a refusal, a POST dropped because its session closed) closes the
     * connection: the host does not wait for the rest of the body, and {@link #readBody}'s handler hears nothing
     * more.
     */
    void respond(int status, Map<String, String> headers, byte[] body);

    /**
     * Registers what to do when the exchange ends without a response: the client went away, or the container gave
     * up on it. Called at most once.
     */
    void onAbort(Runnable callback);

    /** Receives the outcome of {@link #readBody}; exactly one method is called, once. */
    interface BodyHandler {
        void onBody(byte[] body);

        void onTooLarge();

        void onError(Throwable error);
    }
}
