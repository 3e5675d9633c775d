package dev.ponder.sleeptime;

import dev.ponder.store.SectionText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which sleep-time takes notes on a document's sections, most expected value first,
 * so that whatever is stored when the person comes back (or Ponder is closed) is worth the most:
 * <ol>
 *   <li>the sections holding pages that answers were built from (cited), most cited first: what the
 *       person asked about is what they are likely to ask about again;</li>
 *   <li>then the rest spread over the whole document: the first section, the middle one, the
 *       quarters, the eighths, … (the van der Corput sequence over positions), so any prefix of the
 *       order is a skim of the whole document and a c′ refreshed from it ({@link NotesStage}) covers
 *       every part rather than only the opening chapters.</li>
 * </ol>
 * Pages the person opened in the viewer are not recorded, so they do not count.
 */
final class NotesOrder {

    private NotesOrder() {
    }

    /**
     * @param sections   the document's sections, in document order
     * @param citedPages pages answers cited, with how many answers cited each
     * @return the same sections, most useful first
     */
    static List<SectionText> of(List<SectionText> sections, Map<Integer, Integer> citedPages) {
        Set<SectionText> out = new LinkedHashSet<>();
        sections.stream()
                .filter(s -> citations(s, citedPages) > 0)
                .sorted(Comparator.comparingInt((SectionText s) -> -citations(s, citedPages)))
                .forEach(out::add);
        for (int i : spread(sections.size())) {
            out.add(sections.get(i));
        }
        return new ArrayList<>(out);
    }

    private static int citations(SectionText s, Map<Integer, Integer> citedPages) {
        int n = 0;
        for (int p = s.firstPage(); p <= s.lastPage(); p++) {
            n += citedPages.getOrDefault(p, 0);
        }
        return n;
    }

    /**
     * Every position 0..{@code n}-1 once, in van der Corput order: 0, n/2, n/4, 3n/4, n/8, …
     * (positions a bit-reversed counter lands on, scaled to {@code n}, each taken the first time).
     */
    static List<Integer> spread(int n) {
        List<Integer> order = new ArrayList<>(n);
        if (n == 0) {
            return order;
        }
        boolean[] taken = new boolean[n];
        int bits = 1;
        while ((1 << bits) < n) {
            bits++;
        }
        int size = 1 << bits;
        for (int i = 0; i < size && order.size() < n; i++) {
            int reversed = Integer.reverse(i) >>> (32 - bits);
            int position = (int) ((long) reversed * n / size);
            if (!taken[position]) {
                taken[position] = true;
                order.add(position);
            }
        }
        for (int p = 0; p < n; p++) {
            if (!taken[p]) {
                order.add(p);
            }
        }
        return order;
    }
}
