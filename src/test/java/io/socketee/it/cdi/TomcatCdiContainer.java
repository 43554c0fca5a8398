package io.socketee.it.cdi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Embedded Tomcat 11 deploying WARs with {@link Tomcat#addWebapp} (web.xml, annotations and SCIs from WEB-INF/lib, as a
 * standalone Tomcat does; Weld's own initializer starts CDI).
 */
final class TomcatCdiContainer implements CdiContainer {
    private Tomcat tomcat;

    @Override
    public int start(List<Deployment> wars) throws Exception {
        tomcat = newTomcat();
        List<Context> contexts = new ArrayList<>();
        for (Deployment deployment : wars) {
            Context context = webApp(tomcat, deployment.path(), deployment.war());
            deployment.params().forEach(context::addParameter);
            contexts.add(context);
        }
        tomcat.start();
        for (Context context : contexts) {
            if (context.getState() != LifecycleState.STARTED) {
                throw new IllegalStateException("context '" + context.getPath() + "' did not start: "
                        + context.getState());
            }
        }
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public String failedDeployment(Path war) throws Exception {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        Tomcat failing = newTomcat();
        try {
            Context context = webApp(failing, "", war);
            StringBuilder out = new StringBuilder();
            try {
                failing.start();
            } catch (LifecycleException e) {
                out.append(Failures.describe(e));
            }
            if (context.getState() == LifecycleState.STARTED) {
                return "";
            }
            out.append("context state ").append(context.getState()).append('\n');
            synchronized (capture) {
                for (LogRecord record : records) {
                    out.append(record.getMessage()).append('\n');
                    if (record.getThrown() != null) {
                        out.append(Failures.describe(record.getThrown()));
                    }
                }
            }
            return out.toString();
        } finally {
            root.removeHandler(capture);
            failing.stop();
            failing.destroy();
        }
    }

    private static Tomcat newTomcat() throws Exception {
        Path base = Files.createTempDirectory("socketee-tomcat-cdi");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        tomcat.setAddDefaultWebXmlToWebapp(false);
        tomcat.addUser(USER, PASSWORD);
        tomcat.addRole(USER, "user");
        return tomcat;
    }

    private static Context webApp(Tomcat tomcat, String path, Path war) {
        Context context = tomcat.addWebapp(path, war.toString());
        // The test JVM's classpath is not a container's lib/: scan only the WAR.
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        scanner.setScanManifest(false);
        context.setJarScanner(scanner);
        return context;
    }

    @Override
    public String name() {
        return "tomcat";
    }

    @Override
    public void close() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
            tomcat = null;
        }
    }
}
