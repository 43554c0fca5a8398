package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.SocketIoPythonClientContract;

class TomcatSocketIoPythonClientIT extends SocketIoPythonClientContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
