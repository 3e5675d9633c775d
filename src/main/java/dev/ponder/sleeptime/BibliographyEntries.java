package dev.ponder.sleeptime;

import java.util.regex.Pattern;

/**
 * Recognises a run of bibliography entries ("[12] Author. 2007. Title…", "[Knu84] …",
 * "12. Author, Title, 1998"), from the layout alone, so in any language: an entry begins with a
 * citation label at the start of a line and its first lines hold a year. A section is a reference
 * list when it begins at least {@value #MIN_ENTRIES} entries and at least {@value #MIN_ENTRY_SHARE}
 * of its lines with words belong to entries: an entry's label line and at most
 * {@value #MAX_ENTRY_LINES} lines after it, and the lines a section opens with when the section
 * before it ended inside an entry. The acknowledgements before a list, or an appendix after it, keep
 * their section. Thresholds set on acm-sigconf-two-column.pdf (shared corpus); see {@code NotesTriageTest}.
 */
final class BibliographyEntries {

    static final int MIN_ENTRIES = 2;
    /** {@link #count}'s {@code open} when the section before did not end inside an entry. */
    static final int NONE = -1;
    static final double MIN_ENTRY_SHARE = 0.8;
    /** Lines after its label line an entry may run to (acm's longest entry has 5). */
    static final int MAX_ENTRY_LINES = 6;

    private static final Pattern LABEL = Pattern.compile("\\s*\\[[^\\]\\s]{1,12}\\]\\s+\\S.*");
    private static final Pattern YEAR = Pattern.compile("(?<!\\p{Nd})(?:1[5-9]|20)\\p{Nd}{2}(?!\\p{Nd})");

    /** What a section's lines are, and whether its last entry may run on into the next section. */
    record Count(int entries, int entryLines, int withWords, int open) {

        boolean isList() {
            return entries >= MIN_ENTRIES && entryLines >= MIN_ENTRY_SHARE * withWords;
        }
    }

    private BibliographyEntries() {
    }

    /**
     * @param open the lines after its label of the entry the section before ended inside (that
     *             section's {@link Count#open()}), or {@link #NONE} when it did not end inside one
     */
    static Count count(String text, int open) {
        String[] lines = text.split("\n");
        int entries = 0;
        int entryLines = 0;
        int withWords = 0;
        int inEntry = open;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            withWords++;
            if (LABEL.matcher(line).matches() && YEAR.matcher(line + " " + next(lines, i)).find()) {
                entries++;
                entryLines++;
                inEntry = 0;
            } else if (inEntry >= 0 && inEntry < MAX_ENTRY_LINES) {
                entryLines++;
                inEntry++;
            } else {
                inEntry = NONE;
            }
        }
        return new Count(entries, entryLines, withWords, inEntry);
    }

    private static String next(String[] lines, int i) {
        for (int j = i + 1; j < lines.length; j++) {
            if (!lines[j].isBlank()) {
                return lines[j];
            }
        }
        return "";
    }
}
