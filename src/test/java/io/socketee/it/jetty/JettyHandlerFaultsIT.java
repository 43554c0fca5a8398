package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.HandlerFaultsContract;

class JettyHandlerFaultsIT extends HandlerFaultsContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
