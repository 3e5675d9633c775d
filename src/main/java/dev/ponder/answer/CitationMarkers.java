package dev.ponder.answer;

import dev.ponder.store.Citation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the model's source labels ({@code [S2]}, {@code [S1, S3]}) into page references a person
 * reads ({@code [p. 4]}, or {@code [report.pdf p. 4]} when several documents are in play), also
 * while the answer streams: a chunk ending inside a bracket is held back until the bracket closes.
 * While an answer streams, a label shows every page its section spans; the pages an answer cites are
 * computed once it is complete ({@link Citations}).
 */
public final class CitationMarkers {

    private static final Pattern MARKER = Pattern.compile("\\[(S\\d+(?:\\s*[,;]\\s*S\\d+)*)]");
    private static final Pattern LABEL = Pattern.compile("S\\d+");
    /** Longest bracket held back while waiting for it to close, in chars. */
    private static final int HOLD_LIMIT = 40;

    private final Map<String, Source> byLabel;
    private final boolean nameDocuments;
    private final Set<Citation> cited = new LinkedHashSet<>();
    private final StringBuilder pending = new StringBuilder();

    private final Function<Source, List<Integer>> pagesOf;

    /** Cites every page a source spans. */
    public CitationMarkers(List<Source> sources) {
        this(sources, CitationMarkers::span);
    }

    /**
     * @param pagesOf the pages to cite for a source, in ascending order (e.g. narrowed to the pages
     *                that hold the answer, see {@link Citations})
     */
    public CitationMarkers(List<Source> sources, Function<Source, List<Integer>> pagesOf) {
        this.byLabel = sources.stream().collect(Collectors.toMap(Source::label, Function.identity()));
        this.nameDocuments = sources.stream().map(Source::documentId).distinct().count() > 1;
        this.pagesOf = pagesOf;
    }

    /** Every page of the source's span (a c′ cites no page by itself: its facts carry theirs). */
    static List<Integer> span(Source s) {
        return s instanceof Source.LearnedContext ? List.of()
                : java.util.stream.IntStream.rangeClosed(s.firstPage(), s.lastPage()).boxed().toList();
    }

    /** Renders a whole, finished text at once. */
    public String renderAll(String text) {
        return accept(text) + flush();
    }

    /** Feeds a streamed chunk; returns the text that can be shown now (possibly empty). */
    public String accept(String chunk) {
        pending.append(chunk);
        int open = pending.lastIndexOf("[");
        int cut = pending.length();
        if (open >= 0 && pending.indexOf("]", open) < 0 && pending.length() - open <= HOLD_LIMIT) {
            cut = open;
        }
        String ready = pending.substring(0, cut);
        pending.delete(0, cut);
        return render(ready);
    }

    /** Returns whatever was held back, at the end of the stream. */
    public String flush() {
        String rest = render(pending.toString());
        pending.setLength(0);
        return rest;
    }

    /** Pages cited so far, in order of first citation. */
    public List<Citation> cited() {
        return List.copyOf(cited);
    }

    private String render(String text) {
        Matcher m = MARKER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<String> refs = new ArrayList<>();
            Matcher label = LABEL.matcher(m.group(1));
            while (label.find()) {
                Source s = byLabel.get(label.group());
                List<Integer> pages = s == null ? List.of() : pagesOf.apply(s);
                if (!pages.isEmpty()) {
                    refs.add(reference(s, pages));
                    for (int p : pages) {
                        cited.add(new Citation(s.documentId(), s.fileName(), p));
                    }
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(refs.isEmpty() ? "" : "[" + String.join("; ", refs) + "]"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String reference(Source s, List<Integer> pages) {
        return nameDocuments ? s.fileName() + " " + pageText(pages) : pageText(pages);
    }

    /** "p. 4", "pp. 4–6" for a run, "pp. 4, 7" otherwise. */
    static String pageText(List<Integer> pages) {
        if (pages.size() == 1) {
            return "p. " + pages.get(0);
        }
        boolean run = pages.get(pages.size() - 1) - pages.get(0) == pages.size() - 1;
        return run ? "pp. " + pages.get(0) + "–" + pages.get(pages.size() - 1)
                : "pp. " + pages.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
