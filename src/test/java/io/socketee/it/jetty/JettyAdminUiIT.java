package io.socketee.it.jetty;

import io.socketee.it.AdminUiContract;
import io.socketee.it.ContainerHarness;

class JettyAdminUiIT extends AdminUiContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
