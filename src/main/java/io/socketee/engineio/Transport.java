package io.socketee.engineio;

import io.socketee.engineio.protocol.Packet;
import java.util.List;

/**
 * A session's way to the client. Every method is called with the session's lock held, and does no I/O: what must be
 * written or closed goes to {@code io}, which the session runs once it has released its lock.
 */
abstract sealed class Transport permits PollingTransport, WebSocketTransport {

    abstract TransportName name();

    /** Whether {@link #send} can write now. */
    abstract boolean writable();

    /** Whether a send now would go out at once, without waiting behind earlier data. */
    abstract boolean idle();

    /**
     * Takes packets to write, only when {@link #writable()}; the writing goes to {@code io}. Returns false when the
     * transport's buffer would overflow.
     */
    abstract boolean send(List<Packet> packets, List<Runnable> io);

    /**
     * Closes the transport at once, telling the client where it still can (a held poll gets a close packet); the
     * writing and closing go to {@code io}.
     */
    abstract void close(List<Runnable> io);
}
