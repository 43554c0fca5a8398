package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.redis.RedisInteropContract;

class TomcatRedisInteropIT extends RedisInteropContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
