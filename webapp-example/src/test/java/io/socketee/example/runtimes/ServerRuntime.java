package io.socketee.example.runtimes;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * An option set the way a deployer overrides a WAR's settings, in the runtime's environment:
     * {@code socketio.pingInterval} as MicroProfile Config spells it for environment variables. Every runtime gets
     * it; those with MicroProfile Config apply it ({@link #hasMicroProfileConfig}), the others must ignore it.
     */
    static final Map<String, String> OPTION_ENVIRONMENT = Map.of("SOCKETIO_PINGINTERVAL", "24000");

    final String name;
    final Path work;

    ServerRuntime(String name) {
        this.name = name;
        this.work = WORK.resolve(name).toAbsolutePath();
    }

    /** The runtime's HTTP port on 127.0.0.1, once started. */
    int port;
    /** The process the test started and keeps (the runtime's JVM, or a launcher that waits for it), or null. */
    RuntimeProcess process;
    /** The runtime's JVM where it is not {@link #process} (read from the runtime's pid file), else -1. */
    long pid = -1;
    /** The JDK the runtime runs on. */
    Path javaHome = currentJdk();

    /** Starts the runtime and deploys the chat; returns when the chat answers. */
    abstract void start() throws Exception;

    /** Ends the chat: undeploys it, or stops the runtime where it cannot undeploy; returns when it is gone. */
    abstract void undeploy() throws Exception;

    /** {@code http://127.0.0.1:<port>} */
    URI origin() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The chat's context path: {@code /app}, or the empty string at the root. */
    String contextPath() {
        return "/app";
    }

    /** Whether the chat's page is served (the WARs; the Spring Boot app serves only Socket.IO and the bundle). */
    boolean servesPage() {
        return true;
    }

    /** Whether the application sees the runtime's MicroProfile Config (the full EE servers), so that its options can. */
    boolean hasMicroProfileConfig() {
        return false;
    }

    /** {@code env} and the {@link #OPTION_ENVIRONMENT}, for the runtime's process. */
    static Map<String, String> withOptions(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(OPTION_ENVIRONMENT);
        return all;
    }

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

    /** Everything the runtime has logged so far (by default, the output of {@link #process}). */
    String log() {
        return process == null ? "" : process.output();
    }

    /** The runtime's JVM: {@link #pid}, or else {@link #process}. */
    long pid() {
        return pid > 0 ? pid : process.pid();
    }

    /** Stops the runtime by pid, whatever state it is in, and then the process the test started. */
    void stop() {
        if (pid > 0) {
            RuntimeProcess.stop(pid, STOP_GRACE);
        }
        if (process != null) {
            process.stop(STOP_GRACE);
        }
    }

    /** Waits until the chat's page (or {@code pathInContext}) answers 200, or the process has ended. */
    void awaitServing(String what, String pathInContext) throws InterruptedException {
        RuntimeProcess.await(what + " serving the chat", START_TIMEOUT,
                () -> RuntimeProcess.status(uri(pathInContext)) == 200 || (process != null && !process.alive()),
                () -> RuntimeProcess.tail(log()));
        if (process != null && !process.alive()) {
            throw new IllegalStateException(what + " exited:\n" + RuntimeProcess.tail(log()));
        }
    }

    URI uri(String pathInContext) {
        return origin().resolve(contextPath() + pathInContext);
    }

    String socketIoPath() {
        return contextPath() + "/socket.io";
    }

    /** The thread names of the runtime's JVM. */
    List<String> threadNames() throws InterruptedException {
        return RuntimeProcess.threadNames(javaHome, pid(), work);
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
