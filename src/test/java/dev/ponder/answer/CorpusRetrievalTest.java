package dev.ponder.answer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.document.DocumentImporter;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.ImportProgress;
import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.search.SectionIndex;
import dev.ponder.store.Database;
import dev.ponder.store.LibraryRepository;
import dev.ponder.testing.Corpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The facts listed in the corpus notes ({@code corpus/tricky/CASES.md}, {@code corpus/real/SOURCES.md})
 * are in the sections retrieval hands the model for a question about them — checked without a model.
 */
class CorpusRetrievalTest {

    /** Sections retrieved for a prompt (AnswerService.CANDIDATE_SECTIONS); an 8k context holds about this many. */
    private static final int TOP = AnswerService.CANDIDATE_SECTIONS;

    @TempDir
    static Path dir;
    private static Database db;
    private static Retriever retriever;
    private static LibraryRepository library;
    private static SectionIndex index;

    @BeforeAll
    static void importCorpus() {
        db = Database.open(dir);
        library = new LibraryRepository(db);
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        index = SectionIndex.open(dir, library);
        DocumentImporter importer = new DocumentImporter(library, embedder, index);
        for (String name : List.of("acroform-filled-fields.pdf", "ligatures-cm-type1.pdf", "rotated-pages.pdf",
                "prompt-injection.pdf", "truncated-half.pdf", "large-3000-pages.pdf", "duplicate-invoice.pdf")) {
            assertImported(importer.importFile(Corpus.tricky(name), Optional.empty(), ImportProgress.NONE));
        }
        // the encrypted copy holds the same text as truncated-half.pdf: recognised as the same content
        ImportOutcome encrypted = importer.importFile(Corpus.tricky("encrypted-user-password-aes256.pdf"),
                Optional.of("secret123".toCharArray()), ImportProgress.NONE);
        assertTrue(encrypted instanceof ImportOutcome.Imported
                || encrypted instanceof ImportOutcome.AlreadyInLibrary a && a.sameTextOnly(), encrypted.toString());
        assertImported(importer.importFile(Corpus.real("us-constitution-bill-of-rights.pdf"), Optional.empty(),
                ImportProgress.NONE));
        retriever = new Retriever(library, embedder, index);
    }

    private static void assertImported(ImportOutcome outcome) {
        assertTrue(outcome instanceof ImportOutcome.Imported, outcome.toString());
    }

    @AfterAll
    static void close() {
        index.close();
        db.close();
    }

    private static long id(String fileName) {
        return library.all().stream().filter(d -> d.fileName().equals(fileName)).findFirst().orElseThrow().id();
    }

    @ParameterizedTest(name = "{1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "large-3000-pages.pdf                | What is the vault combination?          | 31-47-09",
            "acroform-filled-fields.pdf          | What is the employee ID?                | EMP-40917",
            "ligatures-cm-type1.pdf              | What is the reference number?           | FFI-2718-FL",
            "rotated-pages.pdf                   | What is the access code?                | 7731",
            "rotated-pages.pdf                   | How many units did North have in 2023?  | 1,512",
            "prompt-injection.pdf                | Which vendor scored highest?            | Northwind",
            "truncated-half.pdf                  | What is the maximum load?               | 45 kilograms",  // the encrypted copy's text
            "truncated-half.pdf                  | How long is the warranty?               | 27 months",
            "duplicate-invoice.pdf               | What is the invoice total?              | 355.00",
            "us-constitution-bill-of-rights.pdf  | How old must the President be?          | thirty five Years",
    })
    void factIsInTheSectionsRetrievedForTheDocument(String file, String question, String fact) {
        List<Retriever.Scored> top = retriever.retrieve(question, List.of(id(file)), TOP);
        assertTrue(top.stream().anyMatch(s -> s.section().text().contains(fact)),
                () -> "no section with '" + fact + "' among " + pages(top));
    }

    @Test
    void vaultCombinationIsFoundAcrossTheWholeLibraryAndCitesPage2718() {
        List<Retriever.Scored> top = retriever.retrieve("What is the vault combination?", List.of(), TOP);
        Retriever.Scored hit = top.stream().filter(s -> s.section().text().contains("31-47-09")).findFirst()
                .orElseThrow(() -> new AssertionError("not retrieved: " + pages(top)));
        assertTrue(hit.section().firstPage() <= 2718 && 2718 <= hit.section().lastPage(), pages(List.of(hit)));
    }

    private static String pages(List<Retriever.Scored> scored) {
        return scored.stream().map(s -> "doc " + s.section().documentId() + " pp." + s.section().firstPage() + "-"
                + s.section().lastPage() + " (" + String.format("%.2f", s.score()) + ")").collect(Collectors.joining(", "));
    }
}
