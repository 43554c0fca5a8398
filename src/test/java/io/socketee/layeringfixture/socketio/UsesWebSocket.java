package io.socketee.layeringfixture.socketio;

/** Breaks the container-free Socket.IO layer and the WebSocket rule. */
public final class UsesWebSocket {
    jakarta.websocket.Session session;
}
