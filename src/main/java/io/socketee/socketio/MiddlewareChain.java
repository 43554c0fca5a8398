package io.socketee.socketio;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs a chain of middlewares in order, for both kinds: a namespace's connect middlewares ({@link Middleware}) and a
 * socket's packet middlewares ({@link PacketMiddleware}). Each middleware gets a continuation that goes on to the next
 * one or stops the chain, at once or later from any thread; only the first call of a continuation counts. After the
 * last middleware proceeds, {@code onDone} runs; a stop goes to {@code onStop}; what a middleware throws goes to
 * {@code onThrow}, with that middleware's continuation (which may already have been called).
 *
 * <p>Each step runs on the thread that called the previous one's continuation (the first on the caller's); nothing is
 * queued and nothing blocks.
 *
 * @param <M> the kind of middleware
 * @param <R> why a chain stops: the refusal of a connection, the error of a packet
 */
final class MiddlewareChain<M, R> {
    /** Calls one middleware with its continuation, adapted to that middleware's own {@code Next}. */
    @FunctionalInterface
    interface Invoker<M, R> {
        void invoke(M middleware, Next<R> next);
    }

    /** The continuation of one middleware; the first call counts, later ones do nothing. */
    interface Next<R> {
        void proceed();

        void stop(R reason);
    }

    /** Handles what a middleware threw instead of returning. */
    @FunctionalInterface
    interface OnThrow<R> {
        void handle(RuntimeException error, Next<R> next);
    }

    private final List<M> chain;
    private final Invoker<M, R> invoker;
    private final Runnable onDone;
    private final Consumer<R> onStop;
    private final OnThrow<R> onThrow;

    private MiddlewareChain(List<M> chain, Invoker<M, R> invoker, Runnable onDone, Consumer<R> onStop,
                            OnThrow<R> onThrow) {
        this.chain = chain;
        this.invoker = invoker;
        this.onDone = onDone;
        this.onStop = onStop;
        this.onThrow = onThrow;
    }

    /** Runs {@code chain} (not copied: pass a snapshot) from its first middleware; {@code onDone} at once if empty. */
    static <M, R> void run(List<M> chain, Invoker<M, R> invoker, Runnable onDone, Consumer<R> onStop,
                           OnThrow<R> onThrow) {
        new MiddlewareChain<>(chain, invoker, onDone, onStop, onThrow).runFrom(0);
    }

    private void runFrom(int index) {
        if (index == chain.size()) {
            onDone.run();
            return;
        }
        AtomicBoolean called = new AtomicBoolean();
        Next<R> next = new Next<>() {
            @Override
            public void proceed() {
                if (called.compareAndSet(false, true)) {
                    runFrom(index + 1);
                }
            }

            @Override
            public void stop(R reason) {
                if (called.compareAndSet(false, true)) {
                    onStop.accept(reason);
                }
            }
        };
        try {
            invoker.invoke(chain.get(index), next);
        } catch (RuntimeException e) {
            onThrow.handle(e, next);
        }
    }
}
