package dev.ponder.sleeptime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds repeated slide overlays: a beamer (or PowerPoint export) deck shows a slide again with one
 * more bullet or picture label, so every page but the last of such a run says nothing the page after
 * it does not say. A page is repeated when at least {@value #MIN_CONTAINED} of its words (counted with
 * repeats) are on the next page; pages of fewer than {@value #MIN_WORDS}
 * words (a title, a running header alone) are never repeated. Numbers count as words: pages that
 * differ only in their numbers (a ledger, a parts list) are not repeats. Words, not characters, are compared,
 * because an overlay may change one label ("no perfect phylogeny" → "perfect phylogeny"). Set on
 * beamer-conference-talk-slides.pdf (shared corpus); see {@code NotesTriageTest}.
 */
final class SlideOverlays {

    static final double MIN_CONTAINED = 0.95;
    static final int MIN_WORDS = 15;

    private SlideOverlays() {
    }

    /** @param pages page number → text, for consecutive pages; @return the pages repeated on the page after them */
    static Set<Integer> repeatedPages(Map<Integer, String> pages) {
        Set<Integer> out = new HashSet<>();
        for (Map.Entry<Integer, String> e : pages.entrySet()) {
            String next = pages.get(e.getKey() + 1);
            if (next != null && contained(TextWords.withNumbers(e.getValue()), TextWords.withNumbers(next))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private static boolean contained(List<String> page, List<String> next) {
        if (page.size() < MIN_WORDS) {
            return false;
        }
        Map<String, Integer> available = new HashMap<>();
        next.forEach(w -> available.merge(w, 1, Integer::sum));
        int found = 0;
        for (String w : page) {
            Integer left = available.get(w);
            if (left != null && left > 0) {
                available.put(w, left - 1);
                found++;
            }
        }
        return found >= MIN_CONTAINED * page.size();
    }
}
