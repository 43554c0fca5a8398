package io.socketee.it.jetty;

import io.socketee.it.ConnectionStateRecoveryContract;
import io.socketee.it.ContainerHarness;

class JettyConnectionStateRecoveryIT extends ConnectionStateRecoveryContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
