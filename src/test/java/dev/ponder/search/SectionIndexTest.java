package dev.ponder.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.Database;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.NewDocument;
import dev.ponder.store.PageText;
import dev.ponder.store.SectionEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BM25 over sections, analysed in each document's language; the index follows H2 and heals itself. */
class SectionIndexTest {

    @TempDir
    Path dir;
    private Database db;
    private LibraryRepository library;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        library = new LibraryRepository(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long add(String name, String... pages) {
        long id = library.add(new NewDocument(Optional.of(Integer.toHexString(name.hashCode()).repeat(8).substring(0, 64)),
                name, dir.resolve(name), 100), DocumentStatus.IMPORTING, Optional.empty());
        List<PageText> pageTexts = new ArrayList<>();
        List<SectionEntry> sections = new ArrayList<>();
        for (int i = 0; i < pages.length; i++) {
            pageTexts.add(new PageText(i + 1, pages[i], true));
            sections.add(new SectionEntry(0, id, i, i + 1, i + 1, pages[i], "0".repeat(64), new float[] {1}));
        }
        library.storeContent(id, pageTexts, sections, Optional.empty());
        return id;
    }

    private List<Integer> pagesFound(SectionIndex index, String question, long doc) {
        List<Long> ids = index.search(question, LanguageDetection.ofText(question), List.of(doc), 10).orElseThrow();
        return library.sections(List.of(doc)).stream().filter(s -> ids.contains(s.id()))
                .sorted(java.util.Comparator.comparingInt(s -> ids.indexOf(s.id()))).map(SectionEntry::firstPage).toList();
    }

    @Test
    void chineseIsSearchedByBigramsAndTheDocumentLanguageIsDetectedAndStored() throws Exception {
        long doc = add("guide.pdf",
                "本文将介绍在 Windows 10、Ubuntu 20.04 和 macOS 系统中安装 TeX Live 的方法。",
                "本手册发布后, Dongsheng Deng 对本手册提出了很好的建议, 其中, 有关 macOS 的内容最初由 Xiangdong Zeng 草拟完成.",
                "在 macOS 上安装 MacTeX 可以选择以下两种方式: 直接下载安装包, 或借助 Homebrew 安装.");
        try (SectionIndex index = SectionIndex.open(dir, library)) {
            assertTrue(index.awaitReady(30_000));
            assertEquals(Optional.of("zh"), library.sectionSummaries().get(0).language());
            assertEquals(2, pagesFound(index, "有关 macOS 的内容最初是由谁草拟的？", doc).get(0));
        }
    }

    @Test
    void frenchIsStemmedAndElidedAndAQuestionInEnglishStillFindsSharedWords() throws Exception {
        long doc = add("manuel.pdf",
                "Les moteurs TeX. XeTeX produit un fichier .pdf en sortie ; il ne prend pas en charge la sortie DVI.",
                "L'unité de longueur pouce vaut 72,27 pt. Le point vaut 0,35146 mm.",
                "Les environnements sont délimités par begin et end.");
        try (SectionIndex index = SectionIndex.open(dir, library)) {
            assertTrue(index.awaitReady(30_000));
            assertEquals(Optional.of("fr"), library.sectionSummaries().get(0).language());
            // "l'environnement" → elision and plural stemmed to the text's "environnements"
            assertEquals(3, pagesFound(index, "Comment délimite-t-on l'environnement ?", doc).get(0));
            assertEquals(1, pagesFound(index, "Which engine has no DVI output?", doc).get(0));
        }
    }

    @Test
    void aDeletedIndexIsRebuiltFromTheLibraryAndAnswersNothingUntilThen() throws Exception {
        long doc = add("note.pdf", "The vault combination is 31-47-09.", "Nothing else here.");
        try (SectionIndex index = SectionIndex.open(dir, library)) {
            assertTrue(index.awaitReady(30_000));
        }
        deleteTree(dir.resolve(SectionIndex.FOLDER));
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService repairs = java.util.concurrent.Executors.newSingleThreadExecutor();
        repairs.execute(() -> await(hold));
        try (SectionIndex index = SectionIndex.open(dir, library, repairs)) {
            assertFalse(index.ready());
            assertEquals(Optional.empty(), index.search("vault combination", Optional.of("en"), List.of(doc), 5),
                    "while it is rebuilt, the index answers nothing and retrieval uses the vectors");
            hold.countDown();
            assertTrue(index.awaitReady(30_000));
            assertEquals(List.of(1), pagesFound(index, "What is the vault combination?", doc).subList(0, 1));
            assertTrue(Files.isDirectory(dir.resolve(SectionIndex.FOLDER)));
        }
    }

    @Test
    void aDamagedIndexIsRebuiltAtTheNextStart() throws Exception {
        long doc = add("note.pdf", "The vault combination is 31-47-09.", "Nothing else here.");
        try (SectionIndex index = SectionIndex.open(dir, library)) {
            assertTrue(index.awaitReady(30_000));
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir.resolve(SectionIndex.FOLDER))) {
            for (Path f : files.filter(f -> !f.getFileName().toString().startsWith("segments")
                    && !f.getFileName().toString().endsWith(".lock")).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                bytes[bytes.length / 2] ^= 0x5A;
                Files.write(f, bytes);
            }
        }
        try (SectionIndex index = SectionIndex.open(dir, library)) {
            assertTrue(index.awaitReady(30_000));
            assertEquals(1, pagesFound(index, "What is the vault combination?", doc).get(0));
        }
    }

    @Test
    void contentStoredBehindTheIndexsBackIsNoticedAtTheNextSearchAndCaughtUp() throws Exception {
        long doc = add("note.pdf", "The hotline is 555-0142.");
        try (SectionIndex index = SectionIndex.open(dir, library)) {
            assertTrue(index.awaitReady(30_000));
            library.storeContent(doc, List.of(new PageText(1, "The hotline moved to 555-0199.", true)),
                    List.of(new SectionEntry(0, doc, 0, 1, 1, "The hotline moved to 555-0199.", "1".repeat(64),
                            new float[] {1})), Optional.empty());
            long removed = add("gone.pdf", "Another hotline 555-0142.");
            index.refresh(removed);
            library.delete(removed);

            assertEquals(Optional.empty(), index.search("hotline", Optional.of("en"), List.of(doc), 5),
                    "stale: caught up in the background, the vectors rank meanwhile");
            assertTrue(index.awaitReady(30_000));
            assertEquals(List.of(1), pagesFound(index, "555-0199", doc));
            assertEquals(List.of(), index.search("0142", Optional.of("en"), List.of(), 5).orElseThrow());
        }
    }

    @Test
    void whileTheIndexIsRebuiltRetrievalRanksByTheVectorsAlone() throws Exception {
        long doc = add("note.pdf", "The vault combination is 31-47-09.", "Nothing else here.", "A third page.");
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService repairs = java.util.concurrent.Executors.newSingleThreadExecutor();
        repairs.execute(() -> await(hold));
        try (SectionIndex index = SectionIndex.open(dir, library, repairs)) {
            dev.ponder.answer.Retriever retriever = new dev.ponder.answer.Retriever(library, new dev.ponder.llm.Embedder() {
                @Override
                public int dimension() {
                    return 1;
                }

                @Override
                public float[] embed(String text) {
                    return new float[] {1};
                }

                @Override
                public List<float[]> embedAll(List<String> texts) {
                    return texts.stream().map(this::embed).toList();
                }
            }, index);
            List<dev.ponder.answer.Retriever.Scored> ranked = retriever.retrieve("vault combination", List.of(doc), 2);
            assertEquals(2, ranked.size(), "the vectors rank while the words cannot");
            hold.countDown();
            assertTrue(index.awaitReady(30_000));
            assertTrue(retriever.retrieve("vault combination", List.of(doc), 1).get(0).section().text()
                    .contains("31-47-09"), "and the words again once it is rebuilt");
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
