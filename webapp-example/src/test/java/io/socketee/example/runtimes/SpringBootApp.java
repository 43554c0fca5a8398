package io.socketee.example.runtimes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The chat's core on Spring Boot (webapp-example/spring-boot/&lt;module&gt;, the plain API on the embedded server),
 * at the root. It is its own runtime: the test stops it (SIGTERM) to end it.
 */
final class SpringBootApp extends SingleApplicationRuntime {
    private final String module;

    SpringBootApp(String module) {
        super("spring-" + module);
        this.module = module;
    }

    @Override
    void start() throws Exception {
        Path jar = BOOT_APPS.resolve(module).resolve("target/socketee-chat-boot.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing (the build packages webapp-example/spring-boot in "
                    + "pre-integration-test)");
        }
        Files.createDirectories(work);
        port = Ports.free(1)[0];
        process = RuntimeProcess.start(work, work.resolve("app.log"), withOptions(Map.of()), List.of(
                RuntimeProcess.java(javaHome), "-jar", jar.toString(), "--server.address=127.0.0.1",
                "--server.port=" + port, "--spring.main.banner-mode=off"));
        awaitServing("Spring Boot", "/socket.io/socket.io.min.js");
    }

    @Override
    boolean servesPage() {
        return false;
    }

    @Override
    String contextPath() {
        return "";
    }
}
