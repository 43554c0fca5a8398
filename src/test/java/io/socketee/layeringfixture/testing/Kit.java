package io.socketee.layeringfixture.testing;

/** Allowed: the test kit on JUnit's assertions and the Socket.IO core. */
public final class Kit {
    org.opentest4j.AssertionFailedError failure;
    org.junit.jupiter.api.Assertions assertions;
    io.socketee.layeringfixture.socketio.core.Handshake handshake;
}
