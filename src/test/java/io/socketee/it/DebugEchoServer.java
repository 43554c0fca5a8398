package io.socketee.it;

import io.socketee.engineio.CorsConfig;
import io.socketee.engineio.EngineIoConfig;
import io.socketee.engineio.EngineIoServer;
import java.time.Duration;

/** Manual debugging aid: an echo server on Jetty or Tomcat until killed. Args: jetty|tomcat port. */
public final class DebugEchoServer {
    public static void main(String[] args) throws Exception {
        EngineIoServer echo = EngineIoServer.create(EngineIoConfig.builder()
                .pingInterval(Duration.ofMillis(300)).pingTimeout(Duration.ofMillis(200))
                .allowEIO3(true).cors(CorsConfig.anyOrigin()).build());
        ContainerHarness h = (ContainerHarness) Class.forName(args[0].equals("jetty")
                ? "io.socketee.it.jetty.JettyHarness" : "io.socketee.it.tomcat.TomcatHarness")
                .getConstructor().newInstance();
        int port = h.start(new EchoApp(echo, "/engine.io"));
        System.out.println("PORT " + port);
        Thread.sleep(Long.MAX_VALUE);
    }
}
