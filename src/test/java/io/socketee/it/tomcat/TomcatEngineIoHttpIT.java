package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.EngineIoHttpContract;

class TomcatEngineIoHttpIT extends EngineIoHttpContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
