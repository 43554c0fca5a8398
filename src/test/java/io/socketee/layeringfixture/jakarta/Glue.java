package io.socketee.layeringfixture.jakarta;

/** Allowed: the glue sees everything. */
public final class Glue {
    jakarta.servlet.ServletContext context;
    jakarta.enterprise.inject.spi.BeanManager beans;
    io.socketee.layeringfixture.engineio.servlet.Binding binding;
    io.socketee.layeringfixture.socketio.cdi.Handlers handlers;
}
