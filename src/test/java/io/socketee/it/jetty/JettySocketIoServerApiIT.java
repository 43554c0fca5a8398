package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.SocketIoServerApiContract;

class JettySocketIoServerApiIT extends SocketIoServerApiContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
