package io.socketee.example.runtimes;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * One runtime with the chat deployed in it, as the runtime tests drive it: started on free 127.0.0.1 ports (every
 * port it opens), the application undeployed (or, where the runtime holds one application for its whole life, the
 * runtime stopped), and the runtime stopped by pid.
 */
abstract class ServerRuntime {
    /** Where the build put what the tests need (see the failsafe configuration in webapp-example/pom.xml). */
    static final Path DIST = Path.of(System.getProperty("socketee.dist", "target/dist"));
    static final Path WAR = Path.of(System.getProperty("socketee.war", "target/socketee-chat.war"));
    static final Path EE_WAR = Path.of(System.getProperty("socketee.eeWar", "target/socketee-chat-ee.war"));
    static final Path BOOT_APPS = Path.of(System.getProperty("socketee.bootApps", "spring-boot"));
    static final Path WORK = Path.of(System.getProperty("socketee.runtimesWork", "target/runtimes"));
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    final String name;
    final Path work;

    ServerRuntime(String name) {
        this.name = name;
        this.work = WORK.resolve(name).toAbsolutePath();
    }

    /** Starts the runtime and deploys the chat; returns when the chat answers. */
    abstract void start() throws Exception;

    /** {@code http://127.0.0.1:<port>} */
    abstract URI origin();

    /** The chat's context path: {@code /app}, or the empty string at the root. */
    abstract String contextPath();

    /** Whether the chat's page is served (the WARs; the Spring Boot app serves only Socket.IO and the bundle). */
    boolean servesPage() {
        return true;
    }

    /** Ends the chat: undeploys it, or stops the runtime where it cannot undeploy; returns when it is gone. */
    abstract void undeploy() throws Exception;

    /** Whether the runtime still runs after {@link #undeploy} (so its threads can be looked at). */
    boolean runsAfterUndeploy() {
        return true;
    }

    /**
     * Whether what the application logs while the runtime stops reaches {@link #log}. Not on Payara Micro, whose
     * {@link #undeploy} is a JVM exit: the JVM resets java.util.logging in a shutdown hook of its own, beside the one
     * that undeploys the application.
     */
    boolean logsWhileStopping() {
        return true;
    }

    /** Everything the runtime has logged so far. */
    abstract String log();

    /** The runtime's JVM. */
    abstract long pid();

    /** The JDK the runtime runs on. */
    abstract Path javaHome();

    /** Stops the runtime by pid, whatever state it is in. */
    abstract void stop();

    URI uri(String pathInContext) {
        return origin().resolve(contextPath() + pathInContext);
    }

    String socketIoPath() {
        return contextPath() + "/socket.io";
    }

    /** The thread names of the runtime's JVM. */
    List<String> threadNames() throws InterruptedException {
        return RuntimeProcess.threadNames(javaHome(), pid(), work);
    }

    /** The JDK that runs the tests (17 or later). */
    static Path currentJdk() {
        return Path.of(System.getProperty("java.home"));
    }

    /**
     * A JDK 21 or later for runtimes that need one: {@code -Dsocketee.jdk21=...} (default
     * {@code /usr/lib/jvm/temurin-25-jdk-amd64}); without one the runtime's tests are skipped, saying so.
     */
    static Path jdk21() {
        Path configured = Path.of(System.getProperty("socketee.jdk21", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        Optional<Path> found = Runtime.version().feature() >= 21 ? Optional.of(currentJdk())
                : Optional.of(configured).filter(p -> Files.isExecutable(p.resolve("bin").resolve("java")));
        Assumptions.assumeTrue(found.isPresent(), "SKIPPED: this runtime needs Java 21+; none at " + configured
                + " (set -Dsocketee.jdk21=<a JDK 21+ home>)");
        return found.get();
    }

    /** The one directory or file in {@link #DIST} whose name starts with {@code prefix}. */
    static Path dist(String prefix) throws java.io.IOException {
        try (var entries = Files.list(DIST)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + "* in " + DIST.toAbsolutePath()
                            + " (the build puts the runtimes there in pre-integration-test)"));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
