package io.socketee.it.tomcat;

import io.socketee.it.ContainerHarness;
import io.socketee.it.redis.RedisStreamsInteropContract;

class TomcatRedisStreamsInteropIT extends RedisStreamsInteropContract {
    @Override
    protected ContainerHarness harness() {
        return new TomcatHarness();
    }
}
