package io.socketee.example.server;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.cdi.CdiDecoratingListener;
import org.eclipse.jetty.ee10.cdi.CdiServletContainerInitializer;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Serves the chat WAR on embedded Jetty 12 ee10 with its CDI integration (Weld comes with the WAR).
 *
 * <pre>java -cp 'target/socketee-chat-server.jar:target/lib/*' io.socketee.example.server.ChatServer
 *     [--war ../target/socketee-chat.war] [--host 127.0.0.1] [--port 8080]</pre>
 *
 * With {@code SOCKETIO_REDIS_URL} set (e.g. {@code redis://127.0.0.1:6379}) the chat joins a cluster through the
 * Redis adapter; with {@code SOCKETIO_REDIS_STREAMS_URL} through the Redis Streams adapter, where a client cut off
 * from one node resumes its session on another. Prints {@code LISTENING <port>} when it serves (port 0 picks a free one); stops on SIGTERM / Ctrl-C.
 */
public final class ChatServer {
    private ChatServer() {
    }

    public static void main(String[] args) throws Exception {
        String war = "target/socketee-chat.war";
        String host = "127.0.0.1";
        int port = 8080;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--war" -> war = args[++i];
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: ChatServer [--war FILE] [--host ADDRESS] [--port N]");
                    System.exit(2);
                }
            }
        }
        Path warFile = Path.of(war).toAbsolutePath();
        if (!Files.isRegularFile(warFile)) {
            System.err.println("no WAR at " + warFile + " (build it: mvn -f webapp-example/pom.xml package)");
            System.exit(2);
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext(warFile.toString(), "/");
        webapp.setParentLoaderPriority(false);                 // WEB-INF/lib first, as the servlet spec says
        webapp.setThrowUnavailableOnStartupException(true);    // fail loudly rather than a bare 503
        // the WAR's web.xml sets it too; a server-side default for WARs that do not
        webapp.setInitParameter(CdiServletContainerInitializer.CDI_INTEGRATION_ATTRIBUTE, CdiDecoratingListener.MODE);
        String redis = System.getenv("SOCKETIO_REDIS_URL");
        if (redis != null && !redis.isBlank()) {
            // join a cluster: the library's initializer then uses the Redis adapter
            webapp.setInitParameter("socketio.redis.url", redis);
            System.out.println("Redis cluster: " + redis);
        }
        String streams = System.getenv("SOCKETIO_REDIS_STREAMS_URL");
        if (streams != null && !streams.isBlank()) {
            // a Redis Streams cluster: connection state recovery then works across nodes
            webapp.setInitParameter("socketio.redisStreams.url", streams);
            System.out.println("Redis Streams cluster: " + streams);
        }
        server.setHandler(webapp);
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("LISTENING " + connector.getLocalPort());
        System.out.println("Chat: http://" + host + ":" + connector.getLocalPort() + "/");
        System.out.flush();
        server.join();
    }
}
