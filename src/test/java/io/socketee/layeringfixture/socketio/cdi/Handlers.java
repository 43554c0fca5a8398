package io.socketee.layeringfixture.socketio.cdi;

/** Allowed: the CDI binding on CDI and the server. */
public final class Handlers {
    jakarta.enterprise.inject.spi.BeanManager beans;
    io.socketee.layeringfixture.socketio.Server server;
}
