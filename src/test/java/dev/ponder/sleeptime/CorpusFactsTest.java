package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.testing.Corpus;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The skip rules keep every answer-relevant fact (issue 14, item 3): each fact the shared corpus
 * lists ({@code ../shared/corpus/real/SOURCES.md}, {@code ../shared/corpus/tricky/CASES.md}) is in
 * the text of the sections sent for notes. A failure names the file and the fact. Not checked here:
 * {@code scanned-image-only.pdf} (its facts come from OCR), the encrypted file (needs its password,
 * and has the base document's facts, checked on {@code truncated-half.pdf}). In the {@code benchmark}
 * tier: extracting the files takes about half a minute even for the small ones (PDFBox's first font
 * scan); the default run checks the same rules on real PDFs in {@link NotesTriageTest}.
 */
@Tag("benchmark")
class CorpusFactsTest {

    /** File → the facts listed for it, as the PDF's text has them. */
    private static final Map<Path, List<String>> SMALL_FILES = new LinkedHashMap<>();
    static {
        // SOURCES.md: the article's title, the tables document's title
        SMALL_FILES.put(Corpus.real("float-package-paper.pdf"), List.of("An Improved Environment for Floats"));
        SMALL_FILES.put(Corpus.real("booktabs-tables.pdf"), List.of("Publication quality tables"));
        // CASES.md: the base document (truncated-half recovers both pages; its page 2 spells out "45 kilograms")
        // and each file's own facts
        SMALL_FILES.put(Corpus.tricky("truncated-half.pdf"),
                List.of("27 months", "555-0142", "BLUE HERON", "90 days", "45 kilograms"));
        SMALL_FILES.put(Corpus.tricky("rotated-pages.pdf"), List.of("7731", "1,512"));
        SMALL_FILES.put(Corpus.tricky("ligatures-cm-type1.pdf"), List.of("FFI-2718-FL", "fifty-five"));
        SMALL_FILES.put(Corpus.tricky("acroform-filled-fields.pdf"),
                List.of("Priya Raman", "EMP-40917", "PJ-5520", "2024-06-30", "Research"));
        SMALL_FILES.put(Corpus.tricky("prompt-injection.pdf"), List.of("Northwind Software", "82", "Acme"));
        SMALL_FILES.put(Corpus.tricky("duplicate-invoice.pdf"), List.of("2024-117", "355.00"));
    }

    @Test
    void everyListedFactOfTheSmallFilesIsInASectionSentForNotes() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Path, List<String>> e : SMALL_FILES.entrySet()) {
            failures.addAll(check(CorpusSections.of(e.getKey()), e.getValue()));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * The 312-page French manual (about half a minute to extract), the 3,000-page ledger and the
     * French slides (images: slow to read): their
     * facts are read, and the manual's skipped sections are its table of contents (pp. 3–11) and its
     * index (pp. 290–312) only.
     */
    @Test
    void theLongDocumentsKeepTheirFactsAndLoseOnlyTheirContentsAndIndex() throws Exception {
        CorpusSections manual = CorpusSections.of(Corpus.real("latex2e-reference-fr.pdf"));
        // SOURCES.md: the permissive notice (printed on p. i) allows verbatim and modified copies and translations
        List<String> failures = new ArrayList<>(check(manual, List.of(
                "Permission is granted to make and distribute verbatim copies",
                "Permission is granted to copy and distribute modified versions",
                "Permission is granted to copy and distribute translations", "Août 2022",
                "Permission vous est donnée de copier et distribuer des traductions")));
        failures.addAll(check(CorpusSections.of(Corpus.tricky("large-3000-pages.pdf")), List.of("31-47-09")));
        // SOURCES.md: the deck's own notice names its licence (p. 2)
        failures.addAll(check(CorpusSections.of(Corpus.real("formation-latex-ul-diapos-fr.pdf")),
                List.of("Attribution-Partage dans les mêmes conditions 4.0", "Creative Commons")));
        assertTrue(failures.isEmpty(), String.join("\n", failures));

        List<NotesTriage.Skip> skipped = manual.skipped();
        System.out.printf("latex2e-reference-fr.pdf: %d of %d sections skipped (%s)%n", skipped.size(),
                manual.sections().size(), skipped.stream().collect(Collectors.groupingBy(NotesTriage.Skip::reason,
                        Collectors.counting())));
        assertTrue(skipped.stream().allMatch(k -> k.reason() == NotesTriage.Reason.CONTENTS_OR_INDEX
                && (k.section().lastPage() <= 11 || k.section().firstPage() >= 290)), NotesTriageTest.describe(skipped));
        assertEquals(208, skipped.size(), "37 sections of contents, 171 of index");
    }

    /** The facts not in the kept sections' text, each named with its file; the fact must be in the document's text at all. */
    private static List<String> check(CorpusSections doc, List<String> facts) {
        Set<String> skipped = new HashSet<>();
        doc.skipped().forEach(k -> skipped.add(k.section().textSha256()));
        String all = normal(doc.sections().stream().map(s -> s.text()).collect(Collectors.joining(" ")));
        String kept = normal(doc.sections().stream().filter(s -> !skipped.contains(s.textSha256())).map(s -> s.text())
                .collect(Collectors.joining(" ")));
        List<String> out = new ArrayList<>();
        for (String fact : facts) {
            String f = normal(fact);
            if (!all.contains(f)) {
                out.add(doc.fileName() + ": \"" + fact + "\" is not in the extracted text at all");
            } else if (!kept.contains(f)) {
                out.add(doc.fileName() + ": \"" + fact + "\" is only in sections left without notes");
            }
        }
        return out;
    }

    private static String normal(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("-\\s*\\n\\s*", "-").replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
    }
}
