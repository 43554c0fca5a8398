package io.socketee.layeringfixture.socketio;

/** Breaks the layer table (nothing uses the test kit) and the JUnit rule. */
public final class UsesTestKit {
    io.socketee.layeringfixture.testing.Kit kit;
    org.opentest4j.AssertionFailedError failure;
}
