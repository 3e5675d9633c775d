package dev.ponder.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.document.PdfExtractor;
import dev.ponder.store.PageText;
import dev.ponder.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped retrieval dataset ({@code bench/datasets/retrieval-multilingual.jsonl}) says the truth:
 * every fact is in the text Ponder extracts from its file, on the page it names, and on few pages
 * (a fact found everywhere would make recall meaningless); every document has questions in its own
 * language and in English.
 */
class RetrievalDatasetTest {

    static final Path DATASET = Path.of("bench/datasets/retrieval-multilingual.jsonl");
    /** A fact on more pages than this would be reached by almost any retrieval. */
    private static final int MAX_PAGES_WITH_FACT = 3;

    @TempDir
    Path dir;

    /** The dataset's file names, in sample-docs/ or the shared corpus. */
    static Path document(String fileName) {
        Path sample = Path.of("sample-docs", fileName);
        return Files.isRegularFile(sample) ? sample.toAbsolutePath() : Corpus.real(fileName);
    }

    @Test
    void everyFactIsInTheExtractedTextOfItsPageAndOnFewPages() throws Exception {
        List<RetrievalQuestion> questions = RetrievalDataset.read(DATASET);
        Map<String, List<PageText>> pages = new HashMap<>();
        PdfExtractor extractor = new PdfExtractor(false);
        List<String> wrong = new ArrayList<>();
        for (RetrievalQuestion q : questions) {
            List<PageText> text = pages.computeIfAbsent(q.file(), f -> extract(extractor, document(f)));
            Set<Integer> holding = new TreeSet<>();
            text.stream().filter(p -> RetrievalDataset.holds(p.text(), q.fact())).forEach(p -> holding.add(p.pageNo()));
            if (holding.isEmpty() || (q.page().isPresent() && !holding.contains(q.page().getAsInt()))
                    || holding.size() > MAX_PAGES_WITH_FACT) {
                wrong.add(q.file() + " '" + q.fact() + "' on pages " + holding + ", the dataset says " + q.page());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyDocumentIsAskedAboutInItsLanguageAndInEnglish() throws Exception {
        Map<String, Set<String>> languages = new HashMap<>();
        for (RetrievalQuestion q : RetrievalDataset.read(DATASET)) {
            assertTrue(q.language().isPresent(), q.question());
            assertTrue(q.page().isPresent(), q.question());
            languages.computeIfAbsent(q.file(), f -> new TreeSet<>()).add(q.language().get());
        }
        for (Map.Entry<String, Set<String>> e : languages.entrySet()) {
            assertTrue(e.getValue().contains("en"), e.getKey() + " has no English question");
        }
        assertEquals(Set.of("en", "zh"), languages.get("install-latex-guide-zh-cn.pdf"));
        assertEquals(Set.of("en", "fr"), languages.get("latex2e-reference-fr.pdf"));
        assertEquals(Set.of("en", "fr"), languages.get("formation-latex-ul-diapos-fr.pdf"));
        assertEquals(Set.of("en", "ar"), languages.get("polyglossia-example-arabic.pdf"));
    }

    @Test
    void aLineWithoutAFactIsRefusedWithItsLineNumber() throws Exception {
        Path file = Files.writeString(dir.resolve("d.jsonl"), """
                {"file": "a.pdf", "question": "Q?", "fact": "F"}
                {"file": "a.pdf", "question": "Q?"}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RetrievalDataset.read(file));
        assertEquals("Line 2 of d.jsonl has no \"fact\"; each line needs {\"file\", \"question\", \"fact\"}.",
                e.getMessage());
    }

    @Test
    void factsAreComparedAcrossLineBreaksCaseAndComposition() {
        assertTrue(RetrievalDataset.holds("Pouce,\n72,27 pt", "pouce, 72,27 PT"));
        assertTrue(RetrievalDataset.holds("re\u0301dige\u0301e", "rédigée"));
        assertFalse(RetrievalDataset.holds("72,2 pt", "72,27 pt"));
    }

    private static List<PageText> extract(PdfExtractor extractor, Path file) {
        try {
            PdfExtractor.Result r = extractor.extract(file, Optional.empty(), (d, c) -> { }, () -> false);
            return ((PdfExtractor.Result.Text) r).pages();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
