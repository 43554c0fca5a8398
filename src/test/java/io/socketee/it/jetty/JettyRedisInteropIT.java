package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.redis.RedisInteropContract;

class JettyRedisInteropIT extends RedisInteropContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
