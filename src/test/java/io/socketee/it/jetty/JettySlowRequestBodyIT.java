package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.SlowRequestBodyContract;

/** Jetty keeps its default thread pool: it needs threads of its own (acceptors, selectors) and never drains a body. */
class JettySlowRequestBodyIT extends SlowRequestBodyContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
