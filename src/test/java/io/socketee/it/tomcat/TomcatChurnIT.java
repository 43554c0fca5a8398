package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.ChurnContract;

class TomcatChurnIT extends ChurnContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
