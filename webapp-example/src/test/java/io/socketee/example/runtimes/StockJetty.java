package io.socketee.example.runtimes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A stock Jetty 12 distribution ({@code org.eclipse.jetty:jetty-home}) with the ee10 deployer, WebSocket and CDI
 * modules; the WAR (Weld inside) at {@code /app}.
 */
final class StockJetty extends ServerRuntime {

    StockJetty() {
        super("jetty");
    }

    @Override
    void start() throws Exception {
        Path home = dist("jetty-home-").toAbsolutePath();
        Tree.delete(work);
        Files.createDirectories(work.resolve("webapps"));
        String startJar = home.resolve("start.jar").toString();
        String java = RuntimeProcess.java(javaHome);
        RuntimeProcess.run(work, work.resolve("setup.log"), Map.of(), Duration.ofSeconds(120), java, "-jar", startJar,
                "--add-modules=http,ee10-deploy,ee10-websocket-jakarta,ee10-cdi-decorate");
        port = Ports.free(1)[0];
        Files.copy(WAR, work.resolve("webapps/app.war"), StandardCopyOption.REPLACE_EXISTING);
        process = RuntimeProcess.start(work, work.resolve("jetty.log"), withOptions(Map.of()),
                List.of(java, "-jar", startJar, "jetty.http.host=127.0.0.1", "jetty.http.port=" + port,
                        "jetty.deploy.scanInterval=1"));
        awaitServing("Jetty", "/");
    }

    @Override
    void undeploy() throws Exception {
        Files.delete(work.resolve("webapps/app.war"));   // the deployer's scanner undeploys it
        RuntimeProcess.await("Jetty undeploying the chat", STOP_GRACE,
                () -> RuntimeProcess.status(uri("/")) == 404, process::tail);
        Thread.sleep(500);
    }
}
