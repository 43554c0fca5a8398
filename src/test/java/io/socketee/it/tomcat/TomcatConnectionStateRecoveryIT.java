package io.socketee.it.tomcat;

import io.socketee.it.ConnectionStateRecoveryContract;
import io.socketee.it.ContainerHarness;

class TomcatConnectionStateRecoveryIT extends ConnectionStateRecoveryContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
