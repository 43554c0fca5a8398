package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.SocketIoMsgPackContract;

class JettySocketIoMsgPackIT extends SocketIoMsgPackContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
