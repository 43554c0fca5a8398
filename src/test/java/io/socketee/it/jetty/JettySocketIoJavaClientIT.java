package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.SocketIoJavaClientContract;

class JettySocketIoJavaClientIT extends SocketIoJavaClientContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
