package io.socketee.example.chat;

import io.socketee.socketio.SocketIoServer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /announce} with a text body sends it to every connected user as an {@code announcement} (across the
 * Redis cluster when there is one): an ordinary servlet broadcasting through the injected server. Accepted from the
 * machine itself only ({@code curl -d 'back in 5 minutes' http://127.0.0.1:8080/announce}); put it behind your
 * container's security for anything else.
 */
@WebServlet("/announce")
public class AnnounceServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_CHARS = 2000;

    @Inject
    transient SocketIoServer io;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "announcements are taken from this machine only");
            return;
        }
        request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String text = read(request.getReader()).strip();
        if (text.isEmpty()) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "empty announcement");
            return;
        }
        io.emit("announcement", new Announcement(text, System.currentTimeMillis()));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** At most {@value #MAX_CHARS} characters; the rest is not read. */
    private static String read(Reader reader) throws IOException {
        char[] buffer = new char[MAX_CHARS];
        int length = 0;
        for (int n; length < MAX_CHARS && (n = reader.read(buffer, length, MAX_CHARS - length)) >= 0; ) {
            length += n;
        }
        return new String(buffer, 0, length);
    }
}
