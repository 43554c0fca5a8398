package io.socketee.it.cdi;

import io.socketee.it.ContainerHarness;
import io.socketee.it.tomcat.TomcatHarness;

class TomcatInitializerWithoutCdiIT extends InitializerWithoutCdiContract {
    @Override
    ContainerHarness harness() {
        return new TomcatHarness();
    }
}
