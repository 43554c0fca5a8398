package io.socketee.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The chain both kinds of middleware run through: order, the first call of a continuation, stops and throws. */
class MiddlewareChainTest {
    private final List<String> log = new ArrayList<>();

    /** A middleware of the test: what it does with its continuation. */
    private interface Step {
        void run(MiddlewareChain.Next<String> next);
    }

    private void run(List<Step> chain) {
        MiddlewareChain.<Step, String>run(chain, Step::run, () -> log.add("done"), reason -> log.add("stop " + reason),
                (error, next) -> {
                    log.add("threw " + error.getMessage());
                    next.stop("after throw");
                });
    }

    @Test
    void runsEveryMiddlewareInOrderThenTheEnd() {
        run(List.of(next -> {
            log.add("a");
            next.proceed();
        }, next -> {
            log.add("b");
            next.proceed();
        }));
        assertEquals(List.of("a", "b", "done"), log);
    }

    @Test
    void runsTheEndAtOnceWhenEmpty() {
        run(List.of());
        assertEquals(List.of("done"), log);
    }

    @Test
    void stopsWhereAMiddlewareStops() {
        run(List.of(next -> next.stop("no"), next -> log.add("never")));
        assertEquals(List.of("stop no"), log);
    }

    @Test
    void countsOnlyTheFirstCallOfAContinuation() {
        run(List.of(next -> {
            next.proceed();
            next.stop("late");
            next.proceed();
        }));
        assertEquals(List.of("done"), log);
    }

    @Test
    void goesOnWhenALaterCallProceedsFromElsewhere() {
        AtomicReference<MiddlewareChain.Next<String>> held = new AtomicReference<>();
        run(List.of(held::set, next -> {
            log.add("b");
            next.proceed();
        }));
        assertEquals(List.of(), log);
        held.get().proceed();
        assertEquals(List.of("b", "done"), log);
    }

    @Test
    void handsAThrowToItsHandlerWithTheContinuationOfThatMiddleware() {
        run(List.of(next -> {
            throw new IllegalStateException("boom");
        }, next -> log.add("never")));
        assertEquals(List.of("threw boom", "stop after throw"), log);
    }

    @Test
    void ignoresTheHandlersStopWhenTheMiddlewareHadProceededBeforeThrowing() {
        run(List.of(next -> {
            next.proceed();
            throw new IllegalStateException("boom");
        }));
        assertEquals(List.of("done", "threw boom"), log);
    }
}
