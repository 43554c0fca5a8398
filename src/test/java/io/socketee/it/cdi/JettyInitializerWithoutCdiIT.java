package io.socketee.it.cdi;

import io.socketee.it.ContainerHarness;
import io.socketee.it.jetty.JettyHarness;

class JettyInitializerWithoutCdiIT extends InitializerWithoutCdiContract {
    @Override
    ContainerHarness harness() {
        return new JettyHarness();
    }
}
