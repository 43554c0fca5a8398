package io.socketee.engineio;

import io.socketee.engineio.protocol.ProtocolVersion;

/**
 * What the Engine.IO server tells a metrics binding (such as the Micrometer one) as it happens; every method does
 * nothing by default. Set with {@link EngineIoServer#metrics}. Called on the threads that do the work — container
 * threads, the timer thread, application threads that send — often concurrently and never under a lock a send needs;
 * implementations must be thread-safe, quick and must not throw (count into meters, nothing more).
 *
 * <p>What can be read at any time ({@link EngineIoServer#sockets()}: the open sessions, their transports, protocol
 * versions and {@link EngineIoSocket#bufferedBytes()}) is not reported here: bindings read it when they are asked.
 */
public interface EngineIoMetrics {
    /** The no-op metrics, the server's default. */
    EngineIoMetrics NONE = new EngineIoMetrics() {
    };

    /** A handshake opened a session. */
    default void opened(ProtocolVersion version, TransportName transport) {
    }

    /** A session ended, for this reason. */
    default void closed(CloseReason reason) {
    }

    /** A polling session moved to WebSocket. */
    default void upgraded() {
    }

    /** A message arrived; {@code size} is its payload's length (characters of text, bytes of binary). */
    default void received(int size) {
    }

    /** A message was queued to be sent to one session; {@code size} as for {@link #received}. */
    default void sent(int size) {
    }
}
