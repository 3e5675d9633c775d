package dev.ponder.ui;

import dev.ponder.sleeptime.DocumentInsights;
import dev.ponder.sleeptime.SleepTimeline;
import dev.ponder.sleeptime.SpeedProfile;
import dev.ponder.store.NotesCoverage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A document's sleep-time timeline ({@link SleepTimeline}) in words for the insights panel: what was
 * spent, until the first anticipated question and until the learned context, measured here, then
 * the same tokens on a laptop CPU ({@link SpeedProfile#LAPTOP_CPU}), said to be an estimate.
 */
final class TimelineText {

    private TimelineText() {
    }

    /**
     * How far sleep-time got with the document ("Notes on 120 of 512 sections · 18 questions
     * anticipated."), what its learned context comes from while it is not made from every section,
     * then its timeline; empty when nothing is known yet.
     */
    static String of(DocumentInsights insights) {
        List<String> lines = new ArrayList<>();
        insights.notes().filter(n -> n.sections() > 0).ifPresent(n -> lines.add("Notes on " + count(n.notedSections())
                + " of " + count(n.sections()) + (n.sections() == 1 ? " section" : " sections")
                + (insights.leftOut() > 0 ? " (" + count(insights.leftOut()) + " more left out: contents, indexes, "
                        + "references and the like)" : "") + " · " + questions(insights.anticipatedQuestions().size())
                + "."));
        NotesCoverage c = insights.contextCoverage();
        if (insights.learnedContext().isPresent() && !c.complete()) {
            lines.add("The learned context so far comes from " + (c.firstLook()
                    ? "a first look at the outline and the opening pages" : "part of the notes")
                    + "; Ponder refreshes it as it reads on.");
        }
        String timeline = of(insights.timeline());
        if (!timeline.isEmpty()) {
            lines.add(timeline);
        }
        return String.join("\n", lines);
    }

    private static String questions(int n) {
        return n + (n == 1 ? " question" : " questions") + " anticipated";
    }

    /** The lines, or empty when sleep-time has not called the model for the document yet. */
    static String of(SleepTimeline t) {
        if (t.total().calls() == 0) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        String perPage = t.tokensPerPage().isPresent()
                ? " (" + count(Math.round(t.tokensPerPage().getAsDouble())) + " a page)" : "";
        lines.add("Sleep-time spent: " + duration(t.total().seconds()) + ", " + count(t.total().tokens()) + " tokens"
                + perPage + ".");
        List<String> reached = new ArrayList<>();
        t.firstQuestion().ifPresent(s -> reached.add("first anticipated question after " + spent(s)));
        t.firstUsableContext().ifPresent(s -> reached.add("first learned context after " + spent(s)));
        t.completeContext().filter(s -> !s.equals(t.firstUsableContext().orElse(null)))
                .ifPresent(s -> reached.add("learned context from every section after " + spent(s)));
        if (!reached.isEmpty()) {
            String line = String.join("; ", reached) + ".";
            lines.add(Character.toUpperCase(line.charAt(0)) + line.substring(1));
        }
        SpeedProfile cpu = SpeedProfile.LAPTOP_CPU;
        Optional<SleepTimeline.Spent> first = t.firstQuestion().or(t::firstUsableContext);
        SleepTimeline.Spent basis = first.orElse(t.total());
        String what = t.firstQuestion().isPresent() ? "to the first anticipated question"
                : t.firstUsableContext().isPresent() ? "to the learned context" : "for the work so far";
        lines.add(String.format(Locale.ROOT, "On a laptop CPU (%.0f prompt and %.0f generated tokens a second) that "
                        + "would be about %s %s — an estimate from the measured tokens.", cpu.prefillTokensPerSecond(),
                cpu.decodeTokensPerSecond(), duration(basis.estimatedSeconds(cpu)), what));
        return String.join("\n", lines);
    }

    private static String spent(SleepTimeline.Spent s) {
        return duration(s.seconds()) + " and " + count(s.tokens()) + " tokens";
    }

    /** "under a second", "12 s", "4 min 10 s", "10 h 9 min". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 1) {
            return "under a second";
        }
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        long min = (s % 3600) / 60;
        return s / 3600 + " h" + (min == 0 ? "" : " " + min + " min");
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
