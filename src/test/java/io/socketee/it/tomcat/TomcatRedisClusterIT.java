package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.redis.RedisClusterContract;

class TomcatRedisClusterIT extends RedisClusterContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
