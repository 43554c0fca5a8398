package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.SocketIoClientsContract;

class JettySocketIoClientsIT extends SocketIoClientsContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
