package io.socketee.layeringfixture.engineio;

/** With {@link io.socketee.layeringfixture.engineio.spi.View}, a package cycle inside one layer. */
public final class Session {
    io.socketee.layeringfixture.engineio.spi.View view;
}
