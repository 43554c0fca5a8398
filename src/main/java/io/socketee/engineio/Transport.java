package io.socketee.engineio;

import io.socketee.engineio.protocol.Packet;
import java.util.List;

/**
 * A session's way to the client. The session decides under its lock and the transport writes without it: the methods
 * below but {@link #writeOut()} are called with the session's lock held and start no container I/O (they take a held
 * poll, encode, queue frames, mark a close); {@link #writeOut()} is called after the session released its lock and
 * performs what they prepared. See the package documentation for the whole lock model.
 */
abstract sealed class Transport permits PollingTransport, WebSocketTransport {

    abstract TransportName name();

    /** Whether {@link #send} can write now. With the session lock. */
    abstract boolean writable();

    /** Whether a send now would go out at once, without waiting behind earlier data. With the session lock. */
    abstract boolean idle();

    /**
     * Hands packets over for writing; only when {@link #writable()}. Returns false when the transport's buffer would
     * overflow. With the session lock; the bytes go out in {@link #writeOut()}.
     */
    abstract boolean send(List<Packet> packets);

    /**
     * Closes the transport at once, telling the client where it still can (a held poll gets a close packet). With the
     * session lock; the client is told in {@link #writeOut()}.
     */
    abstract void close();

    /**
     * Performs the container I/O that {@link #send} and {@link #close} prepared: answers polls, sends frames, closes the
     * connection. Never with the session lock held; safe from any thread, and a call with nothing prepared does
     * nothing.
     */
    abstract void writeOut();
}
