package io.socketee.example.runtimes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro ({@code fish.payara.extras:payara-micro}: 6 on Java 17, 7 on Java 21+), one JVM that deploys the EE
 * WAR at {@code /app} at boot, its HTTP and HTTPS listeners on 127.0.0.1, without Hazelcast (no cluster port). It
 * cannot undeploy while running: the test stops it (SIGTERM), which undeploys the application first.
 */
final class PayaraMicro extends SingleApplicationRuntime {
    private final String version;
    private final boolean needsJava21;

    PayaraMicro(String version, boolean needsJava21) {
        super("payara-micro-" + version);
        this.version = version;
        this.needsJava21 = needsJava21;
    }

    @Override
    void start() throws Exception {
        javaHome = needsJava21 ? jdk21() : currentJdk();
        Path jar = dist("payara-micro-" + version).toAbsolutePath();
        Tree.delete(work);
        Files.createDirectories(work);
        Path preboot = work.resolve("preboot.asadmin");
        Files.writeString(preboot, String.join("\n",
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener"
                        + ".address=127.0.0.1",
                "set configs.config.server-config.network-config.network-listeners.network-listener.https-listener"
                        + ".address=127.0.0.1", ""));
        port = Ports.free(1)[0];
        process = RuntimeProcess.start(work, work.resolve("payara.log"), withOptions(Map.of()), List.of(
                RuntimeProcess.java(javaHome), "-jar", jar.toString(), "--nohazelcast", "--disablephonehome",
                "--port", Integer.toString(port), "--rootdir", work.resolve("root").toString(),
                "--prebootcommandfile", preboot.toString(),
                "--deploy", EE_WAR.toAbsolutePath().toString(), "--contextroot", "app"));
        awaitServing("Payara Micro", "/");
    }

    @Override
    boolean hasMicroProfileConfig() {
        return true;
    }

    @Override
    boolean logsWhileStopping() {
        return false;
    }
}
