package io.socketee.engineio;

import io.socketee.engineio.protocol.Packet;
import java.util.List;

/**
 * A session's way to the client. Every method is called with the session's lock held.
 */
abstract sealed class Transport permits PollingTransport, WebSocketTransport {

    abstract TransportName name();

    /** Whether {@link #send} can write now. */
    abstract boolean writable();

    /** Whether a send now would go out at once, without waiting behind earlier data. */
    abstract boolean idle();

    /** Writes packets; only when {@link #writable()}. Returns false when the transport's buffer would overflow. */
    abstract boolean send(List<Packet> packets);

    /** Closes the transport at once, telling the client where it still can (a held poll gets a close packet). */
    abstract void close();
}
