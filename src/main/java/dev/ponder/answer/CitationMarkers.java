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
 * Collects the pages cited.
 */
public final class CitationMarkers {

    private static final Pattern MARKER = Pattern.compile("\\[(S\\d+(?:\\s*[,;]\\s*S\\d+)*)]");
    private static final Pattern LABEL = Pattern.compile("S\\d+");
    /** Longest bracket held back while waiting for it to close, in chars. */
    private static final int HOLD_LIMIT = 40;

    private final Map<String, PromptBuilder.Source> byLabel;
    private final boolean nameDocuments;
    private final Set<Citation> cited = new LinkedHashSet<>();
    private final StringBuilder pending = new StringBuilder();

    public CitationMarkers(List<PromptBuilder.Source> sources) {
        this.byLabel = sources.stream().collect(Collectors.toMap(PromptBuilder.Source::label, Function.identity()));
        this.nameDocuments = sources.stream().map(s -> s.section().documentId()).distinct().count() > 1;
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
                PromptBuilder.Source s = byLabel.get(label.group());
                if (s != null) {
                    refs.add(reference(s));
                    for (int p = s.section().firstPage(); p <= s.section().lastPage(); p++) {
                        cited.add(new Citation(s.section().documentId(), s.fileName(), p));
                    }
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(refs.isEmpty() ? "" : "[" + String.join("; ", refs) + "]"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String reference(PromptBuilder.Source s) {
        String pages = s.section().firstPage() == s.section().lastPage()
                ? "p. " + s.section().firstPage()
                : "pp. " + s.section().firstPage() + "–" + s.section().lastPage();
        return nameDocuments ? s.fileName() + " " + pages : pages;
    }
}
