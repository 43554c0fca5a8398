package io.socketee.it.cdi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds exploded test WARs as a user would package them: the library jar, Weld and its dependencies in
 * {@code WEB-INF/lib} (copied there by the build, see {@code cdi-webapp-lib} in the POM), chosen test packages in
 * {@code WEB-INF/classes}, a {@code beans.xml}, and optionally a {@code web.xml}. Nothing else: no web.xml needed to
 * serve Socket.IO.
 */
final class TestWars {
    /** bean-discovery-mode "annotated", the meaning of an empty beans.xml since CDI 4. */
    static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
            """;

    /** BASIC authentication on everything, role "user", realm "socketee"; socket.io 2.x clients allowed. */
    static final String SECURE_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <context-param>
                <param-name>socketio.allowEIO3</param-name>
                <param-value>true</param-value>
              </context-param>
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>all</web-resource-name>
                  <url-pattern>/*</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>user</role-name></auth-constraint>
              </security-constraint>
              <login-config>
                <auth-method>BASIC</auth-method>
                <realm-name>socketee</realm-name>
              </login-config>
              <security-role><role-name>user</role-name></security-role>
            </web-app>
            """;

    private TestWars() {
    }

    /**
     * An exploded WAR under the build's work directory.
     *
     * @param name     its directory name
     * @param packages test packages to put in WEB-INF/classes, as {@code io/socketee/it/cdi/app}
     * @param webXml   the deployment descriptor, or null for none
     */
    static Path build(String name, List<String> packages, String webXml) {
        try {
            Path war = Path.of(property("socketee.cdi.work")).resolve(name);
            deleteTree(war);
            Path webInf = Files.createDirectories(war.resolve("WEB-INF"));
            Path classes = Path.of(property("socketee.test.classes"));
            for (String pkg : packages) {
                Path from = classes.resolve(pkg);
                Path to = webInf.resolve("classes").resolve(pkg);
                Files.createDirectories(to);
                try (Stream<Path> files = Files.list(from)) {
                    for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                        Files.copy(file, to.resolve(file.getFileName()));
                    }
                }
            }
            Files.writeString(webInf.resolve("beans.xml"), BEANS_XML);
            if (webXml != null) {
                Files.writeString(webInf.resolve("web.xml"), webXml);
            }
            Path lib = Files.createDirectories(webInf.resolve("lib"));
            Path jar = Path.of(property("socketee.jar"));
            Files.copy(jar, lib.resolve("socketee.jar"), StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> jars = Files.list(Path.of(property("socketee.cdi.lib")))) {
                for (Path dependency : (Iterable<Path>) jars::iterator) {
                    Files.copy(dependency, lib.resolve(dependency.getFileName()));
                }
            }
            return war;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set (run through mvn verify)");
        }
        return value;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(p);
            }
        }
    }
}
