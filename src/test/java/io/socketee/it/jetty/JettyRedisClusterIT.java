package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.redis.RedisClusterContract;

class JettyRedisClusterIT extends RedisClusterContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
