package io.socketee.it.cdi;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.ee10.cdi.CdiDecoratingListener;
import org.eclipse.jetty.ee10.cdi.CdiServletContainerInitializer;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.security.Credential;

/**
 * Embedded Jetty 12 ee10 deploying WARs with {@link WebAppContext} (annotations, SCIs from WEB-INF/lib, and Jetty's
 * CDI integration in {@code CdiDecoratingListener} mode, which the context selects with the init parameter
 * {@code org.eclipse.jetty.cdi}).
 */
final class JettyCdiContainer implements CdiContainer {
    private Server server;

    @Override
    public int start(List<Deployment> wars) throws Exception {
        server = newServer();
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        for (Deployment deployment : wars) {
            WebAppContext context = webApp(deployment.path(), deployment.war());
            deployment.params().forEach(context::setInitParameter);
            contexts.addHandler(context);
        }
        server.setHandler(contexts);
        server.start();
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public String failedDeployment(Path war) throws Exception {
        Server failing = newServer();
        failing.setHandler(webApp("", war));
        try {
            failing.start();
            return "";
        } catch (Exception e) {
            return Failures.describe(e);
        } finally {
            failing.stop();
        }
    }

    private static Server newServer() {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        UserStore users = new UserStore();
        users.addUser(USER, Credential.getCredential(PASSWORD), new String[] {"user"});
        HashLoginService login = new HashLoginService("socketee");
        login.setUserStore(users);
        server.addBean(login);
        return server;
    }

    private static WebAppContext webApp(String path, Path war) {
        WebAppContext context = new WebAppContext();
        context.setContextPath(path.isEmpty() ? "/" : path);
        context.setWar(war.toString());
        context.setThrowUnavailableOnStartupException(true);
        // What a context XML (or the WAR's web.xml) would say: Weld decorates through Jetty's listener.
        context.setInitParameter(CdiServletContainerInitializer.CDI_INTEGRATION_ATTRIBUTE, CdiDecoratingListener.MODE);
        return context;
    }

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
