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
 *
 * <p>A response sent before the request's declared body was read to its end closes the connection, so that the
 * container does not read the rest on one of its threads ({@link RequestBodies}); so does the container's timeout of
 * such a request, answered 408.
 */
final class ServletPollingExchange extends ServletRequestView implements PollingExchange, AsyncListener {
    private static final System.Logger LOG = System.getLogger(ServletPollingExchange.class.getName());

    private final HttpServletResponse response;
    private final AsyncContext async;
    private final boolean declaresBody;
    // guarded by this
    private boolean finished;
    private boolean aborted;
    private Runnable abortCallback;
    /** The reader of the body and the handler it reports to, once {@link #readBody} was called. */
    private BodyReader reader;
    private BodyHandler bodyHandler;
    /** Whether the body handler was told the outcome (or is being told). */
    private boolean bodyOutcome;
    /** Whether the body was read to its end. */
    private boolean bodyRead;

    ServletPollingExchange(HttpServletRequest request, HttpServletResponse response, AsyncContext async) {
        super(request);
        this.response = response;
        this.async = async;
        this.declaresBody = RequestBodies.declared(request);
        async.addListener(this);
    }

    @Override
    public void readBody(int maxBytes, BodyHandler handler) {
        try {
            ServletInputStream in = request.getInputStream();
            BodyReader r = new BodyReader(in, request.getContentLengthLong(), maxBytes, new BodyHandler() {
                @Override
                public void onBody(byte[] body) {
                    if (takeBodyOutcome(true)) {
                        handler.onBody(body);
                    }
                }

                @Override
                public void onTooLarge() {
                    if (takeBodyOutcome(false)) {
                        handler.onTooLarge();
                    }
                }

                @Override
                public void onError(Throwable error) {
                    if (takeBodyOutcome(false)) {
                        handler.onError(error);
                    }
                }
            });
            synchronized (this) {
                if (finished) {
                    return; // answered already (the session closed meanwhile): nothing to read for
                }
                reader = r;
                bodyHandler = handler;
            }
            in.setReadListener(r);
        } catch (IOException | IllegalStateException e) {
            if (takeBodyOutcome(false)) {
                handler.onError(e);
            }
        }
    }

    /** Whether the reader's outcome goes to the handler: not once the exchange is finished, and only once. */
    private synchronized boolean takeBodyOutcome(boolean complete) {
        if (finished || bodyOutcome) {
            return false;
        }
        bodyOutcome = true;
        bodyRead = complete;
        return true;
    }

    @Override
    public void respond(int status, Map<String, String> headers, byte[] body) {
        boolean unread;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            unread = unreadLocked();
        }
        try {
            response.setStatus(status);
            headers.forEach(response::setHeader);
            if (unread) {
                RequestBodies.closeConnection(response);
            }
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

    /** Whether the request declared a body that was not read to its end; stops the reader if so. */
    private boolean unreadLocked() {
        boolean unread = declaresBody && !bodyRead;
        if (unread && reader != null) {
            reader.abandon();
        }
        return unread;
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

    /** The container ended the request (timed out, failed, completed) before a response: tell whoever waits. */
    private void abort(boolean timedOut) {
        Runnable callback;
        BodyHandler toTell;
        boolean unread;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            aborted = true;
            callback = abortCallback;
            unread = unreadLocked();
            toTell = bodyOutcome ? null : bodyHandler;
            bodyOutcome = true;
        }
        if (toTell != null) {
            toTell.onError(new IOException(timedOut ? "the request timed out" : "the request ended"));
        }
        if (callback != null) {
            callback.run();
        }
        if (unread && timedOut) {
            LOG.log(Level.INFO, () -> "engine.io: " + request.getMethod() + " from " + request.getRemoteAddr()
                    + ": its body (" + declaredLength() + ") had not arrived after " + async.getTimeout()
                    + " ms; answered 408, connection closed");
            try {
                if (!response.isCommitted()) {
                    response.setStatus(HttpServletResponse.SC_REQUEST_TIMEOUT);
                    RequestBodies.closeConnection(response);
                }
            } catch (IllegalStateException e) {
                // the container has let go of the response already
            }
        }
        completeQuietly();
    }

    private String declaredLength() {
        long length = request.getContentLengthLong();
        return length >= 0 ? length + " bytes declared" : "chunked";
    }

    @Override
    public void onComplete(AsyncEvent event) {
        abort(false);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        abort(true);
    }

    @Override
    public void onError(AsyncEvent event) {
        abort(false);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
