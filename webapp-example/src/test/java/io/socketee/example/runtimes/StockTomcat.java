package io.socketee.example.runtimes;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/** A stock Tomcat distribution ({@code org.apache.tomcat:tomcat}), the WAR (Weld inside) at {@code /app}. */
final class StockTomcat extends ServerRuntime {
    private RuntimeProcess process;
    private int port;

    StockTomcat() {
        super("tomcat");
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
                "<Connector address=\"127.0.0.1\" port=\"" + port + "\" protocol=\"HTTP/1.1\""));
        Files.copy(WAR, work.resolve("webapps/app.war"), StandardCopyOption.REPLACE_EXISTING);
        process = RuntimeProcess.start(work, work.resolve("tomcat.log"),
                Map.of("CATALINA_HOME", home.toString(), "CATALINA_BASE", work.toString(),
                        "JAVA_HOME", javaHome().toString(), "CATALINA_PID", ""),
                List.of("bash", home.resolve("bin/catalina.sh").toString(), "run"));
        RuntimeProcess.await("Tomcat serving the chat", START_TIMEOUT,
                () -> RuntimeProcess.status(uri("/")) == 200 || !process.alive(), process::tail);
    }

    @Override
    void undeploy() throws Exception {
        Files.delete(work.resolve("webapps/app.war"));   // the host's background check undeploys it
        RuntimeProcess.await("Tomcat undeploying the chat", STOP_GRACE,
                () -> log().contains("Undeploying context [/app]") && RuntimeProcess.status(uri("/")) == 404,
                process::tail);
        Thread.sleep(500);
    }

    @Override
    URI origin() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    String contextPath() {
        return "/app";
    }

    @Override
    String log() {
        return process.output();
    }

    @Override
    long pid() {
        return process.pid();
    }

    @Override
    Path javaHome() {
        return currentJdk();
    }

    @Override
    void stop() {
        if (process != null) {
            process.stop(STOP_GRACE);
        }
    }
}
