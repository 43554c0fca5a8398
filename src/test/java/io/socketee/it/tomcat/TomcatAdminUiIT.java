package io.socketee.it.tomcat;

import io.socketee.it.AdminUiContract;
import io.socketee.it.ContainerHarness;

class TomcatAdminUiIT extends AdminUiContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
