package dev.ponder.sleeptime;

import dev.ponder.store.SleepMilestones;
import dev.ponder.store.TimedSleepCall;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one document's sleep-time cost until each of its results was first usable: the sleep-time
 * seconds (the summed wall time of its model calls, not the idle time in between) and the tokens
 * the server measured, until
 * <ul>
 *   <li>the first anticipated question was stored with its prepared answer;</li>
 *   <li>a learned context c′ was first usable: test time quotes any stored c′ of the document's
 *       content, the first look at the outline ({@code FirstLookStep}) included;</li>
 *   <li>c′ was complete, made from the notes of every section.</li>
 * </ul>
 * A call counts towards a milestone when it was recorded before the result was stored. Cancelled
 * and failed calls count with their wall time and no tokens (the server sends its counts only with
 * an answer's last line), so an estimate from tokens leaves them out.
 *
 * @param pages              the document's pages
 * @param firstQuestion      spent until the first anticipated question, empty until there is one
 * @param firstUsableContext spent until c′ was first usable, empty until then
 * @param completeContext    spent until c′ was complete, empty until then
 * @param total              every sleep-time call of the document so far
 */
public record SleepTimeline(int pages, Optional<Spent> firstQuestion, Optional<Spent> firstUsableContext,
                            Optional<Spent> completeContext, Spent total) {

    /** A document nothing was spent on. */
    public static final SleepTimeline NONE = new SleepTimeline(0, Optional.empty(), Optional.empty(), Optional.empty(),
            Spent.NOTHING);

    /**
     * Sleep-time spent over some calls.
     *
     * @param calls            calls made, whatever their outcome
     * @param durationMs       their summed wall time, ms
     * @param promptTokens     their prompt tokens (the server's counts)
     * @param completionTokens their completion tokens (thinking included)
     */
    public record Spent(int calls, long durationMs, long promptTokens, long completionTokens) {

        static final Spent NOTHING = new Spent(0, 0, 0, 0);

        Spent plus(TimedSleepCall c) {
            return new Spent(calls + 1, durationMs + c.durationMs(), promptTokens + c.promptTokens(),
                    completionTokens + c.completionTokens());
        }

        public long tokens() {
            return promptTokens + completionTokens;
        }

        /** Measured sleep-time, s. */
        public double seconds() {
            return durationMs / 1000.0;
        }

        /** The seconds these tokens would take at {@code profile}'s speed: an estimate from measured tokens. */
        public double estimatedSeconds(SpeedProfile profile) {
            return profile.seconds(promptTokens, completionTokens);
        }
    }

    /**
     * @param calls      the document's calls in the order they were recorded
     * @param milestones when its first question, first c′ and first complete c′ were stored
     * @param pages      its pages
     */
    public static SleepTimeline of(List<TimedSleepCall> calls, SleepMilestones milestones, int pages) {
        Spent total = Spent.NOTHING;
        for (TimedSleepCall c : calls) {
            total = total.plus(c);
        }
        return new SleepTimeline(pages, milestones.firstQuestion().map(at -> until(calls, at)),
                milestones.firstContext().map(at -> until(calls, at)),
                milestones.completeContext().map(at -> until(calls, at)), total);
    }

    private static Spent until(List<TimedSleepCall> calls, Instant at) {
        Spent spent = Spent.NOTHING;
        for (TimedSleepCall c : calls) {
            if (!c.recordedAt().isAfter(at)) {
                spent = spent.plus(c);
            }
        }
        return spent;
    }

    /** Sleep-time tokens (prompt and completion) spent per page so far; empty without pages. */
    public OptionalDouble tokensPerPage() {
        return pages <= 0 ? OptionalDouble.empty() : OptionalDouble.of((double) total.tokens() / pages);
    }
}
