package dev.ponder.sleeptime;

import dev.ponder.store.SectionText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Which sections are not worth sleep-time notes (issue 14, item 3): their notes would cost tokens
 * and add nothing a question needs. Decided from the text and the section's place in the document,
 * never from words of one language:
 * <ul>
 *   <li>{@link Reason#CONTENTS_OR_INDEX}: a table of contents or an index ({@link PageReferenceLines}),
 *       when at least {@value #MIN_REPEATED_WORDS} of its words are in the document's other sections:
 *       it only points at what they say. A list whose words are not elsewhere (a change history with
 *       page numbers) is kept;</li>
 *   <li>{@link Reason#BIBLIOGRAPHY}: bibliography entries ({@link BibliographyEntries});</li>
 *   <li>{@link Reason#LICENCE_TEXT}: the full text of a standard licence ({@link LicenceText}): a
 *       run of sections that read like one, after its first (kept: it names the licence);</li>
 *   <li>{@link Reason#REPEATED_SLIDE}: a section whose every page is repeated on the page after it
 *       ({@link SlideOverlays}).</li>
 * </ul>
 * False positives lose facts, so every rule asks for a section made of such text alone: a section
 * that also holds a paragraph of running text is read.
 */
final class NotesTriage {

    /** Share of a contents or index list's words that must be in the document's other sections. */
    static final double MIN_REPEATED_WORDS = 0.8;

    /** Why a section gets no notes. */
    enum Reason {
        CONTENTS_OR_INDEX("table of contents or index"),
        BIBLIOGRAPHY("bibliography"),
        LICENCE_TEXT("licence text"),
        REPEATED_SLIDE("slide shown again on the next page");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        /** "table of contents or index", for the log. */
        String words() {
            return words;
        }
    }

    /** A section left without notes, and why. */
    record Skip(SectionText section, Reason reason) {
    }

    private NotesTriage() {
    }

    /**
     * @param sections the document's sections, in order
     * @param pages    page number → text, for every page of the document with text
     * @return the sections not worth notes, in document order
     */
    static List<Skip> skipped(List<SectionText> sections, Map<Integer, String> pages) {
        int pageCount = Math.max(pages.keySet().stream().mapToInt(Integer::intValue).max().orElse(0),
                sections.stream().mapToInt(SectionText::lastPage).max().orElse(0));
        Set<Integer> repeated = SlideOverlays.repeatedPages(pages);
        boolean[] lists = new boolean[sections.size()];
        for (int i = 0; i < sections.size(); i++) {
            lists[i] = PageReferenceLines.count(sections.get(i).text(), pageCount).isList();
        }
        Set<String> elsewhere = vocabulary(sections, lists);
        List<Skip> out = new ArrayList<>();
        Set<Integer> licence = licenceText(sections);
        int open = BibliographyEntries.NONE;
        for (int i = 0; i < sections.size(); i++) {
            SectionText s = sections.get(i);
            BibliographyEntries.Count bib = BibliographyEntries.count(s.text(), open);
            open = bib.open();
            Reason reason = allRepeated(s, repeated) ? Reason.REPEATED_SLIDE
                    : lists[i] && pointsElsewhere(s.text(), elsewhere) ? Reason.CONTENTS_OR_INDEX
                    : bib.isList() ? Reason.BIBLIOGRAPHY
                    : licence.contains(i) ? Reason.LICENCE_TEXT
                    : null;
            if (reason != null) {
                out.add(new Skip(s, reason));
            }
        }
        return out;
    }

    /** Indexes of the sections in a run of {@link LicenceText#MIN_RUN} or more that read like a licence, but its first. */
    private static Set<Integer> licenceText(List<SectionText> sections) {
        Set<Integer> out = new HashSet<>();
        int start = -1;
        for (int i = 0; i <= sections.size(); i++) {
            boolean like = i < sections.size() && LicenceText.readsLikeALicence(sections.get(i).text());
            if (like && start < 0) {
                start = i;
            } else if (!like && start >= 0) {
                if (i - start >= LicenceText.MIN_RUN) {
                    IntStream.range(start + 1, i).forEach(out::add);
                }
                start = -1;
            }
        }
        return out;
    }

    private static boolean allRepeated(SectionText s, Set<Integer> repeated) {
        return IntStream.rangeClosed(s.firstPage(), s.lastPage()).allMatch(repeated::contains);
    }

    /** The words of the sections that are not contents or index lists. */
    private static Set<String> vocabulary(List<SectionText> sections, boolean[] lists) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < sections.size(); i++) {
            if (!lists[i]) {
                out.addAll(TextWords.of(sections.get(i).text()));
            }
        }
        return out;
    }

    private static boolean pointsElsewhere(String text, Set<String> elsewhere) {
        Set<String> words = new HashSet<>();
        for (String line : text.split("\n")) {
            TextWords.of(PageReferenceLines.withoutReferences(line)).stream().filter(NotesTriage::meaningful)
                    .forEach(words::add);
        }
        long found = words.stream().filter(elsewhere::contains).count();
        return !words.isEmpty() && found >= MIN_REPEATED_WORDS * words.size();
    }

    /** A word of three letters or more, or one ideograph: short Latin words say nothing about the match. */
    private static boolean meaningful(String word) {
        return word.codePointCount(0, word.length()) >= 3 || TextWords.ideographic(word.codePointAt(0));
    }
}
