package io.socketee.example.runtimes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GlassFish 8 ({@code org.glassfish.main.distributions:glassfish}, Java 21+): its {@code domain1} with every listener
 * (HTTP, HTTPS, admin, IIOP, JMX) on a free 127.0.0.1 port and the JMS broker off, the EE WAR deployed with
 * {@code asadmin} at {@code /app}.
 */
final class GlassFish extends ServerRuntime {
    /** The ports of the stock domain1's server-config, each replaced by a free one. */
    private static final List<String> PORTS = List.of("8080", "8181", "4848", "3700", "3820", "3920", "8686", "6666",
            "9009");
    private Path home;
    private Path domain;
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    GlassFish() {
        super("glassfish");
    }

    @Override
    void start() throws Exception {
        javaHome = jdk21();
        home = dist("glassfish").resolve("glassfish8").toAbsolutePath();
        domain = home.resolve("glassfish/domains/domain1");
        Files.createDirectories(work);
        int[] free = Ports.free(PORTS.size());
        for (int i = 0; i < free.length; i++) {
            ports.put(PORTS.get(i), free[i]);
        }
        port = ports.get("8080");
        configure(domain.resolve("config/domain.xml"));
        asadmin(Duration.ofSeconds(180), "start-domain", "domain1");
        pid = Long.parseLong(Files.readString(domain.resolve("config/pid")).strip());
        asadmin(Duration.ofSeconds(180), "deploy", "--contextroot", "app", "--name", "chat",
                EE_WAR.toAbsolutePath().toString());
        awaitServing("GlassFish", "/");
    }

    /** The stock domain.xml (kept as domain.xml.stock) with the server's ports and addresses on 127.0.0.1. */
    private void configure(Path domainXml) throws IOException {
        Path stock = domainXml.resolveSibling("domain.xml.stock");
        if (!Files.exists(stock)) {
            Files.copy(domainXml, stock);
        }
        String xml = Files.readString(stock, StandardCharsets.UTF_8);
        int start = xml.indexOf("<config name=\"server-config\"");
        int end = xml.indexOf("</config>", start);
        String config = xml.substring(start, end);
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            Matcher m = Pattern.compile("(port=\"|\\.port=|address=\\*:)" + port.getKey() + "\\b").matcher(config);
            if (!m.find()) {
                throw new IllegalStateException("domain.xml's server-config no longer has port " + port.getKey());
            }
            config = m.replaceAll("$1" + port.getValue());
        }
        config = config.replace("address=\"0.0.0.0\"", "address=\"127.0.0.1\"")
                .replaceAll("<network-listener (?!address)", "<network-listener address=\"127.0.0.1\" ")
                .replaceAll("<jms-service type=\"EMBEDDED\"", "<jms-service type=\"DISABLED\"");
        Files.writeString(domainXml, xml.substring(0, start) + config + xml.substring(end), StandardCharsets.UTF_8);
    }

    private String asadmin(Duration timeout, String... command) throws InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of("bash", home.resolve("bin/asadmin").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(ports.get("4848"))));
        args.addAll(List.of(command));
        return RuntimeProcess.run(work, work.resolve("asadmin-" + command[0] + ".log"),
                withOptions(Map.of("AS_JAVA", javaHome.toString(), "JAVA_HOME", javaHome.toString())), timeout,
                args.toArray(String[]::new));
    }

    @Override
    boolean hasMicroProfileConfig() {
        return true;
    }

    @Override
    void undeploy() throws Exception {
        asadmin(Duration.ofSeconds(120), "undeploy", "chat");
    }

    @Override
    String log() {
        return RuntimeProcess.read(domain.resolve("logs/server.log"));
    }

    @Override
    void stop() {
        super.stop();
        if (domain != null) {
            try {   // the next run's logs start empty
                Files.copy(domain.resolve("logs/server.log"), work.resolve("server.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.delete(domain.resolve("logs/server.log"));
            } catch (IOException ignored) {
                // no log yet
            }
        }
    }
}
