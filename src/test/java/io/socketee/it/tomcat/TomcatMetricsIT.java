package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.MetricsContract;

class TomcatMetricsIT extends MetricsContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
