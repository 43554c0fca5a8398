package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.EngineIoClientsContract;

class TomcatEngineIoClientsIT extends EngineIoClientsContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
