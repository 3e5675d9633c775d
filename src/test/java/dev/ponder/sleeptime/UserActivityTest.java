package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The idle rule of {@link UserActivity}, on a clock the test moves. */
class UserActivityTest {

    private static final Duration THRESHOLD = Duration.ofSeconds(20);
    private final ManualClock clock = new ManualClock();

    /** System-wide idle time as a test sets it; stands in for the OS at the edge of the process. */
    private static final class ReportedIdle implements SystemIdle {
        final AtomicReference<OptionalLong> value = new AtomicReference<>(OptionalLong.empty());

        @Override
        public OptionalLong idleMillis() {
            return value.get();
        }

        @Override
        public String description() {
            return "reported by the test";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void thePersonIsAwayOnceNoInputArrivedForTheThreshold() {
        UserActivity activity = new UserActivity(clock, SystemIdle.none());
        clock.advance(Duration.ofSeconds(19));
        assertFalse(activity.idleFor(THRESHOLD));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(activity.idleFor(THRESHOLD));
        activity.touch();
        assertFalse(activity.idleFor(THRESHOLD));
        assertEquals(0, activity.idleMillis());
    }

    @Test
    void inputInTheFocusedWindowIsHeardAtOnceButPointerMovesOverABackgroundWindowAreNot() {
        UserActivity activity = new UserActivity(clock, SystemIdle.none());
        AtomicInteger returns = new AtomicInteger();
        activity.addReturnListener(returns::incrementAndGet);
        activity.touch();
        assertEquals(1, returns.get());

        activity.windowFocused(false);
        clock.advance(Duration.ofSeconds(25));
        activity.touch();
        assertEquals(1, returns.get(), "a hover over the unfocused window is not the person coming back");
        assertTrue(activity.idleFor(THRESHOLD), "unfocused for the threshold counts as away");

        activity.windowFocused(true);
        assertEquals(2, returns.get(), "focusing the window is coming back");
        assertFalse(activity.idleFor(THRESHOLD));
    }

    @Test
    void aMinimisedWindowCountsAsAwayEvenWhileThePersonTypesElsewhere() {
        ReportedIdle system = new ReportedIdle();
        UserActivity activity = new UserActivity(clock, system);
        activity.windowMinimised(true);
        clock.advance(Duration.ofSeconds(30));
        system.value.set(OptionalLong.of(100));
        assertTrue(activity.idleFor(THRESHOLD));
        activity.windowMinimised(false);
        assertFalse(activity.idleFor(THRESHOLD));
    }

    @Test
    void systemWideInputKeepsThePersonPresentWhilePondersWindowIsFocused() {
        ReportedIdle system = new ReportedIdle();
        UserActivity activity = new UserActivity(clock, system);
        clock.advance(Duration.ofSeconds(60));
        system.value.set(OptionalLong.of(2_000));
        assertFalse(activity.idleFor(THRESHOLD), "input elsewhere (e.g. a second screen) 2 s ago");
        system.value.set(OptionalLong.of(45_000));
        assertTrue(activity.idleFor(THRESHOLD));
        system.value.set(OptionalLong.empty());
        assertTrue(activity.idleFor(THRESHOLD), "falls back to Ponder's own input when the system cannot tell");
    }

    @Test
    void onlyAKeyMouseOrScrollEventCountsAsThePersonHavingBeenActive() {
        UserActivity activity = new UserActivity(clock, SystemIdle.none());
        assertFalse(activity.inputSeen(), "right after launch nobody has used the window");
        activity.windowFocused(false);
        activity.windowFocused(true);
        assertFalse(activity.inputSeen(), "the window coming back to the front is no input of the person's");
        activity.touch();
        assertTrue(activity.inputSeen());
    }
}
