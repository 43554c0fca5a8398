package io.socketee.it.jetty;

import io.socketee.it.ContainerHarness;
import io.socketee.it.redis.RedisStreamsClusterContract;

class JettyRedisStreamsClusterIT extends RedisStreamsClusterContract {
    @Override
    protected ContainerHarness harness() {
        return new JettyHarness();
    }
}
