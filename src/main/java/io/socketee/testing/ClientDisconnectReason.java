package io.socketee.testing;

/**
 * Why a {@link TestClient} is no longer connected to its namespace, in the words of the official client's
 * {@code disconnect} event (socket.io-client's reasons). What the server's handlers see is the server's own
 * {@link io.socketee.socketio.DisconnectReason}.
 */
public enum ClientDisconnectReason {
    /** The server disconnected the socket ({@code socket.disconnect()} on the server: a DISCONNECT packet came). */
    IO_SERVER_DISCONNECT("io server disconnect"),
    /** The test disconnected it ({@link TestClient#disconnect()} or {@link TestClient#close()}). */
    IO_CLIENT_DISCONNECT("io client disconnect"),
    /** The server closed the connection (a ping timeout, a parse error, {@code disconnect(true)}, shutdown). */
    TRANSPORT_CLOSE("transport close"),
    /** The network failed under the client ({@link TestClient#loseConnectionUnnoticed()}). */
    TRANSPORT_ERROR("transport error");

    private final String text;

    ClientDisconnectReason(String text) {
        this.text = text;
    }

    /** The reason as socket.io-client names it. */
    public String text() {
        return text;
    }
}
