package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.HandlerFaultsContract;

class TomcatHandlerFaultsIT extends HandlerFaultsContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
