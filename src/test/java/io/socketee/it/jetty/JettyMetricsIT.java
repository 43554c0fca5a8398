package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.MetricsContract;

class JettyMetricsIT extends MetricsContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
