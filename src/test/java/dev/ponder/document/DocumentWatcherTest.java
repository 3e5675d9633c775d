package dev.ponder.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.base.Hashing;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.SectionNotesEntry;
import dev.ponder.store.SleepTimeRepository;
import dev.ponder.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher with a real library (H2 file, MiniLM), real PDFs rewritten on disk and the platform's WatchService. */
class DocumentWatcherTest {

    private static final Duration DEBOUNCE = Duration.ofMillis(400);
    private static final Duration RECHECK = Duration.ofMillis(200);
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;
    @TempDir
    Path docs;

    private TestLibrary library;
    private LibraryService service;
    private DocumentWatcher watcher;
    /** Times each document went into IMPORTING, i.e. was imported (again). */
    private final java.util.Map<Long, AtomicInteger> imports = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void open() {
        library = new TestLibrary(dataDir);
        service = new LibraryService(library.repository, library.importer);
        watcher = new DocumentWatcher(service, DEBOUNCE, RECHECK);
        service.addListener(watcher);
        service.addListener(new LibraryListener() {
            @Override
            public void documentChanged(DocumentEntry document) {
                if (document.status() == DocumentStatus.IMPORTING) {
                    imports.computeIfAbsent(document.id(), id -> new AtomicInteger()).incrementAndGet();
                }
            }

            @Override
            public void importProgress(long documentId, String stage, double fraction) {
            }
        });
    }

    @AfterEach
    void close() {
        watcher.close();
        service.close();
        library.close();
    }

    @Test
    void savingANewVersionImportsItIntoTheSameDocumentAndUnchangedSectionsKeepTheirNotes() throws Exception {
        Path file = copy("us-constitution-bill-of-rights.pdf", docs.resolve("constitution.pdf"));
        DocumentEntry before = imported(file);
        SleepTimeRepository sleep = new SleepTimeRepository(library.database);
        List<String> oldHashes = sleep.sectionHashes(before.id());
        sleep.saveSectionNotes(oldHashes.stream().map(h -> new SectionNotesEntry(h, "[]", 10, 5)).toList(),
                "test-model", "v1");
        watcher.start();

        // an editor's save: the new version is written beside the file and renamed over it
        Path temp = docs.resolve(".constitution.pdf.tmp");
        withoutLastPage(file, temp);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        String newSha = Hashing.sha256Hex(file);

        awaitTrue(() -> entry(before.id()).sha256().filter(newSha::equals).isPresent()
                && entry(before.id()).status() == DocumentStatus.READY);
        DocumentEntry after = entry(before.id());
        assertEquals(1, library.documents().size(), "no second row for the new version");
        assertEquals(before.pages() - 1, after.pages());
        List<String> newHashes = sleep.sectionHashes(before.id());
        Set<String> kept = new HashSet<>(newHashes);
        kept.retainAll(oldHashes);
        assertFalse(kept.isEmpty(), "some sections did not change");
        assertTrue(kept.size() < newHashes.size() || newHashes.size() < oldHashes.size(), "some sections changed");
        assertEquals(kept, sleep.sectionNotes(before.id(), "test-model", "v1").keySet(),
                "exactly the unchanged sections have notes");
    }

    @Test
    void severalWritesInQuickSuccessionAreImportedOnce() throws Exception {
        Path file = copy("float-package-paper.pdf", docs.resolve("paper.pdf"));
        DocumentEntry doc = imported(file);
        watcher.start();
        Thread.sleep(300); // let the start check pass; only the writes below count

        byte[] last = Files.readAllBytes(TestPdfs.write(docs.resolve("other.bin"), List.of(TestPdfs.Page.TEXT)));
        Files.delete(docs.resolve("other.bin"));
        Files.copy(Corpus.sample("booktabs-tables.pdf"), file, StandardCopyOption.REPLACE_EXISTING);
        Thread.sleep(50);
        Files.copy(Corpus.sample("us-constitution-bill-of-rights.pdf"), file, StandardCopyOption.REPLACE_EXISTING);
        Thread.sleep(50);
        Files.write(file, last);
        String lastSha = Hashing.sha256Hex(file);

        awaitTrue(() -> entry(doc.id()).sha256().filter(lastSha::equals).isPresent()
                && entry(doc.id()).status() == DocumentStatus.READY);
        assertEquals(1, imports.get(doc.id()).get(), "three writes, one re-import");
        assertEquals(1, entry(doc.id()).pages());
    }

    @Test
    void aDeletedFileShowsMissingAndLocatingItMakesItReadyAgain() throws Exception {
        Path file = copy("float-package-paper.pdf", docs.resolve("paper.pdf"));
        DocumentEntry doc = imported(file);
        watcher.start();
        int embedded = library.embedder.texts.get();

        Path moved = Files.createDirectories(docs.resolve("elsewhere")).resolve("paper (moved).pdf");
        Files.move(file, moved);

        awaitTrue(() -> entry(doc.id()).missing());
        assertEquals(DocumentStatus.READY, entry(doc.id()).status(), "its stored content stays answerable");

        FileCheck located = service.locate(doc.id(), moved).get(30, TimeUnit.SECONDS);
        DocumentEntry back = assertInstanceOf(FileCheck.Unchanged.class, located).document();
        assertFalse(back.missing());
        assertEquals(moved, back.path());
        assertEquals("paper (moved).pdf", back.fileName());
        assertEquals(DocumentStatus.READY, back.status());
        assertEquals(embedded, library.embedder.texts.get(), "the same content is not imported again");

        // from now on the new place is watched
        Files.delete(moved);
        awaitTrue(() -> entry(doc.id()).missing());
    }

    @Test
    void locatingAFileWithOtherContentImportsItIntoTheSameDocument() throws Exception {
        Path file = copy("float-package-paper.pdf", docs.resolve("paper.pdf"));
        DocumentEntry doc = imported(file);
        Files.delete(file);
        assertInstanceOf(FileCheck.Missing.class, service.check(doc.id()).get(30, TimeUnit.SECONDS));

        Path edited = TestPdfs.write(docs.resolve("paper-edited.pdf"), List.of(TestPdfs.Page.TEXT, TestPdfs.Page.TEXT));
        FileCheck located = service.locate(doc.id(), edited).get(60, TimeUnit.SECONDS);

        ImportOutcome outcome = assertInstanceOf(FileCheck.Reimported.class, located).outcome();
        DocumentEntry now = assertInstanceOf(ImportOutcome.Imported.class, outcome).document();
        assertEquals(doc.id(), now.id());
        assertEquals(2, now.pages());
        assertFalse(now.missing());
    }

    @Test
    void aWatchedFolderThatDisappearsMarksItsDocumentsMissingAndIsWatchedAgainWhenBack() throws Exception {
        Path drive = Files.createDirectories(docs.resolve("usb-stick"));
        Path a = copy("float-package-paper.pdf", drive.resolve("a.pdf"));
        Path b = TestPdfs.write(drive.resolve("b.pdf"), List.of(TestPdfs.Page.TEXT));
        DocumentEntry docA = imported(a);
        DocumentEntry docB = imported(b);
        byte[] bytesA = Files.readAllBytes(a);
        byte[] bytesB = Files.readAllBytes(b);
        watcher.start();

        deleteTree(drive);
        awaitTrue(() -> entry(docA.id()).missing() && entry(docB.id()).missing());

        // the stick is plugged in again
        Files.createDirectories(drive);
        Files.write(a, bytesA);
        Files.write(b, bytesB);
        awaitTrue(() -> !entry(docA.id()).missing() && !entry(docB.id()).missing());
        assertEquals(DocumentStatus.READY, entry(docA.id()).status());
        assertEquals(0, imports.get(docA.id()).get(), "the same content is not imported again");

        // and its files are watched again
        Files.delete(b);
        awaitTrue(() -> entry(docB.id()).missing());
    }

    @Test
    void filesChangedOrDeletedWhilePonderWasClosedAreNoticedAtStart() throws Exception {
        Path changed = TestPdfs.write(docs.resolve("changed.pdf"), List.of(TestPdfs.Page.TEXT));
        Path deleted = copy("float-package-paper.pdf", docs.resolve("deleted.pdf"));
        Path untouched = TestPdfs.write(docs.resolve("untouched.pdf"), List.of(TestPdfs.Page.TEXT, TestPdfs.Page.TEXT));
        DocumentEntry c = imported(changed);
        DocumentEntry d = imported(deleted);
        DocumentEntry u = imported(untouched);

        TestPdfs.write(changed, List.of(TestPdfs.Page.TEXT, TestPdfs.Page.TEXT, TestPdfs.Page.TEXT));
        Files.delete(deleted);
        watcher.start();

        awaitTrue(() -> entry(c.id()).pages() == 3 && entry(d.id()).missing());
        assertEquals(1, imports.get(c.id()).get(), "the changed file is imported again, once");
        assertEquals(0, imports.get(u.id()).get(), "the untouched file is not imported again");
        assertFalse(entry(u.id()).missing());
    }

    private DocumentEntry imported(Path file) throws Exception {
        ImportOutcome outcome = service.open(file).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        DocumentEntry doc = assertInstanceOf(ImportOutcome.Imported.class, outcome).document();
        imports.computeIfAbsent(doc.id(), id -> new AtomicInteger()).set(0);
        return doc;
    }

    private DocumentEntry entry(long id) {
        return library.repository.find(id).orElseThrow();
    }

    private static Path copy(String sample, Path to) throws IOException {
        return Files.copy(Corpus.sample(sample), to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void withoutLastPage(Path from, Path to) throws IOException {
        try (PDDocument doc = Loader.loadPDF(from.toFile())) {
            doc.removePage(doc.getNumberOfPages() - 1);
            doc.save(to.toFile());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }
}
