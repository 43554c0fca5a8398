package io.socketee.socketio;

import io.socketee.engineio.internal.DaemonThreads;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor of a server's {@link HandlerMode#BLOCKING} work, and the sockets' {@link SerialQueue}s on it. The
 * executor is the configured one ({@link SocketIoConfig#blockingExecutor()}), or, made on first use and owned here, a
 * virtual thread per task where the JVM has them (Java 21 and later; found once, with method handles, since the
 * library is compiled for Java 17), else a pool of {@value #POOL_THREADS} daemon threads. Tasks run with the context
 * class loader of the thread that created the server (the application's).
 *
 * <p>Thread-safe. {@link #close} waits, for at most {@value #CLOSE_WAIT_MILLIS} ms, until the queued work has run.
 */
final class BlockingWorkers {
    private static final System.Logger LOG = System.getLogger(BlockingWorkers.class.getName());
    /** Threads of the fallback pool (Java 17 to 20, no executor configured). */
    static final int POOL_THREADS = 64;
    /** How long {@link #close} waits for queued blocking work, at most. */
    static final long CLOSE_WAIT_MILLIS = 10_000;
    /** Sockets whose work may wait for a thread of the fallback pool (each socket waits with one task at most). */
    private static final int POOL_QUEUE = 1 << 16;

    private final Executor configured;
    private final int maxQueuedEvents;
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();
    private final DaemonThreads threads = new DaemonThreads();
    /** Drains scheduled or running: what {@link #close} waits for. Guarded by itself. */
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean rejectionLogged = new AtomicBoolean();
    private volatile ExecutorService owned;
    private volatile boolean closed;

    BlockingWorkers(SocketIoConfig config) {
        this.configured = config.blockingExecutor().orElse(null);
        this.maxQueuedEvents = config.maxQueuedEvents();
    }

    /** A new queue for one socket. */
    SerialQueue newQueue() {
        return new SerialQueue(this, maxQueuedEvents);
    }

    /**
     * Runs a socket queue's drain on the executor; when the executor rejects it (saturated, or shut down by its
     * owner), on this thread, so that no task is lost.
     */
    void execute(Runnable drain) {
        running.incrementAndGet();
        Runnable task = () -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                drain.run();
            } finally {
                thread.setContextClassLoader(previous);
                if (running.decrementAndGet() == 0) {
                    synchronized (running) {
                        running.notifyAll();
                    }
                }
            }
        };
        try {
            executor().execute(task);
        } catch (RejectedExecutionException e) {
            if (rejectionLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "socket.io: the blocking executor rejected work; it runs on the thread that"
                        + " submitted it (further rejections are not logged)", e);
            }
            task.run();
        }
    }

    private Executor executor() {
        if (configured != null) {
            return configured;
        }
        ExecutorService executor = owned;
        if (executor == null) {
            synchronized (this) {
                executor = owned;
                if (executor == null) {
                    if (closed) {
                        throw new RejectedExecutionException("the server is closed");
                    }
                    owned = executor = createDefault(threads);
                }
            }
        }
        return executor;
    }

    /** Virtual threads where the JVM has them, else a bounded pool of daemon threads. */
    static ExecutorService createDefault(DaemonThreads threads) {
        ExecutorService virtual = virtualThreads();
        if (virtual != null) {
            LOG.log(Level.DEBUG, "socket.io: blocking handlers run on virtual threads");
            return virtual;
        }
        ThreadFactory factory = threads.numbered("socketee-handler");
        ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(POOL_QUEUE), factory);
        pool.allowCoreThreadTimeOut(true);
        LOG.log(Level.DEBUG, "socket.io: blocking handlers run on a pool of " + POOL_THREADS + " threads");
        return pool;
    }

    /**
     * {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("socketee-handler-", 1).factory())}, looked up
     * once with method handles; null before Java 21.
     */
    static ExecutorService virtualThreads() {
        if (Runtime.version().feature() < 21) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
            MethodHandle name = lookup.findVirtual(builder, "name",
                    MethodType.methodType(builder, String.class, long.class));
            MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            MethodHandle perTask = lookup.findStatic(java.util.concurrent.Executors.class, "newThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class, ThreadFactory.class));
            Object named = name.invoke(ofVirtual.invoke(), "socketee-handler-", 1L);
            return (ExecutorService) perTask.invoke((ThreadFactory) factory.invoke(named));
        } catch (Throwable e) {
            LOG.log(Level.DEBUG, "socket.io: no virtual threads (" + e + ")");
            return null;
        }
    }

    /**
     * Waits until the queued blocking work has run (at most {@value #CLOSE_WAIT_MILLIS} ms), then stops the executor
     * if it is the server's own. Called by {@link SocketIoServer#close()} after the sockets were disconnected, so
     * that their disconnect listeners run.
     */
    void close() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        try {
            synchronized (running) {
                long left;
                while (running.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                    running.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
            if (running.get() > 0) {
                LOG.log(Level.WARNING, "socket.io: " + running.get() + " socket(s) still run blocking handlers after "
                        + CLOSE_WAIT_MILLIS + " ms; closing anyway");
            }
            ExecutorService executor;
            synchronized (this) {
                closed = true;
                executor = owned;
            }
            if (executor != null) {
                executor.shutdown();
                executor.awaitTermination(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                        TimeUnit.MILLISECONDS);
                threads.join(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DaemonThreads.STOP_WAIT_MILLIS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
