package dev.ponder.bench;

import dev.ponder.sleeptime.SleepTimeline;
import dev.ponder.sleeptime.SpeedProfile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The sleep-time timeline rows of {@code ponder bench perf} (issue 14): for each milestone (the first
 * anticipated question, c′ first usable, c′ complete) the sleep-time seconds measured (the summed
 * wall time of the document's model calls until then) and the tokens, then, per speed profile, the
 * seconds those measured tokens would take at its speed — labelled as an estimate, never a
 * measurement; and the sleep-time tokens per page. A milestone not reached is a failed row saying
 * why, never a number.
 */
final class TimelineRows {

    /** The laptop-cpu targets of issue 14's "Done when", in seconds of sleep-time. */
    static final double FIRST_QUESTION_TARGET_S = 5 * 60;
    static final double USABLE_CONTEXT_TARGET_S = 30 * 60;

    private record Milestone(String words, Function<SleepTimeline, Optional<SleepTimeline.Spent>> spent,
                             double laptopTarget) {
    }

    private static final List<Milestone> MILESTONES = List.of(
            new Milestone("the first anticipated question (stored with its prepared answer)", SleepTimeline::firstQuestion,
                    FIRST_QUESTION_TARGET_S),
            new Milestone("c′ first usable", SleepTimeline::firstUsableContext, USABLE_CONTEXT_TARGET_S),
            new Milestone("c′ complete", SleepTimeline::completeContext, -1));

    private TimelineRows() {
    }

    /**
     * @param name     the document's file name
     * @param failure  why its sleep-time did not finish, if it did not
     */
    static void add(PerfResults results, String name, SleepTimeline timeline, List<SpeedProfile> profiles,
                    Optional<String> failure) {
        String doc = "sleep-time of " + name + " (" + timeline.pages() + " pages) until ";
        for (Milestone m : MILESTONES) {
            Optional<SleepTimeline.Spent> spent = m.spent().apply(timeline);
            if (spent.isEmpty()) {
                String why = " — not reached" + failure.map(f -> ": " + f).orElse("");
                results.add(PerfRow.failed(doc + m.words() + ", wall time" + why, "s", PerfRow.NONE));
                continue;
            }
            SleepTimeline.Spent s = spent.get();
            results.add(new PerfRow(doc + m.words() + ", wall time of " + s.calls() + " calls",
                    PerfRow.number(s.seconds()), "s", PerfRow.NONE, PerfRow.NONE, PerfRow.NONE));
            results.add(new PerfRow(doc + m.words() + ", tokens (prompt + completion)", tokens(s.tokens()), "tokens",
                    PerfRow.NONE, PerfRow.NONE, PerfRow.NONE));
            for (SpeedProfile p : profiles) {
                String target = p.equals(SpeedProfile.LAPTOP_CPU) && m.laptopTarget() > 0
                        ? "≤ " + PerfRow.number(m.laptopTarget()) + " s" : PerfRow.NONE;
                results.add(new PerfRow(doc + m.words() + ", ESTIMATE from measured tokens at " + p.describe(),
                        PerfRow.number(s.estimatedSeconds(p)), "s", PerfRow.NONE, PerfRow.NONE, target));
            }
        }
        SleepTimeline.Spent all = timeline.total();
        String perPage = "sleep-time tokens per page of " + name + " (" + tokens(all.tokens()) + " tokens, "
                + all.calls() + " calls so far)";
        results.add(timeline.tokensPerPage().isPresent()
                ? new PerfRow(perPage, PerfRow.number(timeline.tokensPerPage().getAsDouble()), "tokens/page",
                PerfRow.NONE, PerfRow.NONE, PerfRow.NONE)
                : PerfRow.failed(perPage + " — no pages", "tokens/page", PerfRow.NONE));
        for (SpeedProfile p : profiles) {
            results.add(new PerfRow("sleep-time of " + name + ", all calls so far, ESTIMATE from measured tokens at "
                    + p.describe(), PerfRow.number(all.estimatedSeconds(p)), "s", PerfRow.NONE, PerfRow.NONE,
                    PerfRow.NONE));
        }
    }

    private static String tokens(long n) {
        return String.format(Locale.ROOT, "%d", n);
    }
}
