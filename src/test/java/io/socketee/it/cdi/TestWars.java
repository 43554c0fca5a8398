package io.socketee.it.cdi;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the test WARs (ShrinkWrap) as a user would package them: the library jar, Weld and its dependencies in
 * {@code WEB-INF/lib} (copied there by the build, see {@code cdi-webapp-lib} in the POM), one test package in
 * {@code WEB-INF/classes}, a {@code beans.xml}, and optionally a {@code web.xml}. Nothing else is needed to serve
 * Socket.IO; what a container's configuration of the context would add (context parameters, on Tomcat the realm) comes
 * with each container's own descriptor in the WAR, which the other container ignores: {@code META-INF/context.xml}
 * (Tomcat) and {@code WEB-INF/jetty-web.xml} (Jetty).
 */
final class TestWars {
    /** The user of {@code socketee.properties} (Jetty) and {@code tomcat-users.xml} (Tomcat), role "user". */
    static final String USER = "alice";
    static final String PASSWORD = "secret";
    /** A user in the roles "user" and "admin". */
    static final String ADMIN = "carol";
    static final String ADMIN_PASSWORD = "hunter2";

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

    /** The jars of {@code cdi-webapp-lib} that only the WARs with Jakarta Validation get. */
    static final String VALIDATION_JARS = "(hibernate-validator|jakarta\\.validation-api|classmate|expressly).*\\.jar";

    private TestWars() {
    }

    /**
     * A test WAR.
     *
     * @param name    its file name, {@code NAME.war}: the context path {@code /NAME}
     * @param classes the package to put in WEB-INF/classes
     * @param webXml  the deployment descriptor, or null for none
     * @param params  context parameters set by the container's configuration of the context (Tomcat's
     *                {@code <Parameter>}, Jetty's context XML), besides those of the web.xml
     */
    static WebArchive build(String name, Package classes, String webXml, Map<String, String> params) {
        return build(name, classes, webXml, params, false);
    }

    /**
     * A test WAR, with Jakarta Validation ({@link #VALIDATION_JARS}: Hibernate Validator, its API and Expressly) in
     * {@code WEB-INF/lib} or without it: the WARs without show that the extension needs none.
     */
    static WebArchive build(String name, Package classes, String webXml, Map<String, String> params,
                            boolean validation) {
        return build(name, classes, webXml, params, jar -> validation || !jar.matches(VALIDATION_JARS));
    }

    /** A test WAR with the jars of {@code cdi-webapp-lib} whose file names {@code libs} accepts. */
    static WebArchive build(String name, Package classes, String webXml, Map<String, String> params,
                            java.util.function.Predicate<String> libs) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(classes)
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsLibrary(new File(property("socketee.jar")), "socketee.jar")
                .addAsLibraries(Arrays.stream(new File(property("socketee.cdi.lib")).listFiles())
                        .filter(f -> libs.test(f.getName()))
                        .sorted().toArray(File[]::new))
                .addAsManifestResource(new StringAsset(tomcatContextXml(params)), "context.xml");
        if (webXml != null) {
            war.setWebXML(new StringAsset(webXml));
        }
        if (!params.isEmpty()) {
            war.addAsWebInfResource(new StringAsset(jettyWebXml(params)), "jetty-web.xml");
        }
        return war;
    }

    /**
     * A WAR without CDI: the library jar and its JSON-P / JSON-B implementations in {@code WEB-INF/lib} (Weld and
     * the CDI API left out), one test package in {@code WEB-INF/classes}, and the deployment descriptor.
     */
    static WebArchive withoutCdi(String name, Package classes, String webXml) {
        File[] json = Arrays.stream(new File(property("socketee.cdi.lib")).listFiles())
                .filter(f -> f.getName().matches("(jakarta\\.json|parsson|yasson).*\\.jar"))
                .sorted().toArray(File[]::new);
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(classes)
                .addAsLibrary(new File(property("socketee.jar")), "socketee.jar")
                .addAsLibraries(json)
                .setWebXML(new StringAsset(webXml));
    }

    /** Tomcat: scan only the WAR (the test JVM's classpath is not a container's lib/), the users, the parameters. */
    private static String tomcatContextXml(Map<String, String> params) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Context>
                  <JarScanner scanClassPath="false" scanManifest="false"/>
                """);
        xml.append("  <Realm className=\"org.apache.catalina.realm.MemoryRealm\" pathname=\"")
                .append(escape(resource("tomcat-users.xml"))).append("\"/>\n");
        params.forEach((name, value) -> xml.append("  <Parameter name=\"").append(escape(name)).append("\" value=\"")
                .append(escape(value)).append("\"/>\n"));
        return xml.append("</Context>\n").toString();
    }

    /** Jetty: the parameters, as a context XML would set them. */
    private static String jettyWebXml(Map<String, String> params) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
                <Configure class="org.eclipse.jetty.ee10.webapp.WebAppContext">
                """);
        params.forEach((name, value) -> xml.append("  <Call name=\"setInitParameter\"><Arg>").append(escape(name))
                .append("</Arg><Arg>").append(escape(value)).append("</Arg></Call>\n"));
        return xml.append("</Configure>\n").toString();
    }

    private static String resource(String name) {
        try {
            return Path.of(TestWars.class.getResource(name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set (run through mvn verify)");
        }
        return value;
    }
}
