package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.EngineIoContract;

class JettyEngineIoIT extends EngineIoContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
