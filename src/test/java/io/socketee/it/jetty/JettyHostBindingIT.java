package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.HostBindingContract;

class JettyHostBindingIT extends HostBindingContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
