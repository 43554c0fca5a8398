package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.SocketIoServerApiContract;

class TomcatSocketIoServerApiIT extends SocketIoServerApiContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
