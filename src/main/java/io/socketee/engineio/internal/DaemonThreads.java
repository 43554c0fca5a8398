package io.socketee.engineio.internal;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads that can be waited for once their executors are stopped, so that a container undeploying the
 * application finds no thread of ours still running. Waiting for an executor is not enough: its termination is
 * signalled just before its threads exit, and Tomcat looks for live threads right after the application's listeners
 * return (it would report a thread that is still exiting as a leak). So one instance remembers every thread its
 * factories made until that thread has ended, and {@link #join} waits for the threads themselves.
 *
 * <p>Thread-safe. The factories may be shared by several executors; {@link #join} is called after those executors
 * were shut down.
 */
public final class DaemonThreads {
    /** How long stopping waits for threads, at most: 2 s. */
    public static final long STOP_WAIT_MILLIS = 2000;

    private static final System.Logger LOG = System.getLogger(DaemonThreads.class.getName());

    /** The threads made here, until they are seen to have ended. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /** A factory of daemon threads, each named {@code name}. */
    public ThreadFactory named(String name) {
        return task -> track(new Thread(task, name));
    }

    /** A factory of daemon threads named {@code name-1}, {@code name-2}, … */
    public ThreadFactory numbered(String name) {
        AtomicInteger n = new AtomicInteger();
        return task -> track(new Thread(task, name + "-" + n.incrementAndGet()));
    }

    /**
     * A factory whose threads {@code maker} makes (so they keep their kind, such as Netty's thread-local-aware
     * threads) and which are remembered here as the others are.
     */
    public ThreadFactory madeBy(ThreadFactory maker) {
        return task -> track(maker.newThread(task));
    }

    private Thread track(Thread thread) {
        thread.setDaemon(true);
        threads.removeIf(t -> t.getState() == Thread.State.TERMINATED);
        threads.add(thread);
        return thread;
    }

    /**
     * Waits until every thread made here has ended, or the deadline has passed. The calling thread is left out: an
     * executor stopped from one of its own tasks ends its thread when that task returns.
     *
     * @param deadlineNanos in {@link System#nanoTime()} time; each thread is waited for at least 1 ms
     */
    public void join(long deadlineNanos) throws InterruptedException {
        Thread self = Thread.currentThread();
        for (Thread thread : threads) {
            if (thread != self) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
            }
        }
        threads.removeIf(t -> t.getState() == Thread.State.TERMINATED);
    }

    /** How many threads made here are still alive, the calling thread left out. */
    public int alive() {
        Thread self = Thread.currentThread();
        return (int) threads.stream().filter(t -> t != self && t.isAlive()).count();
    }

    /**
     * A scheduler with one daemon thread of this name, whose cancelled tasks are dropped at once; {@link #stopAndWait}
     * waits until its thread has ended.
     */
    public static ScheduledThreadPoolExecutor timer(String threadName) {
        return new Timer(threadName);
    }

    /** A one-thread scheduler that remembers its thread, so that stopping it can wait for the thread itself. */
    private static final class Timer extends ScheduledThreadPoolExecutor {
        private final DaemonThreads threads;

        Timer(String threadName) {
            this(threadName, new DaemonThreads());
        }

        private Timer(String threadName, DaemonThreads threads) {
            super(1, threads.named(threadName));
            this.threads = threads;
            setRemoveOnCancelPolicy(true);
        }
    }

    /**
     * Stops a timer ({@code shutdownNow}) and waits briefly ({@link #STOP_WAIT_MILLIS} at most) for its thread to end:
     * for a {@link #timer}, for the thread itself, not only the executor's termination. Logs a WARNING when the thread
     * did not stop in time.
     */
    public static void stopAndWait(ScheduledExecutorService timer) {
        timer.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        try {
            boolean stopped = timer.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (stopped && timer instanceof Timer own) {
                own.threads.join(deadline);
                stopped = own.threads.alive() == 0;
            }
            if (!stopped) {
                LOG.log(Level.WARNING, "a timer thread did not stop within 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
