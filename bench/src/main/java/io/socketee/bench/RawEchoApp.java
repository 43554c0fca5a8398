package io.socketee.bench;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The physical-limit reference: a bare JSR-356 endpoint at {@code /raw} that does the least a WebSocket server can
 * do for each benchmark, with no Engine.IO or Socket.IO on top. Text protocol:
 * <ul>
 *   <li>any text not starting with {@code #} is sent back as it came (echo);</li>
 *   <li>{@code #join} adds the connection to the one broadcast group and answers {@code #ok};</li>
 *   <li>{@code #bcast <payload>} sends {@code <payload>} to every connection of the group (one string, async sends)
 *       and answers {@code #ok}.</li>
 * </ul>
 * Sends are {@code getAsyncRemote().sendText} with no completion tracking where the container queues them (Jetty),
 * one after the other where it does not (Tomcat; see {@link Outbox}).
 *
 * <p>And the long-polling reference, a plain async servlet at {@code /raw-poll} ({@link RawPollServlet}): a client
 * {@code n} holds {@code GET /raw-poll?id=n}, and {@code POST /raw-poll?id=n} with a body answers {@code ok} and
 * completes that GET with the body. That is the least an HTTP server must do per long-polling message (two requests,
 * one held without a thread), with no Engine.IO sessions, packets or heartbeats on top.
 */
public final class RawEchoApp implements ServletContainerInitializer {
    public static final String PATH = "/raw";
    public static final String POLL_PATH = "/raw-poll";

    private static final Set<Outbox> GROUP = ConcurrentHashMap.newKeySet();
    /** Whether the container refuses a send while the session's previous one is under way (set at deployment). */
    private static volatile boolean serialSends;

    /**
     * One connection's sends. On Jetty, straight {@code getAsyncRemote().sendText}: Jetty queues a send made while
     * another is under way. Tomcat refuses that send instead (IllegalStateException: "remote endpoint was in state
     * TEXT_FULL_WRITING"), which closes the session, so there the sends go one after the other, the next started by the
     * previous one's completion: the least a JSR-356 application must do on Tomcat. At most {@link #MAX_QUEUED} wait
     * (more are dropped, and show in the load generator's delivery ratio).
     */
    static final class Outbox implements SendHandler {
        static final int MAX_QUEUED = 10_000;
        final Session session;
        private final ArrayDeque<String> queue = new ArrayDeque<>();
        private boolean sending;

        Outbox(Session session) {
            this.session = session;
        }

        void send(String text) {
            if (!serialSends) {
                session.getAsyncRemote().sendText(text);
                return;
            }
            synchronized (this) {
                if (sending) {
                    if (queue.size() < MAX_QUEUED) {
                        queue.add(text);
                    }
                    return;
                }
                sending = true;
            }
            session.getAsyncRemote().sendText(text, this);
        }

        @Override
        public void onResult(SendResult result) {
            String next;
            synchronized (this) {
                next = result.isOK() ? queue.poll() : null;
                if (next == null) {
                    queue.clear();
                    sending = false;
                    return;
                }
            }
            session.getAsyncRemote().sendText(next, this);
        }
    }

    /** The endpoint; one instance per connection. */
    public static final class RawEndpoint extends Endpoint {
        private Outbox outbox;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxIdleTimeout(0);
            // Tomcat answers a client's close frame with a blocking send that waits, spinning on Thread.yield, for
            // the async send in progress: up to 20 s by default per closing session, on an executor thread. After a
            // saturated broadcast every thread spun so, and the next scenario got no thread (D: 0 acks at 100 % CPU).
            // The library's endpoint bounds it at 1 s; so does this reference, to stay comparable.
            session.getUserProperties().put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", 1_000L);
            outbox = new Outbox(session);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
        }

        private void onText(String text) {
            if (text.isEmpty() || text.charAt(0) != '#') {
                outbox.send(text);
            } else if (text.equals("#join")) {
                GROUP.add(outbox);
                outbox.send("#ok");
            } else if (text.startsWith("#bcast ")) {
                String payload = text.substring("#bcast ".length());
                for (Outbox member : GROUP) {
                    if (member.session.isOpen()) {
                        member.send(payload);
                    }
                }
                outbox.send("#ok");
            } else {
                outbox.send("#unknown");
            }
        }

        @Override
        public void onClose(Session session, jakarta.websocket.CloseReason closeReason) {
            GROUP.remove(outbox);
        }

        @Override
        public void onError(Session session, Throwable error) {
            GROUP.remove(outbox);
        }
    }

    /**
     * The raw long-polling echo. Per client id, a mailbox holds at most one waiting GET and one message not yet
     * fetched: a POST completes the waiting GET with its body, or leaves the body for the next GET (a second message
     * while one waits is refused with 429: the bench client sends the next only after it got the last). Bodies are
     * read and answers written with non-blocking servlet I/O, like a real server's, so no container thread ever waits
     * on a client. Bounded: at most {@link #MAX_IDS} mailboxes (503 beyond), bodies up to 1e6 bytes (413), and a GET
     * held {@link #HOLD_MILLIS} without a message is answered 204 and its idle mailbox dropped (clients that went away
     * leave nothing behind).
     */
    public static final class RawPollServlet extends HttpServlet {
        static final int MAX_IDS = 100_000;
        static final int MAX_BODY = 1_000_000;
        static final long HOLD_MILLIS = 20_000;
        private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] NONE = new byte[0];

        private final Map<Long, Mailbox> mailboxes = new ConcurrentHashMap<>();

        /** One client's state; guarded by itself. A dropped mailbox is out of the map: look it up again. */
        private static final class Mailbox {
            AsyncContext waitingGet;
            byte[] message;
            boolean dropped;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            long id = clientId(request, response);
            if (id < 0) {
                return;
            }
            AsyncContext async = request.startAsync();
            async.setTimeout(HOLD_MILLIS);
            async.addListener(new AsyncListener() {
                @Override
                public void onTimeout(AsyncEvent event) {
                    expire(id, async);
                }

                @Override
                public void onError(AsyncEvent event) {
                    expire(id, async);
                }

                @Override
                public void onComplete(AsyncEvent event) {
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                }
            });
            byte[][] ready = {null};
            AsyncContext[] replaced = {null};
            boolean accepted = locked(id, box -> {
                ready[0] = box.message;
                box.message = null;
                if (ready[0] == null) {
                    replaced[0] = box.waitingGet;
                    box.waitingGet = async;
                }
            });
            if (!accepted) {
                respond(async, HttpServletResponse.SC_SERVICE_UNAVAILABLE, NONE); // too many ids
            } else if (ready[0] != null) {
                respond(async, HttpServletResponse.SC_OK, ready[0]);
            }
            if (replaced[0] != null) {
                respond(replaced[0], HttpServletResponse.SC_NO_CONTENT, NONE); // a client holds one GET: the newest
            }
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            long id = clientId(request, response);
            if (id < 0) {
                return;
            }
            long declared = request.getContentLengthLong();
            if (declared > MAX_BODY) {
                response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                return;
            }
            AsyncContext async = request.startAsync();
            ServletInputStream in = request.getInputStream();
            in.setReadListener(new ReadListener() {
                private byte[] body = new byte[declared >= 0 ? (int) declared : 256];
                private int size;
                private boolean done;

                @Override
                public void onDataAvailable() throws IOException {
                    while (!done && in.isReady()) {
                        if (size == body.length) {
                            if (size >= MAX_BODY) {
                                done = true;
                                respond(async, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, NONE);
                                return;
                            }
                            body = Arrays.copyOf(body, Math.min(MAX_BODY, Math.max(256, size * 2)));
                        }
                        int n = in.read(body, size, body.length - size);
                        if (n < 0) {
                            return;
                        }
                        size += n;
                    }
                }

                @Override
                public void onAllDataRead() {
                    if (!done) {
                        done = true;
                        deliver(id, async, size == body.length ? body : Arrays.copyOf(body, size));
                    }
                }

                @Override
                public void onError(Throwable t) {
                    done = true;
                    complete(async);
                }
            });
        }

        /** The POST's body goes to the waiting GET, or waits for the next one. */
        private void deliver(long id, AsyncContext post, byte[] body) {
            AsyncContext[] get = {null};
            boolean[] busy = {false};
            boolean accepted = locked(id, box -> {
                get[0] = box.waitingGet;
                box.waitingGet = null;
                if (get[0] == null) {
                    busy[0] = box.message != null;
                    if (!busy[0]) {
                        box.message = body;
                    }
                }
            });
            if (get[0] != null) {
                respond(get[0], HttpServletResponse.SC_OK, body);
            }
            if (!accepted) {
                respond(post, HttpServletResponse.SC_SERVICE_UNAVAILABLE, NONE); // too many ids
            } else {
                respond(post, busy[0] ? 429 : HttpServletResponse.SC_OK, busy[0] ? NONE : OK);
            }
        }

        /** A GET held too long (or broken): answered empty; the mailbox goes if nothing else is in it. */
        private void expire(long id, AsyncContext async) {
            Mailbox box = mailboxes.get(id);
            if (box == null) {
                return;
            }
            boolean mine;
            synchronized (box) {
                mine = box.waitingGet == async;
                if (mine) {
                    box.waitingGet = null;
                }
                if (box.waitingGet == null && box.message == null && !box.dropped) {
                    box.dropped = true;
                    mailboxes.remove(id, box);
                }
            }
            if (mine) {
                respond(async, HttpServletResponse.SC_NO_CONTENT, NONE);
            }
        }

        /**
         * Runs {@code action} on the live mailbox of {@code id} (created on first use) under its lock; false when the
         * map is full.
         */
        private boolean locked(long id, Consumer<Mailbox> action) {
            while (true) {
                Mailbox box = mailboxes.get(id);
                if (box == null) {
                    if (mailboxes.size() >= MAX_IDS) {
                        return false;
                    }
                    box = mailboxes.computeIfAbsent(id, k -> new Mailbox());
                }
                synchronized (box) {
                    if (!box.dropped) {
                        action.accept(box);
                        return true;
                    }
                }
            }
        }

        /** The client id from {@code ?id=<n>}, or -1 (then answered 400). */
        private static long clientId(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String query = request.getQueryString();
            if (query != null && query.startsWith("id=")) {
                try {
                    long id = Long.parseLong(query.substring(3));
                    if (id >= 0) {
                        return id;
                    }
                } catch (NumberFormatException e) {
                    // answered below
                }
            }
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "expected ?id=<n>");
            return -1;
        }

        /** Answers a request put in async mode, writing without blocking, then completes it. */
        private static void respond(AsyncContext async, int status, byte[] body) {
            try {
                HttpServletResponse response = (HttpServletResponse) async.getResponse();
                response.setStatus(status);
                response.setContentType("text/plain");
                response.setContentLength(body.length);
                if (body.length == 0) {
                    async.complete();
                    return;
                }
                ServletOutputStream out = response.getOutputStream();
                out.setWriteListener(new WriteListener() {
                    private boolean written;

                    @Override
                    public void onWritePossible() throws IOException {
                        if (!written) {
                            written = true;
                            out.write(body);
                        }
                        if (out.isReady()) {
                            async.complete();
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        complete(async);
                    }
                });
            } catch (IOException | IllegalStateException e) {
                complete(async); // the client went away, or the request ended meanwhile
            }
        }

        private static void complete(AsyncContext async) {
            try {
                async.complete();
            } catch (IllegalStateException ignored) {
                // already completed
            }
        }
    }

    /**
     * Answers plain HTTP at {@code /raw} with 400. Tomcat runs its WebSocket upgrade filter only for a path some servlet
     * is mapped to (the embedded context has no default servlet), so {@code /raw} needs one; Jetty upgrades before it.
     */
    public static final class WebSocketOnlyServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "WebSocket only");
        }
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addServlet("raw-websocket-only", new WebSocketOnlyServlet()).addMapping(PATH);
        ServletRegistration.Dynamic poll = context.addServlet("raw-poll", new RawPollServlet());
        poll.setAsyncSupported(true);
        poll.addMapping(POLL_PATH);
        // The ServerContainer is read in a listener: initializer order is undefined (STACK.md, gotcha 5).
        context.addListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                ServerContainer container = (ServerContainer) event.getServletContext()
                        .getAttribute(ServerContainer.class.getName());
                if (container == null) {
                    throw new IllegalStateException("no JSR-356 ServerContainer in this context");
                }
                try {
                    serialSends = container.getClass().getName().startsWith("org.apache.tomcat.");
                    container.addEndpoint(ServerEndpointConfig.Builder.create(RawEndpoint.class, PATH).build());
                } catch (DeploymentException e) {
                    throw new IllegalStateException("cannot deploy the raw endpoint at " + PATH, e);
                }
            }
        });
    }
}
