package dev.ponder.document;

import dev.ponder.base.Hashing;
import dev.ponder.testing.Corpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.DocumentEntry;
import dev.ponder.store.PageText;
import dev.ponder.store.SectionEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real documents in sample-docs/ import cleanly. */
class SampleDocumentsImportTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @CsvSource({
        "us-constitution-bill-of-rights.pdf, 9, Congress shall make no law respecting an establishment of religion",
        "float-package-paper.pdf, 12, An Improved Environment for Floats",
        "booktabs-tables.pdf, 18, Publication quality tables in",
    })
    void aRealDocumentImportsWithoutWarningsAndEveryPageIsInASection(String name, int pageCount, String phrase) {
        try (TestLibrary library = new TestLibrary(dataDir)) {
            DocumentEntry doc = assertInstanceOf(ImportOutcome.Imported.class,
                    library.importer.importFile(Corpus.sample(name), Optional.empty(), ImportProgress.NONE)).document();

            assertEquals(pageCount, doc.pages());
            assertEquals(Optional.empty(), doc.message());
            assertTrue(library.text(doc.id()).replaceAll("\\s+", " ").contains(phrase));
            List<SectionEntry> sections = library.repository.sections(List.of(doc.id()));
            assertEquals(doc.sections(), sections.size());
            for (SectionEntry s : sections) {
                assertTrue(s.text().length() <= Sectioner.MAX_CHARS);
                assertEquals(384, s.embedding().length);
                assertEquals(Hashing.sha256Hex(s.text()), s.textSha256());
            }
            for (PageText page : library.repository.pages(doc.id())) {
                assertTrue(!page.hasText() || sections.stream()
                        .anyMatch(s -> s.firstPage() <= page.pageNo() && page.pageNo() <= s.lastPage()),
                        () -> "page " + page.pageNo() + " is in no section");
            }
        }
    }

    @Test
    void aSearchPhraseFromTheConstitutionSitsInASectionWithItsPage() {
        try (TestLibrary library = new TestLibrary(dataDir)) {
            DocumentEntry doc = assertInstanceOf(ImportOutcome.Imported.class, library.importer.importFile(
                    Corpus.sample("us-constitution-bill-of-rights.pdf"), Optional.empty(), ImportProgress.NONE)).document();
            List<PageText> pages = library.repository.pages(doc.id());
            int page = pages.stream().filter(p -> p.text().contains("We the People")).findFirst().orElseThrow().pageNo();

            SectionEntry section = library.repository.sections(List.of(doc.id())).stream()
                    .filter(s -> s.text().contains("We the People")).findFirst().orElseThrow();

            assertTrue(section.firstPage() <= page && page <= section.lastPage());
        }
    }
}
