package io.socketee.layeringfixture.testing.cdi;

/** Allowed: the test kit's CDI mode on CDI, the CDI binding and the kit. */
public final class CdiKit {
    jakarta.enterprise.inject.spi.BeanManager beans;
    io.socketee.layeringfixture.socketio.cdi.Handlers handlers;
    io.socketee.layeringfixture.testing.Kit kit;
}
