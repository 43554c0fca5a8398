package io.socketee.it;

/** Manual debugging aid: the Socket.IO protocol app on Jetty or Tomcat until killed. Args: jetty|tomcat. */
public final class DebugSocketIoServer {
    public static void main(String[] args) throws Exception {
        ContainerHarness h = (ContainerHarness) Class.forName(args[0].equals("jetty")
                ? "io.socketee.it.jetty.JettyHarness" : "io.socketee.it.tomcat.TomcatHarness")
                .getConstructor().newInstance();
        System.out.println("PORT " + h.start(new SocketIoProtocolApp()));
        Thread.sleep(Long.MAX_VALUE);
    }
}
