package dev.ponder.ui;

import dev.ponder.sleeptime.DocumentInsights;
import dev.ponder.sleeptime.SleepTimeListener;
import dev.ponder.sleeptime.SleepTimeService;
import dev.ponder.sleeptime.SleepTimeStatus;
import java.util.Optional;

/** What the sleep-time pane needs from {@link SleepTimeService}; a seam for view-model tests. */
interface SleepTimeAccess {

    SleepTimeStatus status();

    Optional<DocumentInsights> insights(long documentId);

    void addListener(SleepTimeListener listener);

    void removeListener(SleepTimeListener listener);

    void thinkNow();

    void pause();

    void resume();

    boolean paused();

    /** The document the person selected goes first ({@code -1}: none); see {@link SleepTimeService#focus}. */
    default void focus(long documentId) {
    }

    static SleepTimeAccess of(SleepTimeService service) {
        return new SleepTimeAccess() {
            @Override
            public SleepTimeStatus status() {
                return service.status();
            }

            @Override
            public Optional<DocumentInsights> insights(long documentId) {
                return service.insights(documentId);
            }

            @Override
            public void addListener(SleepTimeListener listener) {
                service.addListener(listener);
            }

            @Override
            public void removeListener(SleepTimeListener listener) {
                service.removeListener(listener);
            }

            @Override
            public void thinkNow() {
                service.thinkNow();
            }

            @Override
            public void pause() {
                service.pause();
            }

            @Override
            public void resume() {
                service.resume();
            }

            @Override
            public boolean paused() {
                return service.paused();
            }

            @Override
            public void focus(long documentId) {
                service.focus(documentId);
            }
        };
    }
}
