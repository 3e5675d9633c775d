package dev.ponder.document;

import dev.ponder.base.Hashing;
import dev.ponder.testing.Corpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.NewDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that cannot be read, retries, a reopened library, and imports cut short by a crash or a cancel. */
class ImportLifecycleTest {

    private static final String CONSTITUTION = "us-constitution-bill-of-rights.pdf";

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    @Test
    void aMissingFileFailsWithASentenceAndIsNotAddedToTheLibrary() throws IOException {
        Path file = files.resolve("later.pdf");
        try (TestLibrary library = new TestLibrary(dataDir)) {
            ImportOutcome.Failed failed = assertInstanceOf(ImportOutcome.Failed.class,
                    library.importer.importFile(file, Optional.empty(), ImportProgress.NONE));
            assertEquals("Ponder could not read later.pdf: the file was not found (it may have been moved or deleted).",
                    failed.reason());
            assertEquals(Optional.empty(), failed.document().sha256());
            assertEquals(0, library.documents().size(), "a typo does not become a library entry");

            Files.copy(Corpus.sample(CONSTITUTION), file);
            assertInstanceOf(ImportOutcome.Imported.class,
                    library.importer.importFile(file, Optional.empty(), ImportProgress.NONE));
            assertEquals(1, library.documents().size());
        }
    }

    @Test
    void aFolderIsNotAFile() {
        try (TestLibrary library = new TestLibrary(dataDir)) {
            ImportOutcome.Failed failed = assertInstanceOf(ImportOutcome.Failed.class,
                    library.importer.importFile(files, Optional.empty(), ImportProgress.NONE));
            assertTrue(failed.reason().endsWith(": it is a folder, not a file."), failed.reason());
            assertEquals(0, library.documents().size());
        }
    }

    @Test
    void aReopenedLibraryKeepsItsDocumentsAndDoesNotReadTheSameFileAgain() {
        long id;
        try (TestLibrary library = new TestLibrary(dataDir)) {
            id = assertInstanceOf(ImportOutcome.Imported.class, library.importer.importFile(
                    Corpus.sample(CONSTITUTION), Optional.empty(), ImportProgress.NONE)).document().id();
        }
        try (TestLibrary reopened = new TestLibrary(dataDir)) {
            DocumentEntry doc = reopened.documents().get(0);
            assertEquals(id, doc.id());
            assertEquals(DocumentStatus.READY, doc.status());
            assertEquals(9, reopened.repository.pages(id).size());
            assertTrue(reopened.text(id).contains("We the People"));

            RecordingProgress progress = new RecordingProgress();
            ImportOutcome again = reopened.importer.importFile(Corpus.sample(CONSTITUTION), Optional.empty(), progress);

            assertEquals(id, assertInstanceOf(ImportOutcome.AlreadyInLibrary.class, again).document().id());
            assertFalse(progress.readAnyPage());
            assertEquals(0, reopened.embedder.texts.get());
        }
    }

    @Test
    void anImportLeftUnfinishedByACrashIsRedoneInItsOwnRow() throws IOException {
        Path file = Corpus.sample(CONSTITUTION);
        try (TestLibrary library = new TestLibrary(dataDir)) {
            // what a crash between adding the row and storing the content leaves behind
            long id = library.repository.add(new NewDocument(Optional.of(Hashing.sha256Hex(file)), CONSTITUTION, file,
                    Files.size(file)), DocumentStatus.IMPORTING, Optional.empty());

            List<ImportOutcome> outcomes = library.importer.resumeInterrupted(ImportProgress.NONE);

            assertEquals(1, outcomes.size());
            DocumentEntry doc = assertInstanceOf(ImportOutcome.Imported.class, outcomes.get(0)).document();
            assertEquals(id, doc.id());
            assertEquals(DocumentStatus.READY, doc.status());
            assertEquals(1, library.documents().size());
            assertTrue(library.importer.resumeInterrupted(ImportProgress.NONE).isEmpty());
        }
    }

    @Test
    void aResumedRowWhoseFileChangedTakesTheNewContent() {
        Path file = Corpus.sample(CONSTITUTION);
        try (TestLibrary library = new TestLibrary(dataDir)) {
            long id = library.repository.add(new NewDocument(Optional.of("0".repeat(64)), CONSTITUTION, file, 1),
                    DocumentStatus.QUEUED, Optional.empty());

            DocumentEntry doc = assertInstanceOf(ImportOutcome.Imported.class,
                    library.importer.resumeInterrupted(ImportProgress.NONE).get(0)).document();

            assertEquals(id, doc.id());
            assertTrue(doc.sha256().orElseThrow().startsWith("62e1beb701f8ebe3"));
        }
    }

    @Test
    void aResumedRowWhoseContentIsAlreadyReadyElsewhereIsDropped() {
        Path file = Corpus.sample(CONSTITUTION);
        try (TestLibrary library = new TestLibrary(dataDir)) {
            long ready = assertInstanceOf(ImportOutcome.Imported.class,
                    library.importer.importFile(file, Optional.empty(), ImportProgress.NONE)).document().id();
            library.repository.add(new NewDocument(Optional.empty(), CONSTITUTION, file, 0), DocumentStatus.IMPORTING,
                    Optional.empty());

            ImportOutcome outcome = library.importer.resumeInterrupted(ImportProgress.NONE).get(0);

            assertEquals(ready, assertInstanceOf(ImportOutcome.AlreadyInLibrary.class, outcome).document().id());
            assertEquals(1, library.documents().size());
        }
    }

    @Test
    void aCancelledImportIsMarkedFailedAndStoresNothing() {
        try (TestLibrary library = new TestLibrary(dataDir)) {
            ImportProgress cancelAfterTwoPages = new ImportProgress() {
                private int pages;

                @Override
                public void progress(String stage, double fraction) {
                    if (stage.startsWith("Reading page")) {
                        pages++;
                    }
                }

                @Override
                public boolean cancelled() {
                    return pages >= 2;
                }
            };

            ImportOutcome outcome = library.importer.importFile(Corpus.sample("booktabs-tables.pdf"), Optional.empty(),
                    cancelAfterTwoPages);

            ImportOutcome.Failed failed = assertInstanceOf(ImportOutcome.Failed.class, outcome);
            assertEquals("The import was stopped before it finished. Open the file again to import it.", failed.reason());
            assertEquals(DocumentStatus.FAILED, failed.document().status());
            assertTrue(library.repository.pages(failed.document().id()).isEmpty());
            assertEquals(0, library.embedder.texts.get());
        }
    }
}
