package io.socketee.it.cdi.app;

import io.socketee.socketio.Namespace;
import io.socketee.socketio.SocketIoServer;
import io.socketee.socketio.cdi.NamespaceName;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Broadcasts from outside any socket, through the injected server and namespace. */
@WebServlet("/broadcast")
public class BroadcastServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient SocketIoServer io;

    @Inject
    @NamespaceName("/other")
    transient Namespace other;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String text = request.getParameter("text");
        if ("/other".equals(request.getParameter("nsp"))) {
            other.emit("news", text);
        } else {
            io.to(request.getParameter("room")).emit("news", text);
        }
        response.setContentType("text/plain");
        response.getWriter().print("sent");
    }
}
