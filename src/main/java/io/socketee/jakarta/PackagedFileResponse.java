package io.socketee.jakarta;

import io.socketee.engineio.servlet.AsyncWrite;
import io.socketee.engineio.servlet.RequestBodies;
import io.socketee.socketio.internal.PackagedFile;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * How the servlets of the packaged npm files ({@link ClientBundleServlet}, {@link AdminUiServlet}) answer: a GET with a
 * body refused unread, the file gzip-encoded when the client accepts it, written with non-blocking I/O.
 */
final class PackagedFileResponse {
    private PackagedFileResponse() {
    }

    /**
     * Refuses (400, connection closed) a request that declares a body: not read, nor left for Tomcat to read on this
     * thread for as long as the client takes to send it. True when it did.
     */
    static boolean refusedForItsBody(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!RequestBodies.declared(request)) {
            return false;
        }
        RequestBodies.refuseUnread(request, response, HttpServletResponse.SC_BAD_REQUEST, "text/plain", new byte[0]);
        return true;
    }

    /** Writes {@code file} (its caching headers already set), gzip-encoded when the request accepts it. */
    static void write(HttpServletRequest request, HttpServletResponse response, PackagedFile file) throws IOException {
        boolean gzip = acceptsGzip(request.getHeader("Accept-Encoding"));
        byte[] body = gzip ? file.gzipped() : file.bytes();
        response.setHeader("Vary", "Accept-Encoding");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType(file.contentType());
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        if (request.getMethod().equals("HEAD")) {
            return;
        }
        AsyncWrite.bodyThenComplete(request.startAsync(), response.getOutputStream(), body);
    }

    /** Whether {@code Accept-Encoding} lists gzip (or {@code *}) without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] params = part.split(";");
            String coding = params[0].strip();
            if (!coding.equals("gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < params.length; i++) {
                String param = params[i].strip();
                if (param.startsWith("q=") && param.substring(2).strip().matches("0(\\.0{0,3})?")) {
                    refused = true;
                }
            }
            return !refused;
        }
        return false;
    }
}
