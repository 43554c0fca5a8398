package io.socketee.it.cdi;

import static io.socketee.it.JavaClients.ask;
import static io.socketee.it.JavaClients.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.socketee.it.NodeClients;
import io.socketee.it.cdi.app.MainHandlers;
import io.socketee.it.cdi.broken.BrokenHandlers;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CDI extension end to end: test WARs with annotated beans ({@code io.socketee.it.cdi.app}), Weld and the library
 * in {@code WEB-INF/lib}, no web.xml, deployed by Arquillian into an embedded container and driven by socket.io-client
 * 4.x and 2.x (Node) and the Java client. A second copy of the WAR at {@code /secure} has a web.xml with BASIC
 * authentication, for the Principal. A WAR with broken handler signatures must fail to deploy, naming them. The
 * container is the one whose Arquillian adapter is on the classpath, launched by {@code arquillian.launch} (see
 * {@code arquillian.xml}); one subclass per container, for the failsafe execution that runs it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CdiContract {
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(20);
    static final String APP = "app";
    static final String SECURE = "secure";
    static final String BROKEN = "broken";

    /** No web.xml: the options come from the container's configuration of the context. */
    @Deployment(name = APP, testable = false, order = 1)
    static WebArchive app() {
        return TestWars.build(APP, MainHandlers.class.getPackage(), null,
                Map.of("socketio.allowEIO3", "true", "socketio.pingInterval", "10000"));
    }

    /** BASIC authentication and the options in web.xml. */
    @Deployment(name = SECURE, testable = false, order = 2)
    static WebArchive secure() {
        return TestWars.build(SECURE, MainHandlers.class.getPackage(), TestWars.SECURE_WEB_XML, Map.of());
    }

    /** Must fail: deployed by the test. */
    @Deployment(name = BROKEN, testable = false, managed = false)
    static WebArchive broken() {
        return TestWars.build(BROKEN, BrokenHandlers.class.getPackage(), null, Map.of());
    }

    @ArquillianResource
    @OperateOnDeployment(APP)
    private URL app;

    @ArquillianResource
    @OperateOnDeployment(SECURE)
    private URL secure;

    @ArquillianResource
    private Deployer deployer;

    private final OkHttpClient okhttp = new OkHttpClient.Builder().readTimeout(1, TimeUnit.MINUTES).build();
    private final List<Socket> javaSockets = new ArrayList<>();

    @AfterAll
    void stop() {
        okhttp.dispatcher().executorService().shutdown();
        okhttp.connectionPool().evictAll();
    }

    @AfterEach
    void closeJavaSockets() {
        javaSockets.forEach(Socket::disconnect);
        javaSockets.clear();
    }

    /** The WAR's URL without the final slash. */
    private static String base(URL war) {
        String url = war.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Where the WAR serves Socket.IO: the default {@code /socket.io} under its context path. */
    private static String socketPath(URL war) {
        return base(war).substring((war.getProtocol() + "://" + war.getAuthority()).length()) + "/socket.io";
    }

    private String node(URL war, String client, String scenario, String extra) {
        assumeTrue(NodeClients.available(), "npm clients not installed (run: npm ci in src/test/node)");
        String json = "{\"url\":\"" + base(war) + "\",\"path\":\"" + socketPath(war) + "\",\"client\":\"" + client
                + "\",\"scenario\":\"" + scenario + "\"" + extra + "}";
        NodeClients.Result result = NodeClients.run("cdi-client.js", json, NODE_TIMEOUT);
        assertTrue(result.ok(), () -> "socket.io-client " + client + ".x, " + scenario + " on "
                + getClass().getSimpleName() + ": " + result.output());
        return result.output();
    }

    private String node(String client, String scenario) {
        return node(app, client, scenario, "");
    }

    // ------------------------------------------------------------------ Node clients

    @ParameterizedTest(name = "socket.io-client {0}.x")
    @ValueSource(strings = {"4", "2"})
    void bindsEventArgumentsToRecordsAndAcksWithTheReturnValue(String client) {
        node(client, "records");
    }

    @ParameterizedTest(name = "socket.io-client {0}.x")
    @ValueSource(strings = {"4", "2"})
    void acksThroughAckParameterCompletionStageAndBinary(String client) {
        node(client, "acks");
    }

    @ParameterizedTest(name = "socket.io-client {0}.x")
    @ValueSource(strings = {"4", "2"})
    void onConnectRefusesWithFalseOrWithAnExceptionsMessageAndData(String client) {
        node(client, "refused");
    }

    @ParameterizedTest(name = "socket.io-client {0}.x")
    @ValueSource(strings = {"4", "2"})
    void onErrorReceivesHandlerExceptionsAndTheConnectionStaysUp(String client) {
        node(client, "errors");
    }

    @ParameterizedTest(name = "socket.io-client {0}.x")
    @ValueSource(strings = {"4", "2"})
    void servletBroadcastsThroughInjectedServerAndNamespace(String client) {
        node(client, "broadcast");
    }

    @ParameterizedTest(name = "socket.io-client {0}.x")
    @ValueSource(strings = {"4", "2"})
    void onDisconnectGetsTheReason(String client) {
        node(client, "disconnect");
    }

    @Test
    void runsHandlersInARequestContextAndDestroysDependentInstances() {
        node("4", "scopes");
    }

    @ParameterizedTest(name = "socket.io-client {0}.x")
    @ValueSource(strings = {"4", "2"})
    void handshakeFilterAndMiddlewareBeansRunInPriorityOrder(String client) {
        node(client, "hooks");
    }

    @Test
    void bindsTheMetersToTheApplicationsMeterRegistryBean() {
        node("4", "meters");
    }

    @ParameterizedTest(name = "socket.io-client {0}.x")
    @ValueSource(strings = {"4", "2"})
    void blockingHandlersRunOnTheWorkerInOrderWithAfterConnectCatchAllAndTheFailedEvent(String client) {
        node(client, "blocking");
    }

    @Test
    void servesDynamicNamespacesFromAPattern() {
        node("4", "dynamic");
    }

    @ParameterizedTest(name = "socket.io-client {0}.x")
    @ValueSource(strings = {"4", "2"})
    void basicAuthenticatedPrincipalReachesOnConnectAndHandlers(String client) {
        node(secure, client, "principal", ",\"user\":\"" + TestWars.USER + "\",\"password\":\"" + TestWars.PASSWORD
                + "\"");
    }

    @Test
    void servletSecurityProtectsTheSocketPath() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(secure + "socket.io/?EIO=4&transport=polling")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode(), response.body());
    }

    // ------------------------------------------------------------------ Java client

    private Socket javaSocket(String transport, String namespace, Map<String, String> auth) {
        IO.Options options = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(new String[] {transport})
                .setAuth(auth)
                .setPath(socketPath(app))
                .build();
        options.callFactory = okhttp;
        options.webSocketFactory = okhttp;
        Socket socket = IO.socket(URI.create(app.getProtocol() + "://" + app.getAuthority() + namespace), options);
        javaSockets.add(socket);
        return socket;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void javaClientGetsRecordAcksAndRefusals(String transport) throws Exception {
        Socket socket = javaSocket(transport, "/", Map.of());
        assertEquals("connected", connect(socket));
        JSONObject answer = (JSONObject) ask(socket, "chat", new JSONObject().put("user", "jo").put("text", "hi"))[0];
        assertEquals("jo", answer.getString("user"));
        assertEquals("HI", answer.getString("text"));
        assertEquals("later: j", ask(socket, "later", "j")[0]);

        JSONObject refusal = assertInstanceOf(JSONObject.class,
                connect(javaSocket(transport, "/guarded", Map.of("token", "refuse-with-data"))));
        assertEquals("not authorized", refusal.getString("message"));
        assertEquals(42, refusal.getJSONObject("data").getInt("code"));
    }

    // ------------------------------------------------------------------ deployment failure

    @Test
    void brokenHandlerSignaturesFailTheDeploymentNamingEachMethod() {
        String failure = Failures.whileDeploying(() -> deployer.deploy(BROKEN));
        try {
            assertTrue(failure.contains("@SocketEvent(\"run\") method io.socketee.it.cdi.broken.BrokenHandlers.run("
                    + "Socket, Runnable): parameter 2 (java.lang.Runnable) is neither a handler context type"), failure);
            assertTrue(failure.contains("@SocketEvent(\"self\") method io.socketee.it.cdi.broken.BrokenHandlers.self("
                    + "Socket): its return type io.socketee.socketio.Socket cannot be sent as an ack"), failure);
            assertTrue(failure.contains("namespace /broken already has a handler for event \"twice\""), failure);
            assertTrue(failure.contains("method io.socketee.it.cdi.broken.BrokenHandlers.blockingError is @OnError and"
                    + " @Blocking"), failure);
            assertTrue(failure.contains("method io.socketee.it.cdi.broken.BrokenHandlers.blockingDisconnecting is"
                    + " @OnDisconnecting and @Blocking"), failure);
        } finally {
            deployer.undeploy(BROKEN);
        }
    }
}
