package io.socketee.engineio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on virtual time for the in-process tier: nothing runs until the test {@link #advance}s the clock, and
 * then every task that falls due runs, in due order, on the test's thread. A 45-second timeout takes no time, and a
 * race between a timer and a request is a choice of the test, not of the machine. Not thread-safe beyond what a
 * single test thread needs (tasks scheduled from within tasks are fine).
 */
final class VirtualClock extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Task<?>> tasks = new PriorityQueue<>();
    private long nowNanos;
    private long sequence;
    private boolean shutdown;

    /** Virtual milliseconds since the clock was made. */
    synchronized long millis() {
        return TimeUnit.NANOSECONDS.toMillis(nowNanos);
    }

    /** Moves time forward by {@code step}, running every task due by then, in order. */
    void advance(Duration step) {
        long end;
        synchronized (this) {
            end = nowNanos + step.toNanos();
        }
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueNanos > end) {
                    nowNanos = end;
                    return;
                }
                tasks.poll();
                nowNanos = Math.max(nowNanos, next.dueNanos);
            }
            next.run();
        }
    }

    /** Runs what is due now (for tasks scheduled with no delay). */
    void runDue() {
        advance(Duration.ZERO);
    }

    /** The tasks still waiting (not cancelled), for "nothing left scheduled" checks. */
    synchronized List<Long> pendingDueMillis() {
        List<Long> due = new ArrayList<>();
        for (Task<?> t : tasks) {
            if (!t.isCancelled()) {
                due.add(TimeUnit.NANOSECONDS.toMillis(t.dueNanos));
            }
        }
        return due;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return schedule(() -> {
            command.run();
            return null;
        }, delay, unit);
    }

    @Override
    public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Task<V> task = new Task<>(callable, nowNanos + Math.max(0, unit.toNanos(delay)), sequence++);
        tasks.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the server");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the server");
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        tasks.clear();
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task<V> implements ScheduledFuture<V> {
        private final Callable<V> callable;
        private final long dueNanos;
        private final long order;
        private boolean cancelled;
        private boolean done;
        private V result;

        Task(Callable<V> callable, long dueNanos, long order) {
            this.callable = callable;
            this.dueNanos = dueNanos;
            this.order = order;
        }

        void run() {
            synchronized (VirtualClock.this) {
                if (cancelled) {
                    return;
                }
            }
            try {
                V value = callable.call();
                synchronized (VirtualClock.this) {
                    result = value;
                }
            } catch (Exception e) {
                throw new IllegalStateException("a scheduled task failed", e);
            } finally {
                synchronized (VirtualClock.this) {
                    done = true;
                }
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            synchronized (VirtualClock.this) {
                return unit.convert(dueNanos - nowNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> o = (Task<?>) other;
            return dueNanos != o.dueNanos ? Long.compare(dueNanos, o.dueNanos) : Long.compare(order, o.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (VirtualClock.this) {
                if (done) {
                    return false;
                }
                cancelled = true;
                tasks.remove(this);
                return true;
            }
        }

        @Override
        public boolean isCancelled() {
            synchronized (VirtualClock.this) {
                return cancelled;
            }
        }

        @Override
        public boolean isDone() {
            synchronized (VirtualClock.this) {
                return done || cancelled;
            }
        }

        @Override
        public V get() {
            synchronized (VirtualClock.this) {
                if (cancelled) {
                    throw new CancellationException();
                }
                if (!done) {
                    throw new IllegalStateException("not run yet: advance the clock");
                }
                return result;
            }
        }

        @Override
        public V get(long timeout, TimeUnit unit) {
            return get();
        }
    }
}
