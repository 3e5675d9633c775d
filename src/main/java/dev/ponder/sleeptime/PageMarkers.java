package dev.ponder.sleeptime;

import dev.ponder.store.SectionText;
import java.util.Map;

/**
 * Marks where each page begins inside a section that runs across pages ({@code [page 12]} on a
 * line of its own), so the model can give each note the page it comes from: a section stores only
 * its first and last page. The start of a page is found by its first line, searched in order after
 * the previous page's start; a page whose start cannot be found gets no marker.
 */
final class PageMarkers {

    /** How much of a page's first line is searched for, in characters. */
    static final int PROBE_CHARS = 80;

    private PageMarkers() {
    }

    /** Marker line for page {@code n}; the section-notes prompt explains it. */
    static String marker(int page) {
        return "[page " + page + "]";
    }

    /**
     * @param pages page number → page text, for at least the section's pages after its first
     * @return the section's text with a marker line before the start of each later page
     */
    static String mark(SectionText section, Map<Integer, String> pages) {
        String text = section.text();
        if (section.firstPage() == section.lastPage()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int page = section.firstPage() + 1; page <= section.lastPage(); page++) {
            String probe = firstLine(pages.getOrDefault(page, ""));
            int at = probe.isEmpty() ? -1 : text.indexOf(probe, from);
            if (at < 0) {
                continue;
            }
            out.append(text, from, at);
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append(marker(page)).append('\n');
            from = at;
        }
        return out.append(text, from, text.length()).toString();
    }

    private static String firstLine(String page) {
        for (String line : page.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty()) {
                return l.length() <= PROBE_CHARS ? l : l.substring(0, PROBE_CHARS);
            }
        }
        return "";
    }
}
