package io.socketee.engineio.servlet;

import io.socketee.engineio.EngineIoRequest;
import io.socketee.engineio.spi.HttpRequestView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A servlet request seen through {@link HttpRequestView}. Query parameters come from the query string only:
 * {@code getParameter} would read a form-encoded (JSONP) POST body, blocking.
 */
class ServletRequestView implements HttpRequestView {
    protected final HttpServletRequest request;
    private Map<String, String> query;

    ServletRequestView(HttpServletRequest request) {
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
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(Collections.list(request.getHeaders(name)));
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
        return new EngineIoRequest(request.getMethod(), url, query(), headers, request.getRemoteAddr(),
                request.isSecure(), attributes);
    }

    private Map<String, String> query() {
        if (query == null) {
            query = parseQuery(request.getQueryString());
        }
        return query;
    }

    static Map<String, String> parseQuery(String queryString) {
        Map<String, String> result = new HashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return result;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                result.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // a malformed escape: skip the parameter, the request will fail verification if it mattered
            }
        }
        return result;
    }
}
