package io.socketee.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on virtual time: the server's timers (heartbeat and ping timeout, upgrade timeout, connect timeout, ack
 * timeouts, and any other timer the server schedules through its scheduler) wait until the test {@link #advance}s the
 * clock, then every task that falls due runs, in due order, on the test's thread. A test of a 45-second timeout takes
 * milliseconds, and whether a timer fires before or after a client's packet is the test's choice, not the machine's.
 *
 * <pre>{@code
 * VirtualClock clock = server.clock();
 * clock.advance(Duration.ofSeconds(44));   // nothing yet
 * clock.advance(Duration.ofSeconds(1));    // the connect timeout fires now
 * }</pre>
 *
 * <p>It is also an {@link java.util.concurrent.ExecutorService}: {@link #execute} queues the task to run at the current
 * virtual time, on the next {@link #advance} or {@link #runDue()}, so it serves as a deterministic executor for work a
 * test wants to run at a moment of its choosing.
 *
 * <p>Threading: any thread may schedule and cancel; tasks run on the thread that calls {@link #advance} or
 * {@link #runDue()}, one at a time. Let one thread (the test's) advance the clock. A task that throws does not stop the
 * others: the first failure is rethrown by {@link #advance} once the due tasks have run, as an
 * {@link AssertionError}, so a failing timer fails the test instead of vanishing.
 */
public final class VirtualClock extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Task<?>> tasks = new PriorityQueue<>();
    private long nowNanos;
    private long sequence;
    private boolean shutdown;

    /** A clock at virtual time zero with nothing scheduled. */
    public VirtualClock() {
    }

    /** Virtual time since the clock was made. */
    public synchronized Duration now() {
        return Duration.ofNanos(nowNanos);
    }

    /** Virtual milliseconds since the clock was made. */
    public synchronized long millis() {
        return TimeUnit.NANOSECONDS.toMillis(nowNanos);
    }

    /**
     * This clock's time as a {@link java.time.Clock} (UTC, starting at the epoch), for what measures time by a
     * {@code Clock} rather than by timers (the ages of the sessions kept for connection state recovery).
     */
    public java.time.Clock asClock() {
        return new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException("a virtual clock has one zone, UTC");
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.ofEpochMilli(millis());
            }

            @Override
            public long millis() {
                return VirtualClock.this.millis();
            }
        };
    }

    /**
     * Moves time forward by {@code step}, running every task due by then, in due order (tasks due at the same moment
     * in the order they were scheduled), tasks those tasks schedule included. Then time is {@code now() + step}.
     *
     * @throws IllegalArgumentException when {@code step} is negative
     * @throws AssertionError           when a task threw (after the others ran)
     */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + step);
        }
        long end;
        synchronized (this) {
            end = nowNanos + step.toNanos();
        }
        Throwable failure = null;
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueNanos > end) {
                    nowNanos = end;
                    break;
                }
                tasks.poll();
                nowNanos = Math.max(nowNanos, next.dueNanos);
            }
            Throwable thrown = next.runOnce();
            if (thrown != null && failure == null) {
                failure = thrown;
            }
        }
        if (failure != null) {
            throw new AssertionError("a task on the virtual clock failed: " + failure, failure);
        }
    }

    /** Runs what is due now (tasks queued with {@link #execute} or with no delay), without moving time. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time to the next task that is due and runs what is due then; false when nothing is scheduled. */
    public boolean advanceToNext() {
        long step;
        synchronized (this) {
            Task<?> next = tasks.peek();
            if (next == null) {
                return false;
            }
            step = Math.max(0, next.dueNanos - nowNanos);
        }
        advance(Duration.ofNanos(step));
        return true;
    }

    /** How many tasks wait (cancelled ones are removed at once), for "no timer left behind" checks. */
    public synchronized int pendingTasks() {
        return tasks.size();
    }

    /** When each waiting task is due, in virtual milliseconds since the clock was made, earliest first. */
    public synchronized List<Long> pendingDueMillis() {
        List<Task<?>> sorted = new ArrayList<>(tasks);
        sorted.sort(null);
        List<Long> due = new ArrayList<>(sorted.size());
        for (Task<?> t : sorted) {
            due.add(TimeUnit.NANOSECONDS.toMillis(t.dueNanos));
        }
        return due;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        return schedule(() -> {
            command.run();
            return null;
        }, delay, unit);
    }

    @Override
    public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Objects.requireNonNull(callable, "callable");
        if (shutdown) {
            throw new RejectedExecutionException("the virtual clock is shut down");
        }
        Task<V> task = new Task<>(callable, nowNanos + Math.max(0, unit.toNanos(delay)), sequence++, 0);
        tasks.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return periodic(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        // Tasks take no virtual time, so a fixed delay and a fixed rate are the same thing here.
        return periodic(command, initialDelay, delay, unit);
    }

    private synchronized ScheduledFuture<?> periodic(Runnable command, long initialDelay, long period, TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        if (period <= 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        if (shutdown) {
            throw new RejectedExecutionException("the virtual clock is shut down");
        }
        Task<Void> task = new Task<>(() -> {
            command.run();
            return null;
        }, nowNanos + Math.max(0, unit.toNanos(initialDelay)), sequence++, unit.toNanos(period));
        tasks.add(task);
        return task;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    /** Refuses new tasks; those waiting still run when the clock is advanced. */
    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    /** Refuses new tasks and drops those waiting. */
    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> dropped = new ArrayList<>(tasks);
        tasks.clear();
        return dropped;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && tasks.isEmpty();
    }

    /** Returns at once: nothing runs unless the clock is advanced. */
    @Override
    public synchronized boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    @Override
    public synchronized String toString() {
        return "VirtualClock[now=" + millis() + " ms, " + tasks.size() + " pending]";
    }

    private final class Task<V> implements ScheduledFuture<V>, Runnable {
        private final Callable<V> callable;
        private final long periodNanos;
        private long dueNanos;
        private long order;
        private boolean cancelled;
        private boolean done;
        private V result;
        private Throwable failure;

        Task(Callable<V> callable, long dueNanos, long order, long periodNanos) {
            this.callable = callable;
            this.dueNanos = dueNanos;
            this.order = order;
            this.periodNanos = periodNanos;
        }

        /** As a {@link Runnable} for {@link #shutdownNow()}'s list. */
        @Override
        public void run() {
            Throwable thrown = runOnce();
            if (thrown != null) {
                throw new IllegalStateException(thrown);
            }
        }

        /** Runs the task; what it threw, or null. */
        Throwable runOnce() {
            synchronized (VirtualClock.this) {
                if (cancelled) {
                    return null;
                }
            }
            try {
                V value = callable.call();
                synchronized (VirtualClock.this) {
                    if (periodNanos > 0 && !cancelled) {
                        dueNanos += periodNanos;
                        order = sequence++;
                        tasks.add(this);
                    } else {
                        result = value;
                        done = true;
                    }
                }
                return null;
            } catch (Exception | AssertionError e) {
                synchronized (VirtualClock.this) {
                    failure = e;
                    done = true;
                }
                return e;
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
                if (done || cancelled) {
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

        /** The result once the task ran; never blocks (nothing runs while a thread waits): fails when not run yet. */
        @Override
        public V get() throws ExecutionException {
            synchronized (VirtualClock.this) {
                if (cancelled) {
                    throw new CancellationException();
                }
                if (!done) {
                    throw new IllegalStateException("not run yet: advance the virtual clock");
                }
                if (failure != null) {
                    throw new ExecutionException(failure);
                }
                return result;
            }
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws ExecutionException {
            return get();
        }
    }
}
