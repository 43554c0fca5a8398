package io.socketee.it.cdi;

import static io.socketee.it.JavaClients.ask;
import static io.socketee.it.JavaClients.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.socketee.it.NodeClients;
import io.socketee.it.cdi.secured.SecuredHandlers;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Container security and validation of CDI handlers, end to end with the Java client over WebSocket and polling: two
 * WARs of {@code io.socketee.it.cdi.secured} with Hibernate Validator in {@code WEB-INF/lib}, one behind BASIC and one
 * behind FORM login (users alice: user; carol: user, admin). {@code @RolesAllowed}, {@code @PermitAll} and
 * {@code @DenyAll} refuse events with an error ack and a namespace with a CONNECT_ERROR, checked against the roles the
 * container gave the request that opened the connection; an invalid payload gets the error object and reaches
 * {@code @OnError}; {@code io.toUser} reaches every socket of a user; logging out (the HTTP session invalidated)
 * disconnects the session's sockets; a handshake with the user's credentials from a foreign {@code Origin} is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SecurityContract {
    static final String BASIC = "basic";
    static final String FORM = "form";
    static final String NO_PROVIDER = "noprovider";

    private static final String SECURITY = """
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>protected</web-resource-name>
                  <url-pattern>/socket.io/*</url-pattern>
                  <url-pattern>/private/*</url-pattern>
                  <url-pattern>/logout</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>user</role-name></auth-constraint>
              </security-constraint>
              <security-role><role-name>user</role-name></security-role>
              <security-role><role-name>admin</role-name></security-role>
            """;

    private static String webXml(String login) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n" + SECURITY + login
                + "</web-app>\n";
    }

    @Deployment(name = BASIC, testable = false, order = 1)
    static WebArchive basic() {
        return TestWars.build(BASIC, SecuredHandlers.class.getPackage(), webXml("""
                  <login-config><auth-method>BASIC</auth-method><realm-name>socketee</realm-name></login-config>
                """), Map.of(), true);
    }

    @Deployment(name = FORM, testable = false, order = 2)
    static WebArchive form() {
        return TestWars.build(FORM, SecuredHandlers.class.getPackage(), webXml("""
                  <login-config>
                    <auth-method>FORM</auth-method>
                    <realm-name>socketee</realm-name>
                    <form-login-config>
                      <form-login-page>/login.html</form-login-page>
                      <form-error-page>/error.html</form-error-page>
                    </form-login-config>
                  </login-config>
                """), Map.of(), true)
                .addAsWebResource(new StringAsset("<form method=\"post\" action=\"j_security_check\">"
                        + "<input name=\"j_username\"><input name=\"j_password\" type=\"password\"></form>"),
                        "login.html")
                .addAsWebResource(new StringAsset("login failed"), "error.html")
                .addAsWebResource(new StringAsset("private page"), "private/index.html");
    }

    /** Must fail: the Jakarta Validation API without a provider, deployed by the test. */
    @Deployment(name = NO_PROVIDER, testable = false, managed = false)
    static WebArchive noProvider() {
        return TestWars.build(NO_PROVIDER, SecuredHandlers.class.getPackage(), null, Map.of(),
                jar -> !jar.matches(TestWars.VALIDATION_JARS) || jar.startsWith("jakarta.validation-api"));
    }

    @ArquillianResource
    private Deployer deployer;

    @ArquillianResource
    @OperateOnDeployment(BASIC)
    private URL basic;

    @ArquillianResource
    @OperateOnDeployment(FORM)
    private URL form;

    private final OkHttpClient okhttp = new OkHttpClient.Builder().readTimeout(1, TimeUnit.MINUTES).build();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterAll
    void stop() {
        okhttp.dispatcher().executorService().shutdown();
        okhttp.connectionPool().evictAll();
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(Socket::disconnect);
        sockets.clear();
    }

    private static String contextPath(URL war) {
        String path = war.getPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The server's own origin, as a browser on one of its pages sends it. */
    private static String ownOrigin(URL war) {
        return war.getProtocol() + "://" + war.getAuthority();
    }

    private Socket socket(URL war, String transport, String namespace, Map<String, String> headers) {
        IO.Options options = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(new String[] {transport})
                .setPath(contextPath(war) + "/socket.io")
                .build();
        Map<String, List<String>> extra = new HashMap<>();
        headers.forEach((name, value) -> extra.put(name, List.of(value)));
        options.extraHeaders = extra;
        options.callFactory = okhttp;
        options.webSocketFactory = okhttp;
        Socket socket = IO.socket(URI.create(ownOrigin(war) + namespace), options);
        sockets.add(socket);
        return socket;
    }

    private static Map<String, String> basicAuth(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private Socket basicSocket(String transport, String namespace, String user, String password) throws Exception {
        Socket socket = socket(basic, transport, namespace, basicAuth(user, password));
        assertEquals("connected", connect(socket));
        return socket;
    }

    private static JSONObject forbidden() throws Exception {
        return new JSONObject().put("message", "Forbidden");
    }

    // ------------------------------------------------------------------ roles

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void rolesAllowedPermitAllAndDenyAllGuardEventsAgainstTheHandshakesRoles(String transport) throws Exception {
        Socket alice = basicSocket(transport, "/", TestWars.USER, TestWars.PASSWORD);
        JSONObject me = (JSONObject) ask(alice, "whoami")[0];
        assertEquals(TestWars.USER, me.getString("user"));
        assertFalse(me.getBoolean("admin"));
        assertEquals(forbidden().toString(), ask(alice, "audit")[0].toString());
        assertEquals(forbidden().toString(), ask(alice, "closed")[0].toString());
        assertTrue(alice.connected(), "a refused event leaves the connection up");

        Socket carol = basicSocket(transport, "/", TestWars.ADMIN, TestWars.ADMIN_PASSWORD);
        assertTrue(((JSONObject) ask(carol, "whoami")[0]).getBoolean("admin"));
        assertEquals("audited by " + TestWars.ADMIN, ask(carol, "audit")[0]);
        assertEquals(forbidden().toString(), ask(carol, "closed")[0].toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void aNamespaceForOneRoleRefusesTheConnectOfOthers(String transport) throws Exception {
        Object refusal = connect(socket(basic, transport, "/admin", basicAuth(TestWars.USER, TestWars.PASSWORD)));
        assertEquals("Forbidden", assertInstanceOf(JSONObject.class, refusal).getString("message"));
        Socket carol = basicSocket(transport, "/admin", TestWars.ADMIN, TestWars.ADMIN_PASSWORD);
        assertEquals("stats", ask(carol, "stats")[0]);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"polling", "websocket"})
    void socketIoClient4SeesRefusalsValidationErrorsAndItsUserRoom(String transport) {
        assumeTrue(NodeClients.available(), "npm clients not installed (run: npm ci in src/test/node)");
        String url = ownOrigin(basic) + contextPath(basic);
        String transports = transport.equals("polling") ? "[\"polling\",\"websocket\"]" : "[\"websocket\"]";
        NodeClients.Result result = NodeClients.run("cdi-client.js", "{\"url\":\"" + url + "\",\"path\":\""
                + contextPath(basic) + "/socket.io\",\"client\":\"4\",\"scenario\":\"secured\",\"user\":\""
                + TestWars.USER + "\",\"password\":\"" + TestWars.PASSWORD + "\",\"transports\":" + transports + "}",
                Duration.ofSeconds(20));
        assertTrue(result.ok(), () -> "socket.io-client 4.x on " + getClass().getSimpleName() + ": "
                + result.output());
    }

    // ------------------------------------------------------------------ validation

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void anInvalidPayloadGetsTheErrorObjectAndReachesOnError(String transport) throws Exception {
        Socket alice = basicSocket(transport, "/", TestWars.USER, TestWars.PASSWORD);
        LinkedBlockingQueue<Object> invalid = new LinkedBlockingQueue<>();
        alice.on("invalid", args -> invalid.add(args[0]));
        JSONObject order = new JSONObject().put("customer", "jo").put("lines", new JSONArray()
                .put(new JSONObject().put("item", "tea").put("quantity", 2)));
        assertEquals("ordered 1 for jo@example.com", ask(alice, "order", order, "jo@example.com")[0]);

        JSONObject bad = new JSONObject().put("customer", "").put("lines", new JSONArray()
                .put(new JSONObject().put("item", "tea").put("quantity", 0)));
        JSONObject error = (JSONObject) ask(alice, "order", bad, "not an address")[0];
        assertEquals("Validation failed", error.getString("message"));
        JSONArray violations = error.getJSONArray("violations");
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < violations.length(); i++) {
            paths.add(violations.getJSONObject(i).getString("path"));
            assertFalse(violations.getJSONObject(i).getString("message").isEmpty());
        }
        assertEquals(List.of("0.customer", "0.lines[0].quantity", "1"), paths);
        assertEquals(3, invalid.poll(5, TimeUnit.SECONDS), "@OnError saw the exception with its violations");
    }

    // ------------------------------------------------------------------ user rooms

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void toUserReachesEverySocketOfThatUserAndNoOtherUser(String transport) throws Exception {
        Socket laptop = basicSocket(transport, "/", TestWars.USER, TestWars.PASSWORD);
        Socket phone = basicSocket(transport.equals("websocket") ? "polling" : "websocket", "/", TestWars.USER,
                TestWars.PASSWORD);
        Socket carol = basicSocket(transport, "/", TestWars.ADMIN, TestWars.ADMIN_PASSWORD);
        Map<Socket, LinkedBlockingQueue<Object>> personal = new HashMap<>();
        for (Socket socket : List.of(laptop, phone, carol)) {
            LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
            socket.on("personal", args -> queue.add(args[0]));
            personal.put(socket, queue);
        }
        assertEquals("sent", ask(laptop, "notify-me", "for alice")[0]);
        assertEquals("for alice", personal.get(laptop).poll(5, TimeUnit.SECONDS));
        assertEquals("for alice", personal.get(phone).poll(5, TimeUnit.SECONDS));
        assertEquals("sent", ask(carol, "notify-me", "for carol")[0]);
        assertEquals("for carol", personal.get(carol).poll(5, TimeUnit.SECONDS), "carol got nothing of alice's");
    }

    // ------------------------------------------------------------------ FORM login, logout

    /** Logs in through the FORM login page; the client holding the session cookie. */
    private HttpClient formLogin(String user, String password) throws Exception {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String base = ownOrigin(form) + contextPath(form);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/private/index.html"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("j_security_check"), "the login page: " + page.body());
        String body = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("private page", done.body(), "logged in");
        return http;
    }

    private static String cookieHeader(HttpClient http) {
        CookieManager cookies = (CookieManager) http.cookieHandler().orElseThrow();
        List<String> pairs = new ArrayList<>();
        for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
            pairs.add(cookie.getName() + "=" + cookie.getValue());
        }
        assertFalse(pairs.isEmpty(), "a session cookie");
        return String.join("; ", pairs);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void formLoginReachesTheHandlersAndLogoutDisconnectsTheSessionsSockets(String transport) throws Exception {
        HttpClient aliceSession = formLogin(TestWars.USER, TestWars.PASSWORD);
        HttpClient otherSession = formLogin(TestWars.USER, TestWars.PASSWORD);
        Socket socket = socket(form, transport, "/", Map.of("Cookie", cookieHeader(aliceSession)));
        Socket sameUserOtherSession = socket(form, transport, "/", Map.of("Cookie", cookieHeader(otherSession)));
        assertEquals("connected", connect(socket));
        assertEquals("connected", connect(sameUserOtherSession));
        assertEquals(TestWars.USER, ((JSONObject) ask(socket, "whoami")[0]).getString("user"));
        assertEquals(forbidden().toString(), ask(socket, "audit")[0].toString());
        CompletableFuture<Object> disconnected = new CompletableFuture<>();
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnected.complete(args.length > 0 ? args[0] : null));

        if (transport.equals("polling")) {
            // The DISCONNECT reaches a polling client in its held GET: once the session is gone the container's
            // security refuses the client's next GET, so a client between two polls sees a transport error instead
            // (README). Give it the moment it needs to send its next GET after the last ack.
            Thread.sleep(300);
        }
        HttpResponse<String> logout = aliceSession.send(HttpRequest.newBuilder(URI.create(ownOrigin(form)
                + contextPath(form) + "/logout")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, logout.statusCode());

        assertEquals("io server disconnect", disconnected.get(10, TimeUnit.SECONDS));
        assertEquals(TestWars.USER, ((JSONObject) ask(sameUserOtherSession, "whoami")[0]).getString("user"),
                "the user's other session keeps its socket");
    }

    @org.junit.jupiter.api.Test
    void constraintsWithoutAValidationProviderFailTheDeploymentNamingTheHandler() {
        String failure = Failures.whileDeploying(() -> deployer.deploy(NO_PROVIDER));
        try {
            assertTrue(failure.contains("@SocketEvent(\"order\") method io.socketee.it.cdi.secured.SecuredHandlers"
                    + ".order(Order, String) validate their parameters (jakarta.validation annotations), but no Jakarta"
                    + " Validation provider can be started"), failure);
        } finally {
            deployer.undeploy(NO_PROVIDER);
        }
    }

    // ------------------------------------------------------------------ cross-site WebSocket hijacking

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling"})
    void aHandshakeWithCredentialsFromAForeignOriginIsRefused(String transport) throws Exception {
        Map<String, String> foreignBasic = new HashMap<>(basicAuth(TestWars.USER, TestWars.PASSWORD));
        foreignBasic.put("Origin", "http://evil.example");
        assertNotEquals("connected", connect(socket(basic, transport, "/", foreignBasic)));
        Map<String, String> ownBasic = new HashMap<>(basicAuth(TestWars.USER, TestWars.PASSWORD));
        ownBasic.put("Origin", ownOrigin(basic));
        assertEquals("connected", connect(socket(basic, transport, "/", ownBasic)));

        String cookie = cookieHeader(formLogin(TestWars.USER, TestWars.PASSWORD));
        assertNotEquals("connected", connect(socket(form, transport, "/", Map.of("Cookie", cookie,
                "Origin", "https://evil.example"))));
        assertEquals("connected", connect(socket(form, transport, "/", Map.of("Cookie", cookie,
                "Origin", ownOrigin(form)))));
    }
}
