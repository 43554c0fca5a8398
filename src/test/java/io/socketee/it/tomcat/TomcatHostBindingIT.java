package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.HostBindingContract;

class TomcatHostBindingIT extends HostBindingContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
