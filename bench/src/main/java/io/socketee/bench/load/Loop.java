package io.socketee.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * The load generator's one event loop: one selector, one thread (the caller's), timers. Scenario code drives it with
 * {@link #runUntil}, which turns the loop until a condition holds or a deadline passes: everything is bounded in time.
 */
public final class Loop implements AutoCloseable {
    private final Selector selector;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /** Shared read buffer: connections copy what they cannot parse yet. */
    final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);
    private long timerSeq;

    public Loop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Selector selector() {
        return selector;
    }

    /** A task to run on the loop at (or after) a time. */
    public final class Timer implements Comparable<Timer> {
        final long at;
        final long seq = timerSeq++;
        final Runnable task;
        boolean cancelled;

        Timer(long at, Runnable task) {
            this.at = at;
            this.task = task;
        }

        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    public Timer schedule(long delayNanos, Runnable task) {
        Timer t = new Timer(System.nanoTime() + delayNanos, task);
        timers.add(t);
        return t;
    }

    /**
     * Turns the loop until {@code done} is true or {@code deadlineNanos} (a {@link System#nanoTime()} value) passes;
     * {@code tick}, when not null, runs at every turn (and the loop turns at least every {@code tickNanos}).
     *
     * @return whether {@code done} became true
     */
    public boolean runUntil(BooleanSupplier done, long deadlineNanos, Runnable tick, long tickNanos) {
        while (true) {
            if (done.getAsBoolean()) {
                return true;
            }
            long now = System.nanoTime();
            if (now - deadlineNanos >= 0) {
                return false;
            }
            runTimers(now);
            if (tick != null) {
                tick.run();
            }
            long wait = deadlineNanos - now;
            Timer next = timers.peek();
            if (next != null) {
                wait = Math.min(wait, next.at - now);
            }
            if (tick != null) {
                wait = Math.min(wait, tickNanos);
            }
            select(wait);
        }
    }

    public boolean runUntil(BooleanSupplier done, long deadlineNanos) {
        return runUntil(done, deadlineNanos, null, 0);
    }

    /** Turns the loop for a while. */
    public void runFor(long nanos) {
        runUntil(() -> false, System.nanoTime() + nanos);
    }

    private void runTimers(long now) {
        Timer t;
        while ((t = timers.peek()) != null && t.at - now <= 0) {
            timers.poll();
            if (!t.cancelled) {
                t.task.run();
            }
        }
    }

    private void select(long waitNanos) {
        try {
            // Sub-millisecond waits sleep a whole millisecond: no spinning (the generator's CPU is measured too).
            int n = waitNanos <= 0 ? selector.selectNow()
                    : selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
            if (n == 0) {
                return;
            }
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                Conn conn = (Conn) key.attachment();
                if (!key.isValid()) {
                    continue;
                }
                try {
                    int ready = key.readyOps();
                    if ((ready & SelectionKey.OP_CONNECT) != 0) {
                        conn.handleConnect();
                    }
                    if (key.isValid() && (ready & SelectionKey.OP_WRITE) != 0) {
                        conn.handleWritable();
                    }
                    if (key.isValid() && (ready & SelectionKey.OP_READ) != 0) {
                        conn.handleReadable();
                    }
                } catch (IOException | RuntimeException e) {
                    conn.fail(e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
