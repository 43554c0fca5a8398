package io.socketee.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socketee.socketio.redis.LettuceRedisDriver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Closing the Lettuce driver leaves none of Lettuce's threads alive when close returns: Tomcat looks for live threads
 * right after an application's listeners return and reports each as a leak (it did in the example's nginx test).
 */
class LettuceDriverStopTest {
    private static final int ROUNDS = 20;

    @Test
    void noLettuceThreadOutlivesClose() throws Exception {
        assumeTrue(RedisServer.available(), "redis-server is not installed: skipping");
        try (RedisServer redis = RedisServer.start()) {
            for (int round = 0; round < ROUNDS; round++) {
                LettuceRedisDriver driver = LettuceRedisDriver.create(redis.url());
                CompletableFuture<Void> subscribed = new CompletableFuture<>();
                driver.subscribe("stop-test", (channel, message) -> { }, subscribed);
                subscribed.get(5, TimeUnit.SECONDS);
                driver.publish("stop-test", new byte[] {1}).get(5, TimeUnit.SECONDS);
                driver.close();
                List<String> alive = Thread.getAllStackTraces().keySet().stream()
                        .filter(Thread::isAlive).map(Thread::getName)
                        .filter(name -> name.startsWith("lettuce-")).toList();
                assertEquals(List.of(), alive, "round " + round + ": Lettuce threads alive after close");
            }
        }
    }

    @Test
    void noLettuceThreadOutlivesCloseWithAStreamBeingTailed() throws Exception {
        assumeTrue(RedisServer.available(), "redis-server is not installed: skipping");
        try (RedisServer redis = RedisServer.start()) {
            for (int round = 0; round < 5; round++) {
                LettuceRedisDriver driver = LettuceRedisDriver.create(redis.url());
                CompletableFuture<String> read = new CompletableFuture<>();
                driver.readStream("stop-test-" + round, "0-0", 10, java.time.Duration.ofSeconds(5), entries -> {
                    read.complete(entries.get(0).id());
                    return CompletableFuture.completedFuture(null);
                });
                String id = driver.xadd("stop-test-" + round, 100, java.util.Map.of("n", "1")).get(5, TimeUnit.SECONDS);
                assertEquals(id, read.get(5, TimeUnit.SECONDS));
                driver.close();   // while a blocking XREAD waits
                List<String> alive = Thread.getAllStackTraces().keySet().stream()
                        .filter(Thread::isAlive).map(Thread::getName)
                        .filter(name -> name.startsWith("lettuce-")).toList();
                assertEquals(List.of(), alive, "round " + round + ": Lettuce threads alive after close");
            }
        }
    }
}
