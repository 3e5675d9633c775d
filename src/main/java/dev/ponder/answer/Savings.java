package dev.ponder.answer;

import dev.ponder.settings.Settings;
import dev.ponder.store.AskedQuestion;
import dev.ponder.store.Exchange;
import dev.ponder.store.SavingsRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Savings accounting: the measured tokens of a set of documents put through the cost model. */
public final class Savings {

    private final SavingsRepository repository;
    private final Settings settings;
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Savings(SavingsRepository repository, Settings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    /**
     * The accounting of the questions asked about any of {@code documentIds} (or about the whole
     * library) and of the sleep-time spent on those documents. Reads the database.
     */
    public SavingsReport report(Collection<Long> documentIds) {
        return report(repository.sleepTimeTokens(documentIds), repository.askedAbout(documentIds),
                settings.testTimeWeight());
    }

    /** The cost model over given counts (see {@link SavingsReport}). */
    static SavingsReport report(long sleepTimeTokens, List<AskedQuestion> asked, double w) {
        int prepared = 0;
        long testTime = 0;
        int measured = 0;
        long baseline = 0;
        long testTimeMeasured = 0;
        List<SavingsReport.CostPoint> curve = new ArrayList<>();
        curve.add(new SavingsReport.CostPoint(0, sleepTimeTokens, 0));
        for (AskedQuestion q : asked) {
            testTime += q.testTimeTokens();
            if (Exchange.MODE_PREPARED.equals(q.mode())) {
                prepared++;
            }
            if (q.baselineTokens().isPresent()) {
                measured++;
                baseline += q.baselineTokens().get();
                testTimeMeasured += q.testTimeTokens();
                curve.add(new SavingsReport.CostPoint(measured, sleepTimeTokens + w * testTimeMeasured, w * baseline));
            }
        }
        return new SavingsReport(sleepTimeTokens, asked.size(), prepared, testTime, measured, baseline,
                testTimeMeasured, w, curve);
    }

    /** Runs {@code listener} (on the measuring thread) each time a baseline cost has been stored. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** A baseline cost was stored: the figures changed. */
    void baselineMeasured() {
        listeners.forEach(Runnable::run);
    }

    /** Measured baseline tokens of anticipated questions, by id; those not measured yet are absent. */
    public Map<Long, Integer> anticipatedBaselines(Collection<Long> anticipatedQuestionIds) {
        return repository.anticipatedBaselines(anticipatedQuestionIds);
    }
}
