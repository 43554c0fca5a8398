package io.socketee.it.jetty;

import io.socketee.it.BlockingDispatchContract;
import io.socketee.it.ContainerHarness;

class JettyBlockingDispatchIT extends BlockingDispatchContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
