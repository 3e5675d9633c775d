package dev.ponder.sleeptime;

import dev.ponder.llm.TokenEstimate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes c′ as the text a test-time prompt quotes, within a token budget: the summary and every
 * list's exact count always; then key facts, derived inferences, the timeline and list members,
 * the first of each kind before the rest of any, until the budget is spent. What did not fit is
 * left out whole (a list says how many members it did not show), never cut mid-sentence.
 */
final class LearnedContextRenderer {

    /** The rendered text and its estimated tokens. */
    record Rendered(String text, int tokens) {
    }

    /** How many entries of each kind go in before the rest of any kind. */
    private static final int FIRST_ROUND = 8;

    private enum Part {
        KEY_FACTS("Key facts:"),
        INFERENCES("Derived from several parts of the document:"),
        TIMELINE("Timeline:"),
        LISTS("Lists gathered from every section (the counts are exact):");

        final String heading;

        Part(String heading) {
            this.heading = heading;
        }
    }

    private record Candidate(Part part, int group, int index, String line, int priority) {
    }

    private LearnedContextRenderer() {
    }

    static Rendered render(String fileName, LearnedContext c, int budgetTokens) {
        String head = "Learned context of " + fileName + ", prepared by Ponder during sleep-time (pages in brackets).\n\n";
        String summary = c.summary().isBlank() ? "" : "Summary: " + fitSummary(c.summary(), budgetTokens / 3) + "\n";
        List<Candidate> candidates = candidates(c);
        List<Candidate> chosen = new ArrayList<>();
        int used = TokenEstimate.of(head + summary) + listHeadsCost(c) + 8;
        for (Candidate k : candidates) {
            int cost = TokenEstimate.of(k.line()) + 1 + (opens(chosen, k.part()) ? TokenEstimate.of(k.part().heading) + 2 : 0);
            if (used + cost <= budgetTokens) {
                chosen.add(k);
                used += cost;
            }
        }
        String text = assemble(head, summary, c, chosen);
        while (TokenEstimate.of(text) > budgetTokens && !chosen.isEmpty()) {
            chosen.remove(chosen.size() - 1);
            text = assemble(head, summary, c, chosen);
        }
        return new Rendered(text, TokenEstimate.of(text));
    }

    private static boolean opens(List<Candidate> chosen, Part part) {
        return part != Part.LISTS && chosen.stream().noneMatch(k -> k.part() == part);
    }

    private static int listHeadsCost(LearnedContext c) {
        if (c.lists().isEmpty()) {
            return 0;
        }
        int cost = TokenEstimate.of(Part.LISTS.heading) + 2;
        for (LearnedContext.GatheredList l : c.lists()) {
            cost += TokenEstimate.of("- " + l.name() + " (" + l.count() + "): … and " + l.count() + " more.") + 1;
        }
        return cost;
    }

    private static List<Candidate> candidates(LearnedContext c) {
        List<Candidate> out = new ArrayList<>();
        add(out, Part.KEY_FACTS, 0, c.keyFacts().stream().map(p -> "- " + p.text() + pages(p.pages())).toList());
        add(out, Part.INFERENCES, 0, c.inferences().stream().map(p -> "- " + p.text() + pages(p.pages())).toList());
        add(out, Part.TIMELINE, 0, c.timeline().stream()
                .map(e -> "- " + (e.when().isBlank() ? "" : e.when() + ": ") + e.what() + pages(e.pages())).toList());
        for (int g = 0; g < c.lists().size(); g++) {
            add(out, Part.LISTS, g, c.lists().get(g).items().stream().map(p -> p.text() + pages(p.pages())).toList());
        }
        out.sort(Comparator.comparingInt(Candidate::priority).thenComparingInt(k -> k.part().ordinal())
                .thenComparingInt(Candidate::group).thenComparingInt(Candidate::index));
        return out;
    }

    private static void add(List<Candidate> out, Part part, int group, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            out.add(new Candidate(part, group, i, lines.get(i), i < FIRST_ROUND ? 0 : 1));
        }
    }

    private static String assemble(String head, String summary, LearnedContext c, List<Candidate> chosen) {
        StringBuilder sb = new StringBuilder(head).append(summary);
        for (Part part : List.of(Part.KEY_FACTS, Part.INFERENCES, Part.TIMELINE)) {
            List<String> lines = chosen.stream().filter(k -> k.part() == part)
                    .sorted(Comparator.comparingInt(Candidate::index)).map(Candidate::line).toList();
            if (!lines.isEmpty()) {
                sb.append('\n').append(part.heading).append('\n');
                lines.forEach(l -> sb.append(l).append('\n'));
            }
        }
        if (!c.lists().isEmpty()) {
            sb.append('\n').append(Part.LISTS.heading).append('\n');
            for (int g = 0; g < c.lists().size(); g++) {
                LearnedContext.GatheredList list = c.lists().get(g);
                int group = g;
                List<String> members = chosen.stream().filter(k -> k.part() == Part.LISTS && k.group() == group)
                        .sorted(Comparator.comparingInt(Candidate::index)).map(Candidate::line).toList();
                sb.append("- ").append(list.name()).append(" (").append(list.count()).append(')');
                if (!members.isEmpty()) {
                    sb.append(": ").append(String.join("; ", members));
                }
                int more = list.count() - members.size();
                sb.append(more == 0 ? "." : members.isEmpty() ? "." : "; … and " + more + " more.").append('\n');
            }
        }
        return sb.toString().strip() + "\n";
    }

    /** {@code " [p. 4]"}, {@code " [pp. 3, 5]"}, or nothing. */
    static String pages(List<Integer> pages) {
        if (pages.isEmpty()) {
            return "";
        }
        List<Integer> shown = pages.size() > 6 ? pages.subList(0, 6) : pages;
        String list = shown.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return (pages.size() == 1 ? " [p. " : " [pp. ") + list + (pages.size() > 6 ? ", …" : "") + "]";
    }

    private static String fitSummary(String summary, int tokens) {
        if (TokenEstimate.of(summary) <= tokens) {
            return summary.strip();
        }
        String cut = summary.substring(0, Math.min(summary.length(), Math.max(0, tokens * 3 - 1)));
        int sentence = cut.lastIndexOf(". ");
        return (sentence > 0 ? cut.substring(0, sentence + 1) : cut + "…").strip();
    }
}
