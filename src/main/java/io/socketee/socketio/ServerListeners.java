package io.socketee.socketio;

import io.socketee.engineio.EngineIoSocket;
import io.socketee.engineio.protocol.Packet;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@link ServerListener}s of one server, told one after the other; what one throws is logged and the others are
 * told all the same. Immutable: adding a listener makes a new instance, which the server publishes through a volatile
 * field, so telling them takes no lock.
 */
final class ServerListeners implements ServerListener {
    static final ServerListeners NONE = new ServerListeners(new ServerListener[0]);

    private static final System.Logger LOG = System.getLogger(ServerListeners.class.getName());

    private final ServerListener[] all;

    private ServerListeners(ServerListener[] all) {
        this.all = all;
    }

    ServerListeners with(ServerListener listener) {
        ServerListener[] more = Arrays.copyOf(all, all.length + 1);
        more[all.length] = java.util.Objects.requireNonNull(listener, "listener");
        return new ServerListeners(more);
    }

    private void tell(Consumer<ServerListener> event, Object about) {
        for (ServerListener listener : all) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "server listener " + listener + " failed on " + about, e);
            }
        }
    }

    @Override
    public void namespaceCreated(Namespace namespace) {
        tell(l -> l.namespaceCreated(namespace), namespace);
    }

    @Override
    public void namespaceRemoved(Namespace namespace) {
        tell(l -> l.namespaceRemoved(namespace), namespace);
    }

    @Override
    public void socketConnected(Socket socket) {
        tell(l -> l.socketConnected(socket), socket);
    }

    @Override
    public void messagesSent(EngineIoSocket connection, List<Packet> messages) {
        if (all.length > 0) { // every write passes here: no lambda when nobody listens
            tell(l -> l.messagesSent(connection, messages), "a write to " + connection.id());
        }
    }

    @Override
    public void handlerError(Namespace namespace) {
        tell(l -> l.handlerError(namespace), namespace);
    }

    @Override
    public void ackAnswered(Duration latency) {
        if (all.length > 0) {
            tell(l -> l.ackAnswered(latency), "an ack");
        }
    }

    @Override
    public void broadcast(String namespace, int receivers) {
        if (all.length > 0) {
            tell(l -> l.broadcast(namespace, receivers), "a broadcast of " + namespace);
        }
    }

    @Override
    public void clusterRequest(String namespace, String type, Duration elapsed, boolean complete) {
        tell(l -> l.clusterRequest(namespace, type, elapsed, complete), "a cluster request of " + namespace);
    }

    @Override
    public void recovery(boolean recovered) {
        tell(l -> l.recovery(recovered), "a recovery");
    }
}
