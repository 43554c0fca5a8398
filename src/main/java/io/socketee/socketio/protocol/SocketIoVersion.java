package io.socketee.socketio.protocol;

import java.util.Optional;

/**
 * Socket.IO protocol revisions: v4 (socket.io 1.x and 2.x clients, over Engine.IO v3) and v5 (socket.io 3.x and 4.x
 * clients, over Engine.IO v4). Immutable, safe from any thread.
 *
 * <p>The packet encoding is the same in both; the differences the codec knows about are:
 * <ul>
 *   <li>v4 {@link PacketType#CONNECT} for a namespace may carry a query string in the namespace field
 *       ({@code 0/admin?token=1,}), which the decoder splits off into {@link Packet.Connect#query()};</li>
 *   <li>v4 calls type 4 {@code ERROR} and its payload may be any JSON value (usually a plain string,
 *       {@code 4/admin,"Not authorized"}); v5 {@link PacketType#CONNECT_ERROR} carries an object or a string.</li>
 * </ul>
 * Everything else that differs (v4's implicit connection to {@code /}, v5's {@code {"sid":…}} in the CONNECT reply)
 * is the business of the layer above.
 */
public enum SocketIoVersion {
    /** Revision 4: socket.io 1.x/2.x, Engine.IO v3 ({@code EIO=3}). */
    V4(4),
    /** Revision 5: socket.io 3.x/4.x, Engine.IO v4 ({@code EIO=4}). */
    V5(5);

    private final int number;

    SocketIoVersion(int number) {
        this.number = number;
    }

    /** The revision number of the protocol (4 or 5). */
    public int number() {
        return number;
    }

    /**
     * The Socket.IO revision that runs over an Engine.IO revision: 3 gives {@link #V4}, 4 gives {@link #V5}; empty for
     * anything else.
     */
    public static Optional<SocketIoVersion> forEngineIo(int engineIoVersion) {
        if (engineIoVersion == 4) {
            return Optional.of(V5);
        }
        if (engineIoVersion == 3) {
            return Optional.of(V4);
        }
        return Optional.empty();
    }
}
