package io.socketee.example.runtimes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * A stock Tomcat distribution ({@code org.apache.tomcat:tomcat}), the WAR (Weld inside) at {@code /app}; or the same
 * on Java 21+ with its connector's requests on virtual threads ({@code useVirtualThreads="true"}, README "Virtual
 * threads").
 */
final class StockTomcat extends ServerRuntime {
    private final boolean virtualThreads;

    StockTomcat() {
        this(false);
    }

    private StockTomcat(boolean virtualThreads) {
        super(virtualThreads ? "tomcat-virtual-threads" : "tomcat");
        this.virtualThreads = virtualThreads;
        if (virtualThreads) {
            javaHome = jdk21();
        }
    }

    static StockTomcat onVirtualThreads() {
        return new StockTomcat(true);
    }

    @Override
    void start() throws Exception {
        Path home = dist("apache-tomcat-").toAbsolutePath();
        Files.createDirectories(work);
        for (String dir : List.of("logs", "temp", "webapps", "work")) {
            Files.createDirectories(work.resolve(dir));
        }
        Tree.copy(home.resolve("conf"), work.resolve("conf"));
        port = Ports.free(1)[0];
        // the stock server.xml on a free loopback port, without the shutdown port (it is stopped by pid)
        Tree.edit(work.resolve("conf/server.xml"), Map.of(
                "<Server port=\"8005\"", "<Server port=\"-1\"",
                "<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
                "<Connector address=\"127.0.0.1\" port=\"" + port + "\" protocol=\"HTTP/1.1\""
                        + (virtualThreads ? " useVirtualThreads=\"true\"" : "")));
        Files.copy(WAR, work.resolve("webapps/app.war"), StandardCopyOption.REPLACE_EXISTING);
        process = RuntimeProcess.start(work, work.resolve("tomcat.log"),
                withOptions(Map.of("CATALINA_HOME", home.toString(), "CATALINA_BASE", work.toString(),
                        "JAVA_HOME", javaHome.toString(), "CATALINA_PID", "")),
                List.of("bash", home.resolve("bin/catalina.sh").toString(), "run"));
        awaitServing("Tomcat", "/");
    }

    @Override
    void undeploy() throws Exception {
        Files.delete(work.resolve("webapps/app.war"));   // the host's background check undeploys it
        RuntimeProcess.await("Tomcat undeploying the chat", STOP_GRACE,
                () -> log().contains("Undeploying context [/app]") && RuntimeProcess.status(uri("/")) == 404,
                process::tail);
        Thread.sleep(500);
    }
}
