package io.socketee.engineio.servlet;

import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.engineio.spi.HttpRequestView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A servlet request seen through {@link HttpRequestView}. Query parameters come from the query string only:
 * {@code getParameter} would read a form-encoded (JSONP) POST body, blocking.
 */
class ServletRequestView implements HttpRequestView {
    private static final Map<String, String> COMMON_HEADERS = commonHeaders("Host", "Connection", "Upgrade", "Origin",
            "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Cache-Control", "Pragma", "Cookie",
            "Referer", "Content-Type", "Content-Length", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
            "Sec-WebSocket-Extensions", "Sec-WebSocket-Protocol", "Sec-Fetch-Dest", "Sec-Fetch-Mode",
            "Sec-Fetch-Site", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host");
    /** Query names and values of every Engine.IO request, kept by every session: shared instead of copied. */
    private static final List<String> COMMON_QUERY = List.of("EIO", "transport", "sid", "b64", "j", "t", "3", "4",
            "websocket", "polling");
    protected final HttpServletRequest request;
    private Map<String, String> query;
    private EngineIoRequest snapshot;

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

    /** Taken once per request (a handshake asks for it to check it, then to keep it). */
    @Override
    public EngineIoRequest snapshot() {
        if (snapshot == null) {
            snapshot = takeSnapshot();
        }
        return snapshot;
    }

    /** Kept by every session for its lifetime: shared strings and one-element lists where they do. */
    private EngineIoRequest takeSnapshot() {
        Map<String, List<String>> headers = new HashMap<>();
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = lowerCase(names.nextElement());
            if (!headers.containsKey(name)) { // getHeaders ignores case: it gave every value of the name already
                headers.put(name, List.copyOf(Collections.list(request.getHeaders(name))));
            }
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
        if (principal != null) {
            Set<String> roles = roles();
            if (!roles.isEmpty()) {
                attributes.put(EngineIoRequest.ROLES, roles);
            }
        }
        String queryString = request.getQueryString();
        String url = request.getRequestURI() + (queryString == null ? "" : "?" + queryString);
        return new EngineIoRequest(request.getMethod(), url, query(), headers, request.getRemoteAddr(),
                request.isSecure(), attributes);
    }

    /**
     * The roles of {@link EngineIoServlet#ROLES_ATTRIBUTE} the container says the user is in: asked now, as
     * {@code isUserInRole} can only be asked while the request lives.
     */
    private Set<String> roles() {
        Object wanted = request.getServletContext().getAttribute(EngineIoServlet.ROLES_ATTRIBUTE);
        if (!(wanted instanceof Collection<?> names) || names.isEmpty()) {
            return Set.of();
        }
        Set<String> roles = new HashSet<>();
        for (Object name : names) {
            if (name instanceof String role && request.isUserInRole(role)) {
                roles.add(role);
            }
        }
        return Set.copyOf(roles);
    }

    /** A header name in lower case; the names every request has come from constants instead of a new string. */
    private static String lowerCase(String name) {
        String known = COMMON_HEADERS.get(name);
        return known != null ? known : name.toLowerCase(Locale.ROOT);
    }

    private Map<String, String> query() {
        if (query == null) {
            query = parseQuery(request.getQueryString());
        }
        return query;
    }

    private static Map<String, String> commonHeaders(String... names) {
        Map<String, String> map = new HashMap<>();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            map.put(name, lower);
            map.put(lower, lower);
        }
        return Map.copyOf(map);
    }

    /**
     * Parses a query string as form-urlencoded, the first value of a name winning; a parameter with a malformed escape
     * is skipped. Runs for every polling request: parts without escapes are not decoded, and the names and values of
     * every Engine.IO request come from constants.
     */
    static Map<String, String> parseQuery(String queryString) {
        Map<String, String> result = new HashMap<>(8);
        if (queryString == null) {
            return result;
        }
        int length = queryString.length();
        for (int start = 0; start < length; ) {
            int end = queryString.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int eq = queryString.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    eq = end;
                }
                try {
                    String name = decode(queryString, start, eq);
                    String value = eq < end ? decode(queryString, eq + 1, end) : "";
                    result.putIfAbsent(name, value);
                } catch (IllegalArgumentException e) {
                    // a malformed escape: skip the parameter, the request will fail verification if it mattered
                }
            }
            start = end + 1;
        }
        return result;
    }

    private static String decode(String s, int from, int to) {
        for (String common : COMMON_QUERY) {
            if (common.length() == to - from && s.startsWith(common, from)) {
                return common;
            }
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+') {
                return URLDecoder.decode(s.substring(from, to), StandardCharsets.UTF_8);
            }
        }
        return s.substring(from, to);
    }
}
