package io.socketee.layeringfixture.socketio.adapter;

/** Breaks the container-free Socket.IO layer and the CDI rule. */
public final class UsesCdi {
    jakarta.enterprise.inject.spi.BeanManager beans;
}
