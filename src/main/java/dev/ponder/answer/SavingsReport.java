package dev.ponder.answer;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The measured token accounting of a set of documents, and the paper's cost model applied to it
 * (Lin et al. 2025, §6 "amortization": cost = w × test-time tokens + sleep-time tokens, the
 * sleep-time tokens shared by every question asked about the context; w = 10 there).
 *
 * <p>Every count is what the model server reported ({@code prompt_eval_count + eval_count}); tokens
 * are prompt plus completion. The comparison with and without sleep-time uses only the questions
 * whose baseline cost is measured, so no figure rests on an estimate.
 *
 * @param sleepTimeTokens        tokens of every sleep-time call for these documents
 * @param questionsAsked         answered questions about them
 * @param preparedAnswers        how many of those got a prepared answer (0 test-time tokens)
 * @param testTimeTokens         test-time tokens of all answered questions
 * @param baselinesMeasured      questions whose baseline cost is measured
 * @param baselineTokens         the measured baseline tokens of those questions
 * @param testTimeTokensMeasured the test-time tokens of the same questions
 * @param weight                 w, the weight of a test-time token against a sleep-time token
 * @param curve                  cumulative cost over the measured questions in the order asked,
 *                               starting at 0 questions (the amortization curve)
 */
public record SavingsReport(long sleepTimeTokens, int questionsAsked, int preparedAnswers, long testTimeTokens,
                            int baselinesMeasured, long baselineTokens, long testTimeTokensMeasured, double weight,
                            List<CostPoint> curve) {

    public SavingsReport {
        curve = List.copyOf(curve);
    }

    /**
     * Cumulative cost after {@code questions} questions.
     *
     * @param withSleepTime    sleep-time tokens + w × test-time tokens so far
     * @param withoutSleepTime w × baseline tokens so far
     */
    public record CostPoint(int questions, double withSleepTime, double withoutSleepTime) {
    }

    /** Test-time tokens saved on the measured questions: baseline − actual (negative when sleep-time cost more). */
    public long savedTestTimeTokens() {
        return baselineTokens - testTimeTokensMeasured;
    }

    /** (w × test-time tokens + sleep-time tokens) / questions, over the measured questions; empty before any. */
    public OptionalDouble costPerQueryWithSleepTime() {
        return baselinesMeasured == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((weight * testTimeTokensMeasured + sleepTimeTokens) / baselinesMeasured);
    }

    /** w × baseline tokens / questions, over the measured questions; empty before any. */
    public OptionalDouble costPerQueryWithoutSleepTime() {
        return baselinesMeasured == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(weight * baselineTokens / baselinesMeasured);
    }

    /** How many times cheaper a query is with sleep-time (without ÷ with); empty before any measured question. */
    public OptionalDouble costRatio() {
        OptionalDouble with = costPerQueryWithSleepTime();
        OptionalDouble without = costPerQueryWithoutSleepTime();
        return with.isEmpty() || with.getAsDouble() == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(without.getAsDouble() / with.getAsDouble());
    }

    /** Answered questions whose baseline cost is still to be measured in idle time. */
    public int baselinesPending() {
        return questionsAsked - baselinesMeasured;
    }
}
