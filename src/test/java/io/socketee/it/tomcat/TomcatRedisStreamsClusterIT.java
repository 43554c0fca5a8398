package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.redis.RedisStreamsClusterContract;

class TomcatRedisStreamsClusterIT extends RedisStreamsClusterContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
