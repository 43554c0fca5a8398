package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.redis.RedisStreamsInteropContract;

class JettyRedisStreamsInteropIT extends RedisStreamsInteropContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
