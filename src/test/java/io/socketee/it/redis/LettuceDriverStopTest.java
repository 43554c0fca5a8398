package io.socketee.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socketee.socketio.redis.LettuceRedisDriver;
import io.socketee.socketio.redis.RedisDriver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
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
                LinkedBlockingQueue<String> read = new LinkedBlockingQueue<>();
                String stream = "stop-test-" + round;
                LettuceRedisDriver driver = LettuceRedisDriver.create(redis.url());
                try {
                    RedisDriver.Subscription tail = driver.readStream(stream, "0-0", 10, Duration.ofSeconds(5),
                            entries -> {
                                entries.forEach(entry -> read.add(entry.id()));
                                return CompletableFuture.completedFuture(null);
                            });
                    String id = driver.xadd(stream, 100, Map.of("n", "1")).get(5, TimeUnit.SECONDS);
                    assertEquals(id, read.poll(5, TimeUnit.SECONDS));
                    if (round % 2 == 0) {
                        tail.close();   // ends the loop: a later entry is not read
                        driver.xadd(stream, 100, Map.of("n", "2")).get(5, TimeUnit.SECONDS);
                        assertEquals(null, read.poll(300, TimeUnit.MILLISECONDS), "read after the tail was closed");
                    }
                } finally {
                    driver.close();   // while a blocking XREAD waits (odd rounds)
                }
                List<String> alive = Thread.getAllStackTraces().keySet().stream()
                        .filter(Thread::isAlive).map(Thread::getName)
                        .filter(name -> name.startsWith("lettuce-")).toList();
                assertEquals(List.of(), alive, "round " + round + ": Lettuce threads alive after close");
            }
        }
    }
}
