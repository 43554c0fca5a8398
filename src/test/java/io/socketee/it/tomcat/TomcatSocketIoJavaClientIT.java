package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.SocketIoJavaClientContract;

class TomcatSocketIoJavaClientIT extends SocketIoJavaClientContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
