package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.SlowConsumerContract;

class JettySlowConsumerIT extends SlowConsumerContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
