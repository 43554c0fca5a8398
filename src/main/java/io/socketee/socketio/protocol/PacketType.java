package io.socketee.socketio.protocol;

/**
 * Socket.IO packet types with their numeric codes, the first character of every encoded packet. The codes are the same
 * in v4 and v5; v4 names type 4 {@code ERROR}. Immutable, safe from any thread.
 */
public enum PacketType {
    /** 0: join a namespace (client), or accept the join (server). */
    CONNECT(0),
    /** 1: leave a namespace; no payload. */
    DISCONNECT(1),
    /** 2: an event, {@code ["name", args…]}, optionally with an ack id. */
    EVENT(2),
    /** 3: the answer to an event that carried an ack id; payload an array. */
    ACK(3),
    /** 4: the refusal of a CONNECT ({@code ERROR} in v4). */
    CONNECT_ERROR(4),
    /** 5: an EVENT whose arguments contain binary data, sent as attachments after the text. */
    BINARY_EVENT(5),
    /** 6: an ACK whose arguments contain binary data, sent as attachments after the text. */
    BINARY_ACK(6);

    private static final PacketType[] BY_CODE = values();

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    /** The number of this type on the wire (written as one decimal digit). */
    public int code() {
        return code;
    }

    /** Whether packets of this type announce binary attachments ({@code 5<n>-…}, {@code 6<n>-…}). */
    public boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }

    /** The type whose code is {@code code}. */
    public static PacketType fromCode(int code) throws SocketIoDecodeException {
        if (code < 0 || code >= BY_CODE.length) {
            throw new SocketIoDecodeException("unknown packet type");
        }
        return BY_CODE[code];
    }
}
