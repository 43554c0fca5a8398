package io.socketee.layeringfixture.micrometer;

/** Allowed: the Micrometer binding on Micrometer and the server. */
public final class Meters {
    io.micrometer.core.instrument.MeterRegistry registry;
    io.socketee.layeringfixture.socketio.Server server;
}
