package io.socketee.engineio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping executors and waiting for their threads themselves, as an undeploying container needs. */
class DaemonThreadsTest {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static Thread threadOf(ExecutorService executor) throws Exception {
        return CompletableFuture.supplyAsync(Thread::currentThread, executor).get(5, TimeUnit.SECONDS);
    }

    @Test
    void timerRunsOnOneDaemonThreadOfItsName() throws Exception {
        ScheduledThreadPoolExecutor timer = DaemonThreads.timer("test-timer");
        try {
            Thread thread = threadOf(timer);
            assertEquals("test-timer", thread.getName());
            assertTrue(thread.isDaemon());
            assertTrue(timer.getRemoveOnCancelPolicy());
            assertEquals(thread, threadOf(timer));
        } finally {
            DaemonThreads.stopAndWait(timer);
        }
    }

    @Test
    void stopAndWaitReturnsOnlyOnceTheTimerThreadHasEnded() throws Exception {
        ScheduledThreadPoolExecutor timer = DaemonThreads.timer("test-timer");
        Thread thread = threadOf(timer);
        DaemonThreads.stopAndWait(timer);
        assertTrue(timer.isTerminated());
        assertFalse(thread.isAlive());
    }

    @Test
    void numberedFactoriesNameDaemonThreadsFromOne() throws Exception {
        DaemonThreads threads = new DaemonThreads();
        ExecutorService first = Executors.newFixedThreadPool(1, threads.numbered("test-inbox"));
        ExecutorService second = Executors.newFixedThreadPool(1, threads.numbered("test-inbox"));
        try {
            assertEquals("test-inbox-1", threadOf(first).getName());
            assertEquals("test-inbox-1", threadOf(second).getName());
            assertTrue(threadOf(first).isDaemon());
        } finally {
            first.shutdown();
            second.shutdown();
            threads.join(System.nanoTime() + DEADLINE_NANOS);
        }
    }

    @Test
    void joinWaitsForTheThreadsOfEveryFactoryAfterTheirExecutorsStop() throws Exception {
        DaemonThreads threads = new DaemonThreads();
        ExecutorService inbox = Executors.newFixedThreadPool(1, threads.numbered("test-inbox"));
        ExecutorService timers = Executors.newFixedThreadPool(1, threads.named("test-timer"));
        Thread a = threadOf(inbox);
        Thread b = threadOf(timers);
        assertEquals(2, threads.alive());
        inbox.shutdown();
        timers.shutdownNow();
        threads.join(System.nanoTime() + DEADLINE_NANOS);
        assertFalse(a.isAlive());
        assertFalse(b.isAlive());
        assertEquals(0, threads.alive());
    }

    @Test
    void joinFromOneOfItsOwnThreadsLeavesThatThreadOut() throws Exception {
        DaemonThreads threads = new DaemonThreads();
        ExecutorService executor = Executors.newFixedThreadPool(1, threads.named("test-self"));
        int aliveSeenFromInside = CompletableFuture.supplyAsync(() -> {
            executor.shutdown();
            try {
                threads.join(System.nanoTime() + DEADLINE_NANOS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return threads.alive();
        }, executor).get(1, TimeUnit.SECONDS);
        assertEquals(0, aliveSeenFromInside);
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }
}
