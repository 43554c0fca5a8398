package io.socketee.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
    private final VirtualClock clock = new VirtualClock();
    private final List<String> ran = new ArrayList<>();

    @Test
    void runsDueTasksInDueOrderAndNothingBefore() {
        clock.schedule(() -> ran.add("b@20"), 20, TimeUnit.MILLISECONDS);
        clock.schedule(() -> ran.add("a@10"), 10, TimeUnit.MILLISECONDS);
        clock.schedule(() -> ran.add("c@20"), 20, TimeUnit.MILLISECONDS);
        clock.advance(Duration.ofMillis(9));
        assertEquals(List.of(), ran);
        clock.advance(Duration.ofMillis(11));
        assertEquals(List.of("a@10", "b@20", "c@20"), ran);
        assertEquals(20, clock.millis());
    }

    @Test
    void tasksScheduledByTasksRunInTheSameAdvanceWhenDue() {
        clock.schedule(() -> {
            ran.add("first@" + clock.millis());
            clock.schedule(() -> ran.add("second@" + clock.millis()), 5, TimeUnit.MILLISECONDS);
            clock.execute(() -> ran.add("now@" + clock.millis()));
        }, 10, TimeUnit.MILLISECONDS);
        clock.advance(Duration.ofMillis(100));
        assertEquals(List.of("first@10", "now@10", "second@15"), ran);
        assertEquals(100, clock.millis());
    }

    @Test
    void cancelledTasksNeverRunAndLeaveNothingPending() {
        ScheduledFuture<?> task = clock.schedule(() -> ran.add("x"), 10, TimeUnit.SECONDS);
        assertEquals(List.of(10_000L), clock.pendingDueMillis());
        assertTrue(task.cancel(false));
        assertEquals(0, clock.pendingTasks());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), ran);
    }

    @Test
    void periodicTasksRepeatUntilCancelled() {
        ScheduledFuture<?> task = clock.scheduleAtFixedRate(() -> ran.add("t@" + clock.millis()), 10, 10,
                TimeUnit.MILLISECONDS);
        clock.advance(Duration.ofMillis(35));
        assertEquals(List.of("t@10", "t@20", "t@30"), ran);
        task.cancel(false);
        clock.advance(Duration.ofMillis(100));
        assertEquals(3, ran.size());
    }

    @Test
    void aFailingTaskFailsTheAdvanceAfterTheOthersRan() {
        clock.schedule(() -> {
            throw new IllegalStateException("boom");
        }, 1, TimeUnit.MILLISECONDS);
        clock.schedule(() -> ran.add("after"), 2, TimeUnit.MILLISECONDS);
        AssertionError error = assertThrows(AssertionError.class, () -> clock.advance(Duration.ofMillis(5)));
        assertTrue(error.getMessage().contains("boom"), error.getMessage());
        assertEquals(List.of("after"), ran);
    }

    @Test
    void advanceToNextJumpsToTheNextTask() {
        clock.schedule(() -> ran.add("x"), 45, TimeUnit.SECONDS);
        assertTrue(clock.advanceToNext());
        assertEquals(45_000, clock.millis());
        assertEquals(List.of("x"), ran);
        assertFalse(clock.advanceToNext());
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofMillis(-1)));
    }
}
