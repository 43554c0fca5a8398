package io.socketee.bench.upgrade;

import io.socketee.engineio.EngineIoServer;
import io.socketee.engineio.servlet.EngineIoServlet;
import io.socketee.engineio.spi.HttpRequestView;
import io.socketee.engineio.spi.UpgradeDecision;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumSet;

/**
 * Takes the WebSocket handshakes of one Engine.IO path before the library's servlet sees them, and upgrades them with
 * the Servlet API ({@code HttpServletRequest.upgrade}) to an {@link UpgradedWebSocket} instead of the library's
 * JSR-356 endpoint; every other request (polling) goes on to the library's servlet as before. Engine.IO decides as
 * for any upgrade ({@link EngineIoServer#checkUpgrade}: a refusal is its JSON error); then the RFC 6455 handshake
 * (section 4.2): a GET with version 13 and a 16-byte key, answered 101 with {@code Sec-WebSocket-Accept}; no
 * extension or subprotocol is accepted. Stateless after registration; any request thread.
 */
public final class UpgradeFilter implements Filter {
    private static final System.Logger LOG = System.getLogger(UpgradeFilter.class.getName());
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final EngineIoServer server;

    private UpgradeFilter(EngineIoServer server) {
        this.server = server;
    }

    /**
     * Puts the filter in front of {@code path}{@code /*} (the Engine.IO path, e.g. {@code /socket.io}), where the
     * library's servlet is registered; call from a {@code ServletContainerInitializer}.
     */
    public static void register(ServletContext context, EngineIoServer server, String path) {
        FilterRegistration.Dynamic registration = context.addFilter("socketee-upgrade" + path,
                new UpgradeFilter(server));
        registration.setAsyncSupported(true);   // polling requests pass through and go asynchronous
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, path + "/*");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer
                && "websocket".equalsIgnoreCase(http.getHeader("Upgrade"))) {
            upgrade(http, answer);
            return;
        }
        chain.doFilter(request, response);
    }

    private void upgrade(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            // a handshake has no body; reading one would hold this thread for as long as the client takes
            response.setHeader("Connection", "close");
            plain(response, HttpServletResponse.SC_BAD_REQUEST, "A WebSocket handshake has no body");
            return;
        }
        HttpRequestView view = EngineIoServlet.requestView(request);
        UpgradeDecision decision = server.checkUpgrade(view);
        if (decision instanceof UpgradeDecision.Refuse refuse) {
            response.setStatus(refuse.status());
            refuse.headers().forEach(response::setHeader);
            response.setContentLength(refuse.body().length);
            response.getOutputStream().write(refuse.body());
            return;
        }
        UpgradeDecision.Accept accept = (UpgradeDecision.Accept) decision;
        if (!"13".equals(request.getHeader("Sec-WebSocket-Version"))) {
            response.setHeader("Sec-WebSocket-Version", "13");     // section 4.4: say which version we speak
            plain(response, 426, "Sec-WebSocket-Version 13 is the one supported");
            return;
        }
        String key = request.getHeader("Sec-WebSocket-Key");
        if (!"GET".equals(request.getMethod()) || !validKey(key)) {
            plain(response, HttpServletResponse.SC_BAD_REQUEST, "Missing or invalid Sec-WebSocket-Key");
            return;
        }
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "Upgrade");
        response.setHeader("Sec-WebSocket-Accept", acceptValue(key.strip()));
        accept.headers().forEach(response::setHeader);
        UpgradedWebSocket connection;
        try {
            connection = request.upgrade(UpgradedWebSocket.class);
        } catch (ServletException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, request.getServletContext().getServerInfo()
                    + " refused HttpServletRequest.upgrade", e);
            if (!response.isCommitted()) {
                response.reset();
                response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            }
            return;
        }
        connection.attach(server, accept.request());
    }

    private static boolean validKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.strip()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Section 4.2.2: base64 of the SHA-1 of the key and the protocol's GUID. */
    static String acceptValue(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-1 in this JDK", e);
        }
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
