package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.SlowConsumerContract;

class TomcatSlowConsumerIT extends SlowConsumerContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }

    /**
     * Tomcat 11.0.25 keeps the TCP connection of such a session open (seen for more than 20 s, beyond the async send
     * timeout): its close frame cannot be written while the stuck send is in progress, and the socket is neither
     * written to nor closed afterwards. The session, its buffers and the heap are released all the same.
     */
    @Override
    protected boolean dropsTheConnectionOfAClosedSession() {
        return false;
    }
}
