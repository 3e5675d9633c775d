package dev.ponder.sleeptime;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the text of a table of contents or an index: lines that end in page numbers. Decided
 * from the layout alone, so it works in any language and script:
 * <ul>
 *   <li>dot leaders before (or, in right-to-left text extracted in visual order, after) page numbers:
 *       {@code 2.1 Début et fin . . . . . 2}, {@code \cmidrule . . . 113, 148};</li>
 *   <li>an index entry: words, a comma, then a page number within the document ({@code accents, 19}),
 *       or words then a list of numbers ({@code \\cmidrule 4, 90, 113}; code indexes list line
 *       numbers), or a line of such a list alone;</li>
 *   <li>a contents line without leaders: a heading number, a title, then a page number within the
 *       document, the page numbers of such lines never going down ({@code 3.2 Results 14}).</li>
 * </ul>
 * A section counts as such a list when at least {@value #MIN_REFERENCE_LINES} of its lines and
 * {@value #MIN_REFERENCE_SHARE} of its lines with words are references, and no line is running text
 * (longer than {@value #MAX_HEADING_CHARS} characters without a page number): a section that mixes
 * a contents list with a paragraph (a licence notice before the contents) is kept for its paragraph.
 * The thresholds were set on the shared corpus (latex2e-reference-fr, booktabs, hausarbeit-jura,
 * install-latex-guide-zh-cn, polyglossia-example-arabic); see {@code NotesTriageTest}.
 */
final class PageReferenceLines {

    /** Fewer reference lines than this is not a list. */
    static final int MIN_REFERENCE_LINES = 4;
    /** Share of the lines with words that must be references. */
    static final double MIN_REFERENCE_SHARE = 0.6;
    /** A line without a page number longer than this is running text (a PDF's text line is 60–100). */
    static final int MAX_HEADING_CHARS = 60;

    private static final String LEADER = "(?:(?:\\.\\s?){3,}|…+|(?:·\\s?){3,})";
    private static final String NUMBER = "\\p{Nd}{1,4}(?:\\s*[–-]\\s*\\p{Nd}{1,4})?";
    private static final String NUMBERS = NUMBER + "(?:\\s*,\\s*" + NUMBER + ")*,?";
    private static final String ROMAN = "[ivxlcdm]{1,6}";
    private static final Pattern LEADER_END = Pattern.compile(".*" + LEADER + "\\s*(?:(?:" + NUMBERS + ")|" + ROMAN + ")\\s*");
    /** Leaders whose page numbers went to the next line; five dots at least, so that an ellipsis is not one. */
    private static final Pattern LEADER_DANGLING = Pattern.compile(".*(?:\\.\\s?){5,}");
    private static final Pattern LEADER_START = Pattern.compile("\\s*(?:" + NUMBERS + ")\\s*" + LEADER + ".*");
    /** A term, then a list of two numbers or more ({@code \\cmidrule 4, 90, 113}), or such a list's continuation. */
    private static final Pattern INDEX_LIST = Pattern.compile(".*?\\s*" + NUMBER + "(?:\\s*,\\s*" + NUMBER + ")+,?\\s*");
    private static final Pattern INDEX_ENTRY = Pattern.compile(".*\\p{L}.*?,\\s*(" + NUMBERS + ")\\s*");
    private static final Pattern NUMBERED_HEADING = Pattern.compile(
            "\\s*(?:\\p{Nd}{1,3}(?:\\.\\p{Nd}{1,3})*|\\p{Lu}(?:\\.\\p{Nd}{1,3})*)\\.?\\s+\\p{L}.*?\\s(\\p{Nd}{1,4})\\s*");
    private static final Pattern BARE_PAGE_NUMBER = Pattern.compile("\\s*(?:\\p{Nd}{1,4}|" + ROMAN + ")\\s*");
    private static final Pattern ANY_NUMBER = Pattern.compile("\\p{Nd}{1,4}");

    /** What a section's lines are. */
    record Count(int references, int withWords, int runningText) {

        /** Whether the lines are a contents or index list by the rules above. */
        boolean isList() {
            return references >= MIN_REFERENCE_LINES && references >= MIN_REFERENCE_SHARE * withWords
                    && runningText == 0;
        }
    }

    private PageReferenceLines() {
    }

    /** Counts the reference lines of {@code text}; page numbers above {@code pageCount} are not pages. */
    static Count count(String text, int pageCount) {
        int references = 0;
        int withWords = 0;
        int running = 0;
        List<Integer> headingPages = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.length() <= 2 || BARE_PAGE_NUMBER.matcher(line).matches()) {
                // blank, a page number, an index's letter heading
                continue;
            }
            withWords++;
            if (LEADER_END.matcher(line).matches() || LEADER_START.matcher(line).matches()
                    || LEADER_DANGLING.matcher(line).matches()) {
                references++;
            } else if (INDEX_LIST.matcher(line).matches() || indexEntry(line, pageCount)) {
                references++;
            } else {
                Matcher h = NUMBERED_HEADING.matcher(line);
                if (h.matches() && value(h.group(1)) <= pageCount) {
                    headingPages.add(value(h.group(1)));
                    references++;
                } else if (line.length() > MAX_HEADING_CHARS) {
                    running++;
                }
            }
        }
        if (!nonDecreasing(headingPages)) {
            // numbers that go down are a table's or a list's, not a contents list's pages
            references -= headingPages.size();
            running += headingPages.size();
        }
        return new Count(references, withWords, running);
    }

    /** The line without its leaders and page numbers: the heading or index term it refers to. */
    static String withoutReferences(String line) {
        return line.replaceAll(LEADER, " ").replaceAll("\\p{Nd}+", " ").strip();
    }

    private static boolean indexEntry(String line, int pageCount) {
        Matcher m = INDEX_ENTRY.matcher(line);
        if (!m.matches()) {
            return false;
        }
        Matcher n = ANY_NUMBER.matcher(m.group(1));
        while (n.find()) {
            if (value(n.group()) > pageCount) {
                return false;
            }
        }
        return true;
    }

    private static boolean nonDecreasing(List<Integer> numbers) {
        for (int i = 1; i < numbers.size(); i++) {
            if (numbers.get(i) < numbers.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    private static int value(String digits) {
        int v = 0;
        for (int i = 0; i < digits.length(); i++) {
            v = v * 10 + Character.digit(digits.charAt(i), 10);
        }
        return v;
    }
}
