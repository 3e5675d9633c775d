package dev.ponder.sleeptime;

import java.util.List;

/**
 * The learned context c′ of one document: what sleep-time compute S(c) → c′ wrote down so that
 * questions can be answered later without reading the whole document again (Lin et al. 2025, §3).
 * Stored as JSON beside its rendered text; see
 * {@code docs/decisions/0005-learned-context-and-idle-detection.md}.
 *
 * @param summary    a few sentences on what the document is and says
 * @param keyFacts   the most important facts, numbers, dates, names and definitions, with pages
 * @param inferences derived inferences: counts, totals, comparisons, changes, consequences that
 *                   combine several parts of the document
 * @param timeline   dated events in time order (empty when the document has none)
 * @param lists      lists gathered by Ponder from the section notes, counted exactly in code (small
 *                   models cannot count a thousand sections; "how many … are there" needs this)
 */
public record LearnedContext(String summary, List<Point> keyFacts, List<Point> inferences,
                             List<TimelineEntry> timeline, List<GatheredList> lists) {

    public LearnedContext {
        keyFacts = List.copyOf(keyFacts);
        inferences = List.copyOf(inferences);
        timeline = List.copyOf(timeline);
        lists = List.copyOf(lists);
    }

    /** A statement with the 1-based pages it rests on. */
    public record Point(String text, List<Integer> pages) {
        public Point {
            pages = List.copyOf(pages);
        }
    }

    /** A dated event. */
    public record TimelineEntry(String when, String what, List<Integer> pages) {
        public TimelineEntry {
            pages = List.copyOf(pages);
        }
    }

    /** A list the document enumerates, e.g. "amendments", with every distinct member found. */
    public record GatheredList(String name, List<Point> items) {
        public GatheredList {
            items = List.copyOf(items);
        }

        /** Exact number of distinct members. */
        public int count() {
            return items.size();
        }
    }

    /** This c′ with {@code gathered} as its lists. */
    LearnedContext withLists(List<GatheredList> gathered) {
        return new LearnedContext(summary, keyFacts, inferences, timeline, gathered);
    }
}
