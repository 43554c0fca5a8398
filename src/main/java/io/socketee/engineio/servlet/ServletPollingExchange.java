package io.socketee.engineio.servlet;

import io.socketee.engineio.spi.PollingExchange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Map;

/**
 * A long-polling request on an async servlet: non-blocking body reads ({@link ReadListener}), non-blocking response
 * writes ({@link AsyncWrite}), and the {@link AsyncListener} that reports a client gone before the answer.
 */
final class ServletPollingExchange extends ServletRequestView implements PollingExchange, AsyncListener {
    private static final System.Logger LOG = System.getLogger(ServletPollingExchange.class.getName());

    private final HttpServletResponse response;
    private final AsyncContext async;
    // guarded by this
    private boolean finished;
    private boolean aborted;
    private Runnable abortCallback;

    ServletPollingExchange(HttpServletRequest request, HttpServletResponse response, AsyncContext async) {
        super(request);
        this.response = response;
        this.async = async;
        async.addListener(this);
    }

    @Override
    public void readBody(int maxBytes, BodyHandler handler) {
        try {
            ServletInputStream in = request.getInputStream();
            long declared = request.getContentLengthLong();
            // the declared length when there is one (not trusted beyond 64 KB: the body grows as it arrives)
            int initial = (int) (declared >= 0 ? Math.min(declared, Math.min(maxBytes + 1L, 64 * 1024))
                    : Math.min(256, maxBytes + 1L));
            in.setReadListener(new BodyReader(in, maxBytes, initial, handler));
        } catch (IOException | IllegalStateException e) {
            handler.onError(e);
        }
    }

    /**
     * Reads a POST body straight into one array, sized by Content-Length when the client sent it (then the array is
     * the body, without a copy), grown by doubling otherwise; never beyond one byte over the limit.
     */
    private static final class BodyReader implements ReadListener {
        private static final int MIN_GROWTH = 256;
        private final ServletInputStream in;
        private final int maxBytes;
        private final BodyHandler handler;
        private byte[] buffer;
        private int size;
        private boolean done;

        BodyReader(ServletInputStream in, int maxBytes, int initial, BodyHandler handler) {
            this.in = in;
            this.maxBytes = maxBytes;
            this.handler = handler;
            this.buffer = new byte[initial];
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

    @Override
    public void respond(int status, Map<String, String> headers, byte[] body) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        try {
            response.setStatus(status);
            headers.forEach(response::setHeader);
            response.setContentLength(body.length);
            if (body.length == 0) {
                async.complete();
                return;
            }
            AsyncWrite.bodyThenComplete(async, response.getOutputStream(), body);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.DEBUG, () -> "polling response failed: " + e);
            completeQuietly();
        }
    }

    private void completeQuietly() {
        AsyncWrite.completeQuietly(async);
    }

    @Override
    public void onAbort(Runnable callback) {
        boolean runNow;
        synchronized (this) {
            abortCallback = callback;
            runNow = finished && aborted;
        }
        if (runNow) {
            callback.run();
        }
    }

    private void abort() {
        Runnable callback;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            aborted = true;
            callback = abortCallback;
        }
        if (callback != null) {
            callback.run();
        }
        completeQuietly();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        abort();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        abort();
    }

    @Override
    public void onError(AsyncEvent event) {
        abort();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
