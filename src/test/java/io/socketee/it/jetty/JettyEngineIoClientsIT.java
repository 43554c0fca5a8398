package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.EngineIoClientsContract;

class JettyEngineIoClientsIT extends EngineIoClientsContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
