package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.EngineIoHttpContract;

class JettyEngineIoHttpIT extends EngineIoHttpContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
