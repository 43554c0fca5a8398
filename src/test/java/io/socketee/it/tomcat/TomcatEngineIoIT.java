package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.EngineIoContract;

class TomcatEngineIoIT extends EngineIoContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
