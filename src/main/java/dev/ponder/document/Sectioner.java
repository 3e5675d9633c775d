package dev.ponder.document;

import dev.ponder.base.Hashing;
import dev.ponder.store.PageText;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a document's pages into sections of roughly {@value #MIN_CHARS}–{@value #MAX_CHARS}
 * characters, each with the pages it spans.
 *
 * <p>Why that size: all-MiniLM-L6-v2 reads at most 256 word pieces (about 1,000–1,200 characters
 * of English) and ignores the rest, and retrieval works best when a section is about one thing.
 * Sections end at a paragraph end (a blank line or a page end) once they reach the minimum, and
 * otherwise before a line that would push them past the maximum. A section may run across a page
 * break; a page without text (scanned) ends the current section, so no section claims a page it
 * has no text from. A line longer than the maximum is split at a space, or, when it has none, at a
 * character boundary. The result depends only on the input.
 */
public final class Sectioner {

    /** A section closes at the first paragraph end after this many characters. */
    public static final int MIN_CHARS = 700;
    /** No section is longer than this many characters. */
    public static final int MAX_CHARS = 1200;
    /** A last section shorter than this is merged into the one before when that still fits. */
    static final int TAIL_CHARS = 200;

    /**
     * A section before it is embedded.
     *
     * @param ordinal    0-based position in the document
     * @param firstPage  1-based first page
     * @param lastPage   1-based last page
     * @param text       the section's text, at most {@value #MAX_CHARS} chars
     * @param textSha256 hex SHA-256 of {@code text} (UTF-8)
     */
    public record Section(int ordinal, int firstPage, int lastPage, String text, String textSha256) {
    }

    /** One line of a page, already no longer than {@link #MAX_CHARS}. */
    private record Line(int page, String text, boolean endsParagraph) {
    }

    /** Sections of {@code pages}, in reading order; pages with {@code hasText == false} give none. */
    public List<Section> sections(List<PageText> pages) {
        List<Draft> drafts = new ArrayList<>();
        Draft current = null;
        for (PageText page : pages) {
            if (!page.hasText()) {
                current = close(drafts, current);
                continue;
            }
            for (Line line : lines(page)) {
                if (current != null && current.length() + 2 + line.text().length() > MAX_CHARS) {
                    current = close(drafts, current);
                }
                if (current == null) {
                    current = new Draft(line.page());
                }
                current.add(line);
                if (line.endsParagraph() && current.length() >= MIN_CHARS) {
                    current = close(drafts, current);
                }
            }
        }
        close(drafts, current);
        mergeShortTail(drafts);
        List<Section> out = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            String text = d.text();
            out.add(new Section(out.size(), d.firstPage, d.lastPage, text, Hashing.sha256Hex(text)));
        }
        return out;
    }

    private static Draft close(List<Draft> drafts, Draft current) {
        if (current != null && !current.text().isBlank()) {
            drafts.add(current);
        }
        return null;
    }

    private static void mergeShortTail(List<Draft> drafts) {
        int n = drafts.size();
        if (n < 2) {
            return;
        }
        Draft last = drafts.get(n - 1);
        Draft before = drafts.get(n - 2);
        boolean adjacent = last.firstPage - before.lastPage <= 1;
        if (last.length() < TAIL_CHARS && adjacent && before.length() + 2 + last.length() <= MAX_CHARS) {
            before.append(last);
            drafts.remove(n - 1);
        }
    }

    /** The page's non-blank lines, long ones split; a line before a blank line or the page end ends a paragraph. */
    private static List<Line> lines(PageText page) {
        String[] raw = page.text().split("\n", -1);
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean paragraphEnd = i + 1 >= raw.length || raw[i + 1].isBlank();
            List<String> pieces = LineSplitter.split(line, MAX_CHARS);
            for (int p = 0; p < pieces.size(); p++) {
                out.add(new Line(page.pageNo(), pieces.get(p), paragraphEnd && p == pieces.size() - 1));
            }
        }
        return out;
    }

    /** A section being filled. */
    private static final class Draft {
        private final StringBuilder text = new StringBuilder();
        private final int firstPage;
        private int lastPage;
        private boolean paragraphOpen;

        Draft(int firstPage) {
            this.firstPage = firstPage;
            this.lastPage = firstPage;
        }

        void add(Line line) {
            if (!text.isEmpty()) {
                text.append(paragraphOpen ? "\n" : "\n\n");
            }
            text.append(line.text());
            lastPage = line.page();
            paragraphOpen = !line.endsParagraph();
        }

        void append(Draft next) {
            text.append("\n\n").append(next.text);
            lastPage = next.lastPage;
        }

        int length() {
            return text.length();
        }

        String text() {
            return text.toString();
        }
    }
}
