package io.socketee.socketio.admin;

import static io.socketee.socketio.internal.JsonProviders.PROVIDER;

import io.socketee.socketio.internal.PackagedFile;
import io.socketee.socketio.internal.PackagedFileSet;
import io.socketee.socketio.internal.PackagedResources;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Admin UI's dashboard ({@code @socket.io/admin-ui}'s {@code ui/dist} from npm, without source maps) and the
 * Material Design icon font its page loads, packaged into the library jar at build time, as the client bundle is.
 * Knows nothing of HTTP servers: the servlet glue asks {@link #file} and {@link #index} and writes what they say.
 *
 * <p>The page is served changed in two ways: its links to Google Fonts and to the icon font on a CDN are replaced by
 * the packaged icon font (the page uses the browser's sans-serif font instead of Roboto), so that it needs no internet
 * access; and a script before the dashboard's own stores this server in the dashboard's settings (its
 * {@code localStorage} keys {@code server_url}, {@code path}, {@code namespace}), so that it connects to the server
 * that served it. Thread-safe; files are read from the jar once, on first use.
 */
public final class AdminUiFiles extends PackagedFileSet {
    private static final String RESOURCES = "ui/";
    private static final String WHAT = "@socket.io/admin-ui";
    /** The files the dashboard asks for; one path segment per level, none starting with a dot. */
    private static final Pattern NAMES = Pattern.compile(
            "favicon\\.png|(css|js|img)/[A-Za-z0-9_-][A-Za-z0-9._-]*|mdi/(css|fonts)/[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Pattern EXTERNAL_STYLESHEET = Pattern.compile("<link rel=\"?stylesheet\"? href=\"?https://[^>]*>");
    private static final AdminUiFiles PACKAGED = load();

    private AdminUiFiles(String version) {
        super(version, "\"admin-ui-" + version + '"'); // every file but the page, which index makes per server
    }

    /** The dashboard packaged in this jar; empty when the jar was built without it ({@code -DskipClientBundle}). */
    public static Optional<AdminUiFiles> packaged() {
        return Optional.ofNullable(PACKAGED);
    }

    /**
     * The file at {@code name}, relative to the dashboard's path ({@code js/app.0d7d7845.js}); empty for a name the
     * dashboard does not use or a file that is not there. The page itself is {@link #index}.
     */
    public Optional<PackagedFile> file(String name) {
        if (name == null || !NAMES.matcher(name).matches()) {
            return Optional.empty();
        }
        return cached(name, n -> {
            byte[] bytes = resource(n);
            return bytes == null ? null : PackagedFile.of(contentType(n), bytes);
        });
    }

    /**
     * The dashboard's page, set up to connect to the Socket.IO server at {@code socketIoPath} (the path clients use,
     * context path included, e.g. {@code /chat/socket.io}) on the page's own origin, to the admin namespace
     * {@code namespace}.
     */
    public PackagedFile index(String socketIoPath, String namespace) {
        byte[] page = resource("index.html");
        if (page == null) {
            throw new IllegalStateException("the packaged Admin UI has no index.html");
        }
        String html = new String(page, StandardCharsets.UTF_8);
        html = EXTERNAL_STYLESHEET.matcher(html).replaceAll("");
        JsonObject settings = PROVIDER.createObjectBuilder().add("path", socketIoPath).add("namespace", namespace)
                .build();
        String settingsJson = settings.toString().replace("<", "\\u003c").replace(">", "\\u003e")
                .replace("&", "\\u0026");
        String head = "<link rel=\"stylesheet\" href=\"mdi/css/materialdesignicons.min.css\">"
                + "<script>(function(s){try{localStorage.setItem(\"server_url\",location.origin);"
                + "localStorage.setItem(\"path\",s.path);localStorage.setItem(\"namespace\",s.namespace);}"
                + "catch(e){}})(" + settingsJson + ");</script>";
        int at = html.indexOf("</head>");
        if (at < 0) {
            throw new IllegalStateException("the packaged Admin UI's index.html has no </head>");
        }
        html = html.substring(0, at) + head + html.substring(at);
        return PackagedFile.of("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "js" -> "application/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "woff2" -> "font/woff2";
            case "html" -> "text/html; charset=utf-8";
            default -> "application/octet-stream";
        };
    }

    private static AdminUiFiles load() {
        return PackagedResources.version(resource("package.json"), WHAT).map(AdminUiFiles::new).orElse(null);
    }

    private static byte[] resource(String name) {
        return PackagedResources.read(AdminUiFiles.class, RESOURCES + name, WHAT);
    }
}
