package io.socketee.it.tomcat;

import io.socketee.it.BlockingDispatchContract;
import io.socketee.it.ContainerHarness;

class TomcatBlockingDispatchIT extends BlockingDispatchContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
