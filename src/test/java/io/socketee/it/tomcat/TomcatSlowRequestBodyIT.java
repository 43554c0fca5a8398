package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.SlowRequestBodyContract;

class TomcatSlowRequestBodyIT extends SlowRequestBodyContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness().withConnectorProperty("maxThreads", String.valueOf(WORKER_THREADS))
                .withConnectorProperty("minSpareThreads", String.valueOf(WORKER_THREADS));
    }
}
