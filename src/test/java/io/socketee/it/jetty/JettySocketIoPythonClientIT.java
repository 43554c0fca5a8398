package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.SocketIoPythonClientContract;

class JettySocketIoPythonClientIT extends SocketIoPythonClientContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
