package io.socketee.layeringfixture.engineio.spi;

/** With {@link io.socketee.layeringfixture.engineio.Session}, a package cycle inside one layer. */
public final class View {
    io.socketee.layeringfixture.engineio.Session session;
}
