/**
 * The Engine.IO server: sessions, heartbeat, the polling and WebSocket transports and the upgrade between them, for
 * protocol v3 and v4 on one path. It depends on the JDK only; hosts plug in through {@link io.socketee.engineio.spi}.
 * Start at {@link io.socketee.engineio.EngineIoServer}.
 *
 * <p>The session ({@code EngineIoSocket}) is the state machine: open, closing, closed; the write buffer; heartbeat;
 * upgrade. Each transport owns its wire: {@code PollingTransport} the held GET, the POSTs and their status codes (as
 * Node's {@code transports/polling.ts}), {@code WebSocketTransport} the frames of one connection.
 *
 * <h2>Locks</h2>
 * <ul>
 *   <li>{@code EngineIoSocket.inbound}: held while one session's incoming packets are handed to its message
 *       listeners, so that they are never called concurrently. Taken before the session lock, never while holding
 *       it.</li>
 *   <li>{@code EngineIoSocket.lock} (the session lock): the session's state — open, closing, closed, the write
 *       buffer, the timers, which transport is current and which is upgrading — and the polling transport's held GET
 *       and the POST it reads (its request handlers take this lock).</li>
 *   <li>A {@code WebSocketTransport}'s monitor: its frame queue and whether a send is under way. A polling
 *       transport's monitor: its prepared answers. Taken after the session lock (the session hands them frames and
 *       answers under its lock); never held while calling out.</li>
 * </ul>
 * <p>No container I/O under the session lock: under it a transport only prepares (takes the held GET and encodes its
 * answer, queues frames, marks a close); the session collects the transports that have something to write in its
 * outbox and, on every path out of the lock, has them write it ({@code Transport.writeOut()}) without any lock, then
 * tells its close listeners, once. Message listeners (and upgrade listeners) run under {@code inbound} only; close
 * listeners and connection listeners under no lock. Timer tasks run on the server's scheduler thread and follow the same rules. A container
 * callback (a send completing, a poll aborted, Tomcat's synchronous {@code onClose} from inside a close) may come on
 * any thread at any time: it takes the session lock afresh.
 */
package io.socketee.engineio;
