package io.socketee.engineio.servlet;

import io.socketee.engineio.spi.PollingExchange.BodyHandler;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a POST body with non-blocking I/O straight into one array, sized by Content-Length when the client sent it
 * (then the array is the body, without a copy), grown by doubling otherwise; never beyond one byte over the limit.
 *
 * <p>Threading: the container calls a {@link ReadListener} for one request at a time.
 */
final class BodyReader implements ReadListener {
    private static final int MIN_GROWTH = 256;
    private final ServletInputStream in;
    private final int maxBytes;
    private final BodyHandler handler;
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
        // the declared length when there is one (not trusted beyond 64 KB: the body grows as it arrives)
        this.buffer = new byte[(int) (declared >= 0 ? Math.min(declared, Math.min(maxBytes + 1L, 64 * 1024))
                : Math.min(256, maxBytes + 1L))];
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!done && in.isReady()) {
            int n;
            if (size == buffer.length) {
                // Full, often because the declared length is in: look for the end before growing the array.
                int next = in.read();
                if (next < 0) {
                    return;
                }
                long grown = Math.min((long) maxBytes + 1, Math.max(MIN_GROWTH, 2L * size));
                buffer = Arrays.copyOf(buffer, (int) Math.min(grown, Integer.MAX_VALUE - 8));
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

    @Override
    public void onAllDataRead() {
        if (!done) {
            done = true;
            handler.onBody(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
        }
    }

    @Override
    public void onError(Throwable t) {
        if (!done) {
            done = true;
            handler.onError(t);
        }
    }
}
