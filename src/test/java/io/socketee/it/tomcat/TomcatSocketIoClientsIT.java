package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.SocketIoClientsContract;

class TomcatSocketIoClientsIT extends SocketIoClientsContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
