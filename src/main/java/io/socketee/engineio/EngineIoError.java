package io.socketee.engineio;

import java.nio.charset.StandardCharsets;

/**
 * The request errors a client can see, with the codes, messages and HTTP statuses of the Node.js server.
 * Their body is {@code {"code":N,"message":"..."}} as {@code application/json}.
 */
public enum EngineIoError {
    UNKNOWN_TRANSPORT(0, "Transport unknown", 400),
    UNKNOWN_SID(1, "Session ID unknown", 400),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method", 400),
    BAD_REQUEST(3, "Bad request", 400),
    FORBIDDEN(4, "Forbidden", 403),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", 400);

    private final int code;
    private final String message;
    private final int httpStatus;
    private final byte[] body;

    EngineIoError(int code, String message, int httpStatus) {
        this.code = code;
        this.message = message;
        this.httpStatus = httpStatus;
        this.body = ("{\"code\":" + code + ",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The JSON body of the error response. */
    public byte[] body() {
        return body.clone();
    }

    byte[] sharedBody() {
        return body;
    }
}
