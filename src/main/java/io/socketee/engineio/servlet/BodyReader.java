package io.socketee.engineio.servlet;

import io.socketee.engineio.spi.PollingExchange.BodyHandler;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a POST body with non-blocking I/O into one array that grows with the bytes that arrive: it starts at a few KB
 * (a client that declares a large body and sends it slowly costs that much, not its Content-Length) and doubles when
 * full, never beyond the declared length, nor beyond one byte over the limit. A body whose declared length fits the
 * first array, or that reaches its declared length by the last doubling, is handed over without a copy.
 *
 * <p>Threading: the container calls a {@link ReadListener} for one request at a time; {@link #abandon} may come from
 * any thread.
 */
final class BodyReader implements ReadListener {
    /** The first array when the length is declared: what a few XHR payloads take. */
    static final int INITIAL_BYTES = 4096;
    /** The first array when the length is not declared (chunked), and the least a full array grows by. */
    private static final int MIN_GROWTH = 256;
    private final ServletInputStream in;
    private final int maxBytes;
    /** The most the array needs: the declared length when within the limit, else one byte over the limit. */
    private final int limit;
    private final BodyHandler handler;
    private volatile boolean abandoned;
    // touched by the container's calls only, one at a time
    private byte[] buffer;
    private int size;
    private boolean done;

    /**
     * A reader of a body of {@code declared} bytes (negative when the length is not known) that may not exceed
     * {@code maxBytes}; it tells {@code handler} the outcome, once.
     */
    BodyReader(ServletInputStream in, long declared, int maxBytes, BodyHandler handler) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.handler = handler;
        long most = declared >= 0 && declared <= maxBytes ? declared : maxBytes + 1L;
        this.limit = (int) Math.min(most, Integer.MAX_VALUE - 8);
        this.buffer = new byte[Math.min(limit, declared >= 0 ? INITIAL_BYTES : MIN_GROWTH)];
    }

    /** The length of the array the body is read into now. */
    int capacity() {
        return buffer.length;
    }

    /** The number of body bytes read so far. */
    int received() {
        return size;
    }

    /** Stops reading: what arrives from now on is left to the container, and the handler hears nothing more. */
    void abandon() {
        abandoned = true;
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!done && !abandoned && in.isReady()) {
            if (size == buffer.length && size < limit) {
                grow();
            }
            int n;
            if (size == buffer.length) {
                // The declared length is in: look for the end rather than grow the array.
                int next = in.read();
                if (next < 0) {
                    return;
                }
                grow();
                buffer[size] = (byte) next;
                n = 1;
            } else {
                n = in.read(buffer, size, buffer.length - size);
                if (n < 0) {
                    return;
                }
            }
            size += n;
            if (size > maxBytes) {
                done = true;
                handler.onTooLarge();
                return;
            }
        }
    }

    /** Doubles the array, up to the limit (beyond it only if more than the declared length came, up to the maximum). */
    private void grow() {
        long most = size < limit ? limit : Math.min(maxBytes + 1L, Integer.MAX_VALUE - 8);
        buffer = Arrays.copyOf(buffer, (int) Math.min(most, Math.max(MIN_GROWTH, 2L * size)));
    }

    @Override
    public void onAllDataRead() {
        if (!done && !abandoned) {
            done = true;
            handler.onBody(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
        }
    }

    @Override
    public void onError(Throwable t) {
        if (!done && !abandoned) {
            done = true;
            handler.onError(t);
        }
    }
}
