package dev.ponder.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.document.DocumentImporter;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.ImportProgress;
import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.OllamaModelServer;
import dev.ponder.search.SectionIndex;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.TestTimeActivity;
import dev.ponder.store.Citation;
import dev.ponder.store.Database;
import dev.ponder.store.Exchange;
import dev.ponder.store.ExchangeRepository;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.LibraryRepository;
import dev.ponder.testing.Corpus;
import dev.ponder.testing.OllamaTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Citations follow the words of the answer when the model writes no source labels, as small models
 * often do: each sentence cites the page it was taken from, in any language, whatever rank its
 * section had. The test server answers with fixed text and never writes a label.
 */
class UnlabelledCitationsTest {

    @TempDir
    static Path dir;
    private static Database db;
    private static LibraryRepository library;
    private static SectionIndex index;
    private static OllamaTestServer ollama;
    private static OllamaModelServer models;
    private static ExecutorService executor;
    private static AnswerService answers;
    private static long guide;
    private static long constitution;
    private static long ligatures;

    @BeforeAll
    static void importDocuments() {
        ollama = OllamaTestServer.start();
        db = Database.open(dir);
        library = new LibraryRepository(db);
        index = SectionIndex.open(dir, library);
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        DocumentImporter importer = new DocumentImporter(library, embedder, index);
        guide = imported(importer, Corpus.real("install-latex-guide-zh-cn.pdf"));
        constitution = imported(importer, Corpus.sample("us-constitution-bill-of-rights.pdf"));
        ligatures = imported(importer, Corpus.tricky("ligatures-cm-type1.pdf"));
        Settings settings = Settings.defaults(dir).withOllamaUrl(ollama.url())
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(10));
        models = new OllamaModelServer(settings);
        executor = Executors.newSingleThreadExecutor();
        answers = new AnswerService(library, new ExchangeRepository(db), new LearnedContextRepository(db), embedder,
                new Retriever(library, embedder, index), models, settings, executor, new TestTimeActivity());
    }

    private static long imported(DocumentImporter importer, Path file) {
        ImportOutcome o = importer.importFile(file, Optional.empty(), ImportProgress.NONE);
        assertTrue(o instanceof ImportOutcome.Imported, o.toString());
        return ((ImportOutcome.Imported) o).document().id();
    }

    @AfterAll
    static void close() {
        executor.shutdownNow();
        models.close();
        index.close();
        db.close();
        ollama.close();
    }

    private static Exchange ask(String question, long document, String answer) throws Exception {
        ollama.answerWith(answer);
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        answers.ask(question, List.of(document), new AnswerListener() {
            @Override
            public void onText(String text) {
            }

            @Override
            public void onFinished(Exchange exchange) {
                done.complete(exchange);
            }
        });
        Exchange e = done.get(60, TimeUnit.SECONDS);
        assertEquals(Exchange.Status.ANSWERED, e.status(), () -> e.error().orElse(""));
        return e;
    }

    private static List<Integer> pages(Exchange e) {
        return e.citations().stream().map(Citation::page).toList();
    }

    @Test
    void aChineseAnswerCitesThePageItQuotes() throws Exception {
        Exchange e = ask("在 Ubuntu 上安装完毕后无法使用 xelatex 命令，应该安装什么？", guide,
                "这或许是因为缺失 libfontconfig, 用户可在命令行中执行 sudo apt install libfontconfig1 进行安装.");
        assertEquals(List.of(22), pages(e));
    }

    @Test
    void anEnglishAnswerAboutTheChineseGuideCitesThePrefaceThatNamesTheAuthor() throws Exception {
        Exchange e = ask("Who first drafted the macOS part of this guide?", guide,
                "The macOS part was first drafted by Xiangdong Zeng.");
        assertEquals(List.of(2), pages(e));
    }

    @Test
    void eachSentenceCitesItsOwnPageInTheOrderWritten() throws Exception {
        Exchange e = ask("How old must the President be, and upon what must warrants issue?", constitution,
                "The President must have attained the Age of thirty five Years. Warrants shall issue only upon "
                        + "probable cause, supported by Oath or affirmation.");
        assertEquals(List.of(5, 8), pages(e));
        assertEquals("The President must have attained the Age of thirty five Years. Warrants shall issue only upon "
                + "probable cause, supported by Oath or affirmation.", e.answer(), "the model's words are kept as written");
    }

    @Test
    void aCodeJoinedByHyphensIsMatchedPieceByPiece() throws Exception {
        Exchange e = ask("Wie lautet die Referenznummer?", ligatures, "Die Referenz lautet FFI-2718-FL.");
        assertEquals(List.of(1), pages(e));
    }

    @Test
    void anAnswerThatSaysNothingFromTheDocumentsCitesNothing() throws Exception {
        Exchange e = ask("What colour is the sky on Mars?", constitution, "The documents do not say.");
        assertEquals(List.of(), e.citations());
    }

    @Test
    void labelsStillDecideWhenTheModelWritesThem() throws Exception {
        Exchange e = ask("How old must the President be?", constitution, "At least thirty five Years [S1].");
        assertEquals(1, e.citations().size(), e.citations()::toString);
        assertTrue(e.answer().matches("At least thirty five Years \\[p\\. \\d+]\\."), e.answer());
    }
}
