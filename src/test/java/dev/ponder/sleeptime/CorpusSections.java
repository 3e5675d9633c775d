package dev.ponder.sleeptime;

import dev.ponder.document.PdfExtractor;
import dev.ponder.document.Sectioner;
import dev.ponder.store.PageText;
import dev.ponder.store.SectionText;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PDF's pages and sections as the import stores them (the real extractor, then the real
 * {@link Sectioner}), without a library: what the skip rules and the fact check read.
 */
record CorpusSections(String fileName, Map<Integer, String> pages, List<SectionText> sections) {

    static CorpusSections of(Path pdf) throws Exception {
        PdfExtractor.Result result = new PdfExtractor().extract(pdf, Optional.empty(), (done, total) -> { }, () -> false);
        if (!(result instanceof PdfExtractor.Result.Text text)) {
            throw new AssertionError(pdf + " gave no text: " + result);
        }
        Map<Integer, String> pages = new LinkedHashMap<>();
        for (PageText p : text.pages()) {
            if (p.hasText()) {
                pages.put(p.pageNo(), p.text());
            }
        }
        List<SectionText> sections = new Sectioner().sections(text.pages()).stream()
                .map(s -> new SectionText(s.ordinal(), s.firstPage(), s.lastPage(), s.text(), s.textSha256())).toList();
        return new CorpusSections(pdf.getFileName().toString(), pages, sections);
    }

    List<NotesTriage.Skip> skipped() {
        return NotesTriage.skipped(sections, pages);
    }
}
