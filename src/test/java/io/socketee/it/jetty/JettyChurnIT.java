package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.ChurnContract;

class JettyChurnIT extends ChurnContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
