package io.socketee.engineio.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Request bodies that the servlet binding answers without reading to their end (a request refused early, a POST
 * dropped when its session closed, one the container timed out). A container that reads the rest of such a body
 * itself, to serve the next request on the connection, ties up one of its threads for as long as the client takes:
 * Tomcat 11 reads it on a worker thread with blocking reads once the response is complete, so a client that declares
 * a large body and sends it a byte a second holds that thread, and a few hundred such clients hold them all. So a
 * response to a request whose declared body was not read carries {@code Connection: close}, and the request is
 * completed asynchronously: Tomcat then closes the connection instead of reading the rest. (A request that Tomcat
 * completes on return from {@code service} has its body read whatever the status and headers; Jetty 12 closes such
 * connections by itself.)
 *
 * <p>Threading: stateless; {@link #refuseUnread} from the request's thread, the others from any thread.
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    /** Whether the request announces a body: a {@code Content-Length} above 0, or a {@code Transfer-Encoding}. */
    public static boolean declared(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /**
     * Answers {@code status} with {@code body} (of {@code contentType}) without reading the body the request declared:
     * the request goes asynchronous, the connection is closed after the response, and the body is written without
     * blocking. For requests that must not have a body (a WebSocket handshake, a GET for a file).
     */
    public static void refuseUnread(HttpServletRequest request, HttpServletResponse response, int status,
                                    String contentType, byte[] body) throws IOException {
        AsyncContext async = request.isAsyncStarted() ? request.getAsyncContext() : request.startAsync();
        response.setStatus(status);
        closeConnection(response);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        if (body.length == 0) {
            AsyncWrite.completeQuietly(async);
        } else {
            AsyncWrite.bodyThenComplete(async, response.getOutputStream(), body);
        }
    }

    /** Asks the container to close the connection after this response rather than read what is left of the body. */
    static void closeConnection(HttpServletResponse response) {
        response.setHeader("Connection", "close");
    }
}
