package io.socketee.example.runtimes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * WildFly ({@code org.wildfly:wildfly-dist}) in its default standalone configuration: public and management interfaces
 * on 127.0.0.1, every socket binding moved by one free offset, the EE WAR deployed by the deployment scanner at
 * {@code /app} and undeployed by removing it.
 */
final class WildFly extends ServerRuntime {
    /** The socket bindings of the stock standalone.xml (ajp, http, https, management http/https, transactions). */
    private static final int[] PORTS = {8009, 8080, 8443, 9990, 9993, 4712, 4713};
    private Path home;
    private int offset;

    WildFly() {
        super("wildfly");
    }

    @Override
    void start() throws Exception {
        home = dist("wildfly-").toAbsolutePath();
        Files.createDirectories(work);
        Path deployments = home.resolve("standalone/deployments");
        for (String leftover : List.of("app.war", "app.war.deployed", "app.war.undeployed", "app.war.failed")) {
            Files.deleteIfExists(deployments.resolve(leftover));
        }
        Files.copy(EE_WAR, deployments.resolve("app.war"), StandardCopyOption.REPLACE_EXISTING);
        offset = Ports.freeOffset(PORTS);
        port = 8080 + offset;
        Path pidFile = work.resolve("wildfly.pid");
        Files.deleteIfExists(pidFile);
        process = RuntimeProcess.start(work, work.resolve("wildfly.log"),
                withOptions(Map.of("JAVA_HOME", javaHome.toString(), "JBOSS_PIDFILE", pidFile.toString(),
                        "LAUNCH_JBOSS_IN_BACKGROUND", "true")),
                List.of("bash", home.resolve("bin/standalone.sh").toString(), "-b", "127.0.0.1",
                        "-bmanagement", "127.0.0.1", "-Djboss.socket.binding.port-offset=" + offset));
        RuntimeProcess.await("WildFly deploying the chat", START_TIMEOUT,
                () -> Files.exists(deployments.resolve("app.war.deployed"))
                        || Files.exists(deployments.resolve("app.war.failed")) || !process.alive(), process::tail);
        if (!Files.exists(deployments.resolve("app.war.deployed"))) {
            throw new IllegalStateException("WildFly did not deploy the chat: "
                    + RuntimeProcess.read(deployments.resolve("app.war.failed")) + "\n" + process.tail());
        }
        pid = Long.parseLong(Files.readString(pidFile).strip());
    }

    @Override
    boolean hasMicroProfileConfig() {
        return true;
    }

    @Override
    void undeploy() throws Exception {
        Path deployments = home.resolve("standalone/deployments");
        Files.delete(deployments.resolve("app.war"));
        RuntimeProcess.await("WildFly undeploying the chat", STOP_GRACE,
                () -> Files.exists(deployments.resolve("app.war.undeployed")), process::tail);
    }
}
