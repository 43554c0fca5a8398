package io.socketee.engineio.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes a whole response body with non-blocking I/O and completes the async request when it has gone out; on a write
 * failure (the client went away) it only completes. Status and headers must be set before.
 */
public final class AsyncWrite {
    private static final System.Logger LOG = System.getLogger(AsyncWrite.class.getName());

    private AsyncWrite() {
    }

    /**
     * Sends {@code body} on {@code out}, the output stream of {@code async}'s response, then completes it. A container
     * that refuses the listener (stopping: its thread pool rejects the dispatch) only gets the request completed.
     */
    public static void bodyThenComplete(AsyncContext async, ServletOutputStream out, byte[] body) {
        try {
            out.setWriteListener(listener(async, out, body));
        } catch (RejectedExecutionException refused) {
            LOG.log(Level.DEBUG, () -> "response not sent, the container is stopping: " + refused);
            completeQuietly(async);
        }
    }

    private static WriteListener listener(AsyncContext async, ServletOutputStream out, byte[] body) {
        return new WriteListener() {
            private boolean written;

            @Override
            public void onWritePossible() throws IOException {
                while (out.isReady()) {
                    if (written) {
                        completeQuietly(async);
                        return;
                    }
                    written = true;
                    out.write(body);
                }
            }

            @Override
            public void onError(Throwable failure) {
                LOG.log(Level.DEBUG, () -> "response not sent: " + failure);
                completeQuietly(async);
            }
        };
    }

    static void completeQuietly(AsyncContext async) {
        try {
            async.complete();
        } catch (IllegalStateException ignored) {
            // already completed by the container
        } catch (RejectedExecutionException stopped) {
            LOG.log(Level.DEBUG, () -> "request not completed, the container is stopping: " + stopped);
        }
    }
}
