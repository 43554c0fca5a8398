package io.socketee.engineio;

import io.socketee.engineio.spi.EngineIoRequest;
import io.socketee.engineio.spi.HttpRequestView;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Cross-site WebSocket hijacking (and its polling twin), closed by default where it matters: a handshake that carries
 * the user's credentials (a container login or an {@code HttpSession}, which the browser sends with its cookies) from a
 * page of another site. When {@link EngineIoConfig#allowedOrigins()} is empty, such a handshake is refused unless its
 * {@code Origin} names the host (and port) the request was sent to: its {@code Host} header, or the
 * {@code X-Forwarded-Host} a proxy in front sets (a page cannot add that header to a WebSocket handshake, nor to a
 * cross-origin request without a CORS preflight the server would refuse); the scheme is not compared, so that a
 * TLS-terminating proxy in front changes nothing. When the list is set, it alone decides, for
 * every request. Requests without {@code Origin} (clients that are not browsers) and without credentials pass: Node
 * has no such default, and anonymous connections behave as there. Stateless; any thread.
 */
final class CrossSiteCheck {
    private CrossSiteCheck() {
    }

    /** Whether this handshake is a credentialed request from a foreign origin that no list allows. */
    static boolean refuses(EngineIoConfig config, HttpRequestView request) {
        if (!config.allowedOrigins().isEmpty()) {
            return false;
        }
        Optional<String> origin = request.header("Origin");
        if (origin.isEmpty()) {
            return false;
        }
        EngineIoRequest snapshot = request.snapshot();
        if (snapshot.attribute(EngineIoRequest.PRINCIPAL).isEmpty()
                && snapshot.attribute(EngineIoRequest.HTTP_SESSION).isEmpty()) {
            return false;
        }
        String forwarded = request.header("X-Forwarded-Host").map(h -> h.split(",")[0].strip()).orElse(null);
        return !sameHost(origin.get(), request.header("Host").orElse(null))
                && (forwarded == null || !sameHost(origin.get(), forwarded));
    }

    /** Whether an {@code Origin} ({@code scheme://host[:port]}) names the host and port of a {@code Host} header. */
    static boolean sameHost(String origin, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            return false;   // "null" (sandboxed pages, files) and garbage are foreign
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https")
                && port == 443);
        String fromOrigin = uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        return fromOrigin.equals(withoutDefaultPort(host.strip().toLowerCase(Locale.ROOT)));
    }

    private static String withoutDefaultPort(String host) {
        if (host.endsWith(":80")) {
            return host.substring(0, host.length() - 3);
        }
        if (host.endsWith(":443")) {
            return host.substring(0, host.length() - 4);
        }
        return host;
    }
}
