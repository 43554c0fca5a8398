package io.socketee.engineio.servlet;

import io.socketee.engineio.spi.PollingExchange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * A long-polling request on an async servlet: non-blocking body reads ({@link BodyReader}), non-blocking response
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
            in.setReadListener(new BodyReader(in, request.getContentLengthLong(), maxBytes, handler));
        } catch (IOException | IllegalStateException e) {
            handler.onError(e);
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
