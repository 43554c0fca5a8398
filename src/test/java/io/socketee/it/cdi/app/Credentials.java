package io.socketee.it.cdi.app;

/** The auth payload of a CONNECT (the namespace query for socket.io 2.x clients). */
public record Credentials(String token) {
}
