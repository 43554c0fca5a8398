package io.socketee.socketio;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;

/**
 * One socket's work, run one task after the other and never two at once: on the blocking executor (see
 * {@link BlockingWorkers}), or on the calling thread when nothing of the socket waits or runs ({@link #runOrQueue}).
 * At most {@code limit} bounded tasks (events) wait; unbounded ones (the socket's lifecycle: connection and
 * disconnect listeners, a handful per socket) are always taken.
 *
 * <p>Thread-safe: tasks may be queued from any thread. A task runs under no lock.
 */
final class SerialQueue {
    private static final System.Logger LOG = System.getLogger(SerialQueue.class.getName());

    private final BlockingWorkers workers;
    private final int limit;
    /** Tasks waiting. Guarded by this. */
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    /** Bounded tasks among {@link #tasks}. Guarded by this. */
    private int bounded;
    /** Whether a task runs or a drain is scheduled: then a new task waits. Guarded by this. */
    private boolean busy;
    /** The worker thread running one of the tasks now (not a task run inline), or null. */
    private volatile Thread runner;

    /** A bounded task (an event), marked so that {@link #bounded} counts it. */
    private record Bounded(Runnable task) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }

    SerialQueue(BlockingWorkers workers, int limit) {
        this.workers = workers;
        this.limit = limit;
    }

    /** Queues a task for the executor; false (and not queued) when {@code bounded} and the queue is full. */
    boolean submit(Runnable task, boolean bounded) {
        synchronized (this) {
            if (!offer(task, bounded)) {
                return false;
            }
            if (busy) {
                return true;
            }
            busy = true;
        }
        workers.execute(this::drain);
        return true;
    }

    /**
     * Runs a task on this thread when nothing of the socket waits or runs; else queues it behind (false, not queued,
     * when {@code bounded} and the queue is full).
     */
    boolean runOrQueue(Runnable task, boolean bounded) {
        synchronized (this) {
            if (busy) {
                return offer(task, bounded);
            }
            busy = true;
        }
        try {
            run(task);
        } finally {
            boolean more;
            synchronized (this) {
                more = !tasks.isEmpty();
                busy = more;
            }
            if (more) {
                workers.execute(this::drain);
            }
        }
        return true;
    }

    /** How many events wait (not counting the one running). */
    synchronized int waiting() {
        return bounded;
    }

    private boolean offer(Runnable task, boolean isBounded) {
        if (isBounded) {
            if (bounded >= limit) {
                return false;
            }
            bounded++;
            tasks.add(new Bounded(task));
        } else {
            tasks.add(task);
        }
        return true;
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    busy = false;
                    return;
                }
                if (task instanceof Bounded) {
                    bounded--;
                }
            }
            runner = Thread.currentThread();
            try {
                run(task);
            } finally {
                runner = null;
            }
        }
    }

    /**
     * Whether the calling thread is the worker running one of this queue's tasks now: work it adds for the socket
     * then runs at once (it is in the socket's order already; queueing it would let events that arrived meanwhile go
     * first). False for a task run inline, on a container thread, which must not take on blocking work.
     */
    boolean runningHere() {
        return runner == Thread.currentThread();
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "socket.io: a socket's handler task failed", e);
            if (e instanceof VirtualMachineError) {
                throw e;
            }
        }
    }
}
