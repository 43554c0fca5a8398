package io.socketee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layers apart, by reading the sources under {@code src/main/java}:
 *
 * <ul>
 *   <li>the Engine.IO core ({@code io.socketee.engineio}, {@code .protocol}, {@code .spi}) uses nothing from
 *       {@code jakarta.*};</li>
 *   <li>{@code io.socketee.socketio} with its subpackages except {@code io.socketee.socketio.cdi} uses nothing from
 *       {@code jakarta.*} but JSON-P and JSON-B (no servlet, no WebSocket, no CDI);</li>
 *   <li>nothing in {@code io.socketee.engineio} or below uses {@code io.socketee.socketio} or below.</li>
 * </ul>
 *
 * <p>A use is an import (plain, static or on demand) or a fully qualified name in code; comments and string literals
 * do not count. The package of a file is the one its {@code package} declaration names.
 */
class LayeringTest {
    private static final Set<String> JAKARTA_FREE_ENGINE_PACKAGES =
            Set.of("io.socketee.engineio", "io.socketee.engineio.protocol", "io.socketee.engineio.spi");

    /**
     * What the Socket.IO layer may use under {@code jakarta.}: JSON-P and JSON-B, which are JSON libraries, not
     * container APIs. The Engine.IO layer may use nothing under {@code jakarta.}.
     */
    private static final List<String> SOCKETIO_ALLOWED_JAKARTA = List.of("jakarta.json.");

    private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.\\s]+?)\\s*;");
    private static final Pattern JAKARTA = Pattern.compile(
            "(?<![\\w.$])jakarta\\s*\\.(?:\\s*[\\w$*]+(?:\\s*\\.\\s*[\\w$*]+)*)?");
    private static final Pattern SOCKETIO =
            Pattern.compile("(?<![\\w.$])io\\s*\\.\\s*socketee\\s*\\.\\s*socketio(?![\\w$])");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\b");

    @Test
    void mainSourcesRespectTheLayers() throws IOException {
        Path root = mainSources();
        List<String> violations = new ArrayList<>();
        int engineFiles = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            String name = root.relativize(file).toString().replace('\\', '/');
            if (packageOf(source, name).startsWith("io.socketee.engineio")) {
                engineFiles++;
            }
            violations.addAll(violations("src/main/java/" + name, source));
        }
        assertTrue(engineFiles > 0, "found no io.socketee.engineio sources under " + root.toAbsolutePath());
        if (!violations.isEmpty()) {
            fail(violations.size() + " layering violation(s):\n  " + String.join("\n  ", violations));
        }
    }

    // ------------------------------------------------------------------ the checker checks itself

    @Test
    void reportsJakartaImportInEnginePackageWithFileAndLine() {
        String source = "package io.socketee.engineio;\n\nimport java.util.List;\nimport jakarta.servlet.http.HttpServletRequest;\n";
        List<String> found = violations("src/main/java/io/socketee/engineio/Bad.java", source);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("src/main/java/io/socketee/engineio/Bad.java:4: "), found.get(0));
        assertTrue(found.get(0).contains("jakarta"), found.get(0));
    }

    @Test
    void reportsStaticAndOnDemandJakartaImportsAndQualifiedNames() {
        String source = String.join("\n",
                "package io.socketee.engineio.protocol;",
                "import static jakarta.servlet.http.HttpServletResponse.SC_OK;",
                "import jakarta.websocket.*;",
                "class X {",
                "    jakarta.servlet.ServletContext context;",
                "}");
        List<String> found = violations("X.java", source);
        assertEquals(3, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("X.java:2: "), found.get(0));
        assertTrue(found.get(1).startsWith("X.java:3: "), found.get(1));
        assertTrue(found.get(2).startsWith("X.java:5: "), found.get(2));
    }

    @Test
    void reportsJakartaInSocketIoAndItsSubpackagesButNotInCdi() {
        String source = "package %s;\nimport jakarta.inject.Inject;\n";
        assertEquals(1, violations("A.java", source.formatted("io.socketee.socketio")).size());
        assertEquals(1, violations("A.java", source.formatted("io.socketee.socketio.protocol")).size());
        assertEquals(1, violations("A.java", source.formatted("io.socketee.engineio.spi")).size());
        assertEquals(List.of(), violations("A.java", source.formatted("io.socketee.socketio.cdi")));
        assertEquals(List.of(), violations("A.java", source.formatted("io.socketee.socketio.cdi.internal")));
        assertEquals(List.of(), violations("A.java", source.formatted("io.socketee.engineio.servlet")));
        assertEquals(List.of(), violations("A.java", source.formatted("io.socketee.engineio.websocket")));
        assertEquals(List.of(), violations("A.java", source.formatted("io.socketee.socketiox")));
    }

    @Test
    void reportsSocketIoUseAnywhereUnderEngineIo() {
        String source = "package %s;\nimport io.socketee.socketio.SocketIoServer;\n";
        assertEquals(1, violations("A.java", source.formatted("io.socketee.engineio")).size());
        assertEquals(1, violations("A.java", source.formatted("io.socketee.engineio.servlet")).size());
        assertEquals(1, violations("A.java", source.formatted("io.socketee.engineio.websocket.impl")).size());
        assertEquals(List.of(), violations("A.java", source.formatted("io.socketee.socketio.cdi")));
        assertEquals(1, violations("A.java",
                "package io.socketee.engineio;\nimport static io.socketee.socketio.parser.Parser.encode;\n").size());
        assertEquals(1, violations("A.java",
                "package io.socketee.engineio;\nclass A { io.socketee.socketio.Namespace ns; }\n").size());
        assertEquals(List.of(), violations("A.java",
                "package io.socketee.engineio;\nimport io.socketee.socketiox.Other;\n"));
    }

    @Test
    void ignoresCommentsAndStringLiterals() {
        String source = String.join("\n",
                "package io.socketee.engineio;",
                "/** Works in {@link jakarta.servlet.Servlet} containers; see io.socketee.socketio.Foo. */",
                "// import jakarta.servlet.Servlet;",
                "class X {",
                "    /* import io.socketee.socketio.Foo; */ String a = \"jakarta.servlet\";",
                "    char c = '\"'; String b = \"\\\"jakarta.x\\\"\";",
                "    String block = \"\"\"",
                "        import jakarta.servlet.Servlet;",
                "        \"\"\";",
                "    String d = \"io.socketee.socketio.Foo\"; // jakarta.websocket",
                "    Object ok = java.util.List.of(); Object myjakarta = null;",
                "}");
        assertEquals(List.of(), violations("X.java", source));
    }

    @Test
    void keepsLineNumbersAcrossMultiLineCommentsAndTextBlocks() {
        String source = String.join("\n",
                "package io.socketee.engineio;",
                "/*",
                " * jakarta.servlet",
                " */",
                "class X {",
                "    String block = \"\"\"",
                "        jakarta.servlet",
                "        \"\"\";",
                "    jakarta.servlet.Servlet servlet;",
                "}");
        List<String> found = violations("X.java", source);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("X.java:9: "), found.get(0));
    }

    // ------------------------------------------------------------------ the checker

    /** The layering violations in one source file, each as {@code file:line: what}. */
    static List<String> violations(String file, String source) {
        String code = stripCommentsAndLiterals(source);
        String pkg = packageOf(code, file);
        boolean jakartaFree = JAKARTA_FREE_ENGINE_PACKAGES.contains(pkg)
                || (isInOrUnder(pkg, "io.socketee.socketio") && !isInOrUnder(pkg, "io.socketee.socketio.cdi"));
        boolean engine = isInOrUnder(pkg, "io.socketee.engineio");

        List<String> out = new ArrayList<>();
        String[] codeLines = code.split("\n", -1);
        String[] sourceLines = source.split("\n", -1);
        for (int i = 0; i < codeLines.length; i++) {
            String line = codeLines[i];
            String what = IMPORT.matcher(line).find() ? "imports" : "uses";
            if (jakartaFree && usesForbiddenJakarta(line, engine ? List.of() : SOCKETIO_ALLOWED_JAKARTA)) {
                out.add(file + ":" + (i + 1) + ": package " + pkg + " " + what + " jakarta.* (container-neutral"
                        + " packages must not): " + sourceLines[i].strip());
            }
            if (engine && SOCKETIO.matcher(line).find()) {
                out.add(file + ":" + (i + 1) + ": package " + pkg + " " + what + " io.socketee.socketio (Engine.IO"
                        + " must not depend on Socket.IO): " + sourceLines[i].strip());
            }
        }
        return out;
    }

    private static boolean usesForbiddenJakarta(String line, List<String> allowed) {
        Matcher m = JAKARTA.matcher(line);
        while (m.find()) {
            String name = m.group().replaceAll("\\s+", "");
            if (allowed.stream().noneMatch(name::startsWith)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isInOrUnder(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    /** The declared package, or one derived from the path when the file declares none. */
    private static String packageOf(String source, String file) {
        Matcher m = PACKAGE.matcher(stripCommentsAndLiterals(source));
        if (m.find()) {
            return m.group(1).replaceAll("\\s+", "");
        }
        int slash = file.lastIndexOf('/');
        String dir = slash < 0 ? "" : file.substring(0, slash);
        return dir.replaceFirst("^src/main/java/?", "").replace('/', '.');
    }

    /**
     * The source with comments, string and char literals and text blocks blanked out; line breaks stay, so line
     * numbers still match.
     */
    static String stripCommentsAndLiterals(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(source, i, end, out);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !source.startsWith("\"\"\"", end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                blank(source, i, end, out);
                out.append("\"\"");
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                out.append(c).append(c);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Appends the line breaks of {@code source[from, to)} only. */
    private static void blank(String source, int from, int to, StringBuilder out) {
        for (int j = from; j < to; j++) {
            if (source.charAt(j) == '\n') {
                out.append('\n');
            }
        }
    }

    private static Path mainSources() {
        String basedir = System.getProperty("basedir");
        Path root = (basedir != null ? Paths.get(basedir) : Paths.get("")).resolve("src/main/java");
        assertTrue(Files.isDirectory(root), "no source directory " + root.toAbsolutePath());
        return root;
    }
}
