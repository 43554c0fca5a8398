package io.socketee.socketio.redis.internal;

import io.socketee.engineio.internal.DaemonThreads;
import io.socketee.socketio.adapter.ClusterAdapter;
import java.lang.System.Logger.Level;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The daemon threads the adapters of one Redis adapter factory share: the inbox (what comes from Redis, handled one
 * task at a time, in order, in a queue of at most {@code maxQueued} tasks) and the timers. They start with the first
 * adapter ({@link #acquire}) and stop, waited for, when the last one closes ({@link #release}), so that an undeployed
 * web application leaves no thread behind (a later adapter starts them again). Thread-safe; the executors are swapped
 * under this object's monitor and read through volatile fields.
 */
public final class AdapterThreads implements ClusterAdapter.Timers {
    private static final System.Logger LOG = System.getLogger(AdapterThreads.class.getName());

    private final String prefix;
    private final String what;
    private final int maxQueued;
    private final AtomicBoolean dropping = new AtomicBoolean();
    private final DaemonThreads threads = new DaemonThreads();
    /** Adapters using the threads; guarded by this object's monitor. */
    private int adapters;
    private volatile ThreadPoolExecutor inbox;
    private volatile ScheduledThreadPoolExecutor timers;

    /**
     * @param prefix    the threads' names ({@code <prefix>-inbox-N}, {@code <prefix>-timer-N})
     * @param what      the adapter, for log lines ("Redis adapter")
     * @param maxQueued most inbox tasks waiting
     */
    public AdapterThreads(String prefix, String what, int maxQueued) {
        this.prefix = prefix;
        this.what = what;
        this.maxQueued = maxQueued;
    }

    /**
     * Runs {@code task} on the inbox thread after the tasks before it; false when the inbox is full (one warning per
     * overflow) or stopped, and the task will not run.
     */
    public boolean execute(Runnable task) {
        ThreadPoolExecutor executor = inbox;
        if (executor == null) {
            return false;
        }
        try {
            executor.execute(() -> {
                dropping.set(false);
                task.run();
            });
            return true;
        } catch (RejectedExecutionException e) {
            if (!executor.isShutdown() && dropping.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, what + ": more than " + maxQueued + " messages waiting; dropping new ones");
            }
            return false;
        }
    }

    @Override
    public ClusterAdapter.Timer schedule(Runnable task, long delayMillis) {
        ScheduledFuture<?> scheduled = timers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return () -> scheduled.cancel(false);
    }

    /** Starts the threads for the first adapter; true when this was the first. */
    public synchronized boolean acquire() {
        if (adapters++ > 0) {
            return false;
        }
        ThreadPoolExecutor newInbox = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(maxQueued), threads.numbered(prefix + "-inbox"),
                new ThreadPoolExecutor.AbortPolicy());
        newInbox.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor newTimers = new ScheduledThreadPoolExecutor(1, threads.numbered(prefix + "-timer"));
        newTimers.setRemoveOnCancelPolicy(true);
        newTimers.setKeepAliveTime(30, TimeUnit.SECONDS);
        newTimers.allowCoreThreadTimeOut(true);
        inbox = newInbox;
        timers = newTimers;
        return true;
    }

    /** Stops the threads, waiting for them, when the last adapter goes; true when this was the last. */
    public synchronized boolean release() {
        if (--adapters > 0) {
            return false;
        }
        inbox.shutdown();
        timers.shutdownNow();
        // the threads themselves, not only the executors: a container checks for live threads right after
        try {
            threads.join(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DaemonThreads.STOP_WAIT_MILLIS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = threads.alive();
        if (left > 0) {
            LOG.log(Level.WARNING, what + ": " + left + " thread(s) did not stop within 2 s");
        }
        return true;
    }
}
