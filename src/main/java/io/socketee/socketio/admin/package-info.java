/**
 * The server side of the Socket.IO Admin UI ({@code @socket.io/admin-ui} 0.5.1, wire-compatible with its dashboard):
 * {@link io.socketee.socketio.admin.AdminUi#instrument} adds the admin namespace to a server, with basic auth against
 * a bcrypt hash or none, read-only mode, the development-mode event log and the 2-second server stats. Built on the
 * plain Socket.IO API and its instrumentation hooks ({@link io.socketee.socketio.ServerListener},
 * {@link io.socketee.socketio.adapter.RoomListener}, {@code EngineIoSocket.onUpgrade}); knows nothing of servlets
 * ({@link io.socketee.socketio.admin.AdminUiFiles} holds the dashboard's files, the Jakarta glue serves them).
 *
 * <h2>Threads and locks</h2>
 * What the hooks report is turned into admin events on the thread that reported it, with no lock held, and broadcast
 * to the admin namespace (a non-blocking write). The counters of the aggregated events are guarded by the
 * {@code EventBuffer}'s monitor, never held while calling out. The stats and the password checks run on the
 * instrumentation's own daemon thread, stopped by {@link io.socketee.socketio.admin.AdminUi#close()}; at most
 * {@value io.socketee.socketio.admin.AdminUi#MAX_PENDING_LOGINS} password checks wait at a time, further logins are
 * refused at once.
 */
package io.socketee.socketio.admin;
