package dev.ponder.ui;

import dev.ponder.answer.Savings;
import dev.ponder.answer.SavingsReport;
import java.util.Collection;
import java.util.Map;

/**
 * What the insights panel needs from the savings accounting ({@link Savings}); a seam for
 * view-model tests, which script the reports. Both calls read the database: call them off the UI
 * thread.
 */
interface SavingsAccess {

    /** The measured accounting of the questions asked about {@code documentIds} (empty: none). */
    SavingsReport report(Collection<Long> documentIds);

    /** Measured baseline tokens of anticipated questions, by id; unmeasured ones are absent. */
    Map<Long, Integer> anticipatedBaselines(Collection<Long> anticipatedQuestionIds);

    /** Runs {@code listener} (on any thread) when a baseline cost was measured; none by default. */
    default void addMeasuredListener(Runnable listener) {
    }

    default void removeMeasuredListener(Runnable listener) {
    }

    static SavingsAccess of(Savings savings) {
        return new SavingsAccess() {
            @Override
            public SavingsReport report(Collection<Long> documentIds) {
                return savings.report(documentIds);
            }

            @Override
            public Map<Long, Integer> anticipatedBaselines(Collection<Long> anticipatedQuestionIds) {
                return savings.anticipatedBaselines(anticipatedQuestionIds);
            }

            @Override
            public void addMeasuredListener(Runnable listener) {
                savings.addListener(listener);
            }

            @Override
            public void removeMeasuredListener(Runnable listener) {
                savings.removeListener(listener);
            }
        };
    }
}
