package dev.ponder.ui;

import dev.ponder.sleeptime.DocumentInsights;
import dev.ponder.sleeptime.SleepStep;
import dev.ponder.sleeptime.SleepTimeListener;
import dev.ponder.sleeptime.SleepTimeState;
import dev.ponder.sleeptime.SleepTimeStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sleep-time as the insights panel sees it ({@link SleepTimeAccess}), driven by the test: its status,
 * each document's insights, the pause switch and "Think now". For view-model and window tests.
 */
class ScriptedSleepTime implements SleepTimeAccess {
    /** The section-notes step as the status line sees it. */
    static final SleepStep NOTES_STEP = step("section-notes", "taking notes on the sections", "section");
    /** The anticipated-questions step as the status line sees it. */
    static final SleepStep QUESTIONS_STEP = step("anticipated-questions", "anticipating questions", "generation");

    /** A step as the status line sees it: its key, its activity, and progress as "UNIT n of total". */
    static SleepStep step(String key, String activity, String unit) {
        return new SleepStep() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public String activity() {
                return activity;
            }

            @Override
            public String progress(int done, int total) {
                return unit + " " + (done + 1) + " of " + total;
            }
        };
    }

    final List<SleepTimeListener> listeners = new CopyOnWriteArrayList<>();
    volatile SleepTimeStatus status = status(SleepTimeState.USER_ACTIVE, "You're active — thinking paused", 0, 0);
    final Map<Long, DocumentInsights> insights = new ConcurrentHashMap<>();
    volatile boolean paused;
    volatile int thinkNowCalls;
    /** The documents focused, in turn ({@code -1}: none). */
    final List<Long> focused = new CopyOnWriteArrayList<>();

    /** A status about document 1, report.pdf, in its section-notes step. */
    static SleepTimeStatus status(SleepTimeState state, String sentence, int done, int total) {
        return new SleepTimeStatus(state, sentence, OptionalLong.of(1), Optional.of("report.pdf"),
                Optional.of(NOTES_STEP), done, total, total == 0 ? 0 : (double) done / total, 0, 1, 0);
    }

    /** A status about no document in particular. */
    static SleepTimeStatus status(SleepTimeState state, String sentence) {
        return new SleepTimeStatus(state, sentence, OptionalLong.empty(), Optional.empty(), Optional.empty(), 0, 0, 0,
                0, 0, 0);
    }

    /** Makes {@code s} the status and tells the listeners. */
    void publish(SleepTimeStatus s) {
        status = s;
        listeners.forEach(l -> l.statusChanged(s));
    }

    @Override
    public void focus(long documentId) {
        focused.add(documentId);
    }

    @Override
    public SleepTimeStatus status() {
        return status;
    }

    @Override
    public Optional<DocumentInsights> insights(long documentId) {
        return Optional.ofNullable(insights.get(documentId));
    }

    @Override
    public void addListener(SleepTimeListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(SleepTimeListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void thinkNow() {
        thinkNowCalls++;
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    @Override
    public boolean paused() {
        return paused;
    }
}
