package io.socketee.bench.upgrade;

import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.engineio.spi.HttpRequestView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A WebSocket handshake request as Engine.IO reads it: the bench's own, as the library's view is package-private.
 * Query parameters come from the query string only. Unlike the library's it looks up no security roles (the bench
 * has none). Used on the request's thread only.
 */
final class UpgradeRequestView implements HttpRequestView {
    private final HttpServletRequest request;
    private Map<String, String> query;
    private EngineIoRequest snapshot;

    UpgradeRequestView(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public Optional<String> query(String name) {
        return Optional.ofNullable(query().get(name));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeader(name));
    }

    @Override
    public EngineIoRequest snapshot() {
        if (snapshot == null) {
            Map<String, List<String>> headers = new HashMap<>();
            for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
                String name = names.nextElement().toLowerCase(Locale.ROOT);
                headers.putIfAbsent(name, List.copyOf(Collections.list(request.getHeaders(name))));
            }
            Map<String, Object> attributes = new HashMap<>();
            Principal principal = request.getUserPrincipal();
            if (principal != null) {
                attributes.put(EngineIoRequest.PRINCIPAL, principal);
            }
            HttpSession session = request.getSession(false);
            if (session != null) {
                attributes.put(EngineIoRequest.HTTP_SESSION, session);
            }
            String queryString = request.getQueryString();
            String url = request.getRequestURI() + (queryString == null ? "" : "?" + queryString);
            snapshot = new EngineIoRequest(request.getMethod(), url, query(), headers, request.getRemoteAddr(),
                    request.isSecure(), attributes);
        }
        return snapshot;
    }

    private Map<String, String> query() {
        if (query == null) {
            query = new HashMap<>();
            String queryString = request.getQueryString();
            if (queryString != null) {
                for (String pair : queryString.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                    query.putIfAbsent(name, value);
                }
            }
        }
        return query;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;   // a bad escape: kept as sent, Engine.IO refuses what it does not know
        }
    }
}
