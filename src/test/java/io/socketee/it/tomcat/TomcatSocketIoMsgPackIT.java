package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.SocketIoMsgPackContract;

class TomcatSocketIoMsgPackIT extends SocketIoMsgPackContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
