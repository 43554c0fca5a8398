package io.socketee.bench;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The physical-limit reference: a bare JSR-356 endpoint at {@code /raw} that does the least a WebSocket server can
 * do for each benchmark, with no Engine.IO or Socket.IO on top. Text protocol:
 * <ul>
 *   <li>any text not starting with {@code #} is sent back as it came (echo);</li>
 *   <li>{@code #join} adds the connection to the one broadcast group and answers {@code #ok};</li>
 *   <li>{@code #bcast <payload>} sends {@code <payload>} to every connection of the group (one string, async sends)
 *       and answers {@code #ok}.</li>
 * </ul>
 * Sends are {@code getAsyncRemote().sendText} with no completion tracking (the container queues them).
 */
public final class RawEchoApp implements ServletContainerInitializer {
    public static final String PATH = "/raw";

    private static final Set<Session> GROUP = ConcurrentHashMap.newKeySet();

    /** The endpoint; one instance per connection. */
    public static final class RawEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxIdleTimeout(0);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> onText(session, text));
        }

        private static void onText(Session session, String text) {
            if (text.isEmpty() || text.charAt(0) != '#') {
                session.getAsyncRemote().sendText(text);
            } else if (text.equals("#join")) {
                GROUP.add(session);
                session.getAsyncRemote().sendText("#ok");
            } else if (text.startsWith("#bcast ")) {
                String payload = text.substring("#bcast ".length());
                for (Session member : GROUP) {
                    if (member.isOpen()) {
                        member.getAsyncRemote().sendText(payload);
                    }
                }
                session.getAsyncRemote().sendText("#ok");
            } else {
                session.getAsyncRemote().sendText("#unknown");
            }
        }

        @Override
        public void onClose(Session session, jakarta.websocket.CloseReason closeReason) {
            GROUP.remove(session);
        }

        @Override
        public void onError(Session session, Throwable error) {
            GROUP.remove(session);
        }
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
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
                    container.addEndpoint(ServerEndpointConfig.Builder.create(RawEndpoint.class, PATH).build());
                } catch (DeploymentException e) {
                    throw new IllegalStateException("cannot deploy the raw endpoint at " + PATH, e);
                }
            }
        });
    }
}
