package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ponder.testing.Corpus;
import dev.ponder.testing.Fault;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.TestModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** The command line as a user runs it: real library on disk, real HTTP to the Ollama-protocol test server. */
class CliTest {

    private static final Pattern SOURCE = Pattern.compile("<source-[0-9a-f]+ label=\"(S\\d+)\"[^>]*>(.*?)</source-[0-9a-f]+>", Pattern.DOTALL);

    @TempDir
    Path dataDir;
    private OllamaTestServer ollama;

    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void startOllama() {
        ollama = OllamaTestServer.start();
        // a model that answers with the sentence about the warranty and cites where it found it
        ollama.answerWith(r -> {
            Matcher m = SOURCE.matcher(r.lastUserMessage().orElse(""));
            while (m.find()) {
                if (m.group(2).contains("27 months")) {
                    return "The warranty is 27 months [" + m.group(1) + "].";
                }
            }
            return "The documents do not say.";
        });
    }

    @AfterEach
    void stopOllama() {
        ollama.close();
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private String url() {
        return ollama.url().toString();
    }

    @Test
    void importPrintsALinePerFileAndFailsWithTheSentenceOnStderr() {
        Run r = run("import", "--data-dir", dataDir.toString(),
                Corpus.tricky("truncated-half.pdf").toString(), Corpus.tricky("zero-bytes.pdf").toString(),
                Corpus.tricky("text-file-renamed.pdf").toString());

        assertEquals(1, r.exit());
        String[] lines = r.out().strip().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].startsWith("truncated-half.pdf: ready — 2 pages, 1 section.") && lines[0].contains("damaged"),
                lines[0]);
        assertEquals("zero-bytes.pdf: failed", lines[1]);
        assertEquals("text-file-renamed.pdf: failed", lines[2]);
        assertTrue(r.err().contains("zero-bytes.pdf: This file is empty."), r.err());
        assertTrue(r.err().contains("text-file-renamed.pdf: This is not a PDF"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void importOfAFolderImportsThePdfsInsideAndSaysWhenAFolderHasNone() throws Exception {
        Path papers = java.nio.file.Files.createDirectories(dataDir.resolve("papers/tables"));
        java.nio.file.Files.copy(Corpus.real("booktabs-tables.pdf"), papers.resolve("booktabs-tables.pdf"));
        java.nio.file.Files.copy(Corpus.real("float-package-paper.pdf"), papers.getParent().resolve("float.pdf"));
        java.nio.file.Files.writeString(papers.getParent().resolve("readme.txt"), "not a PDF");
        Path empty = java.nio.file.Files.createDirectories(dataDir.resolve("empty"));

        Run r = run("import", "--data-dir", dataDir.resolve("library").toString(), papers.getParent().toString(),
                empty.toString());

        assertEquals(1, r.exit(), "a folder without PDFs is a failure: " + r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].startsWith("float.pdf: ready"), lines[0]);
        assertTrue(lines[1].startsWith("booktabs-tables.pdf: ready"), lines[1]);
        assertTrue(r.err().contains("There are no PDFs in the folder empty."), r.err());
    }

    @Test
    void sameContentTwiceIsImportedOnceAndARestartExtractsNothing() {
        Path original = Corpus.tricky("duplicate-invoice.pdf");
        Path copy = Corpus.tricky("duplicate-invoice copy (1).pdf");
        assertEquals(0, run("import", original.toString(), "--data-dir", dataDir.toString()).exit());

        Run again = run("--data-dir", dataDir.toString(), "import", copy.toString(), original.toString());

        assertEquals(0, again.exit());
        assertEquals("duplicate-invoice copy (1).pdf: already in the library (as duplicate-invoice.pdf)\n"
                + "duplicate-invoice.pdf: already in the library\n", again.out());
    }

    @Test
    void encryptedFileNeedsItsPasswordOnTheCommandLine() {
        Path aes = Corpus.tricky("encrypted-user-password-aes256.pdf");
        Run locked = run("import", "--data-dir", dataDir.toString(), aes.toString());
        assertEquals(1, locked.exit());
        assertTrue(locked.err().contains("--password"), locked.err());

        Run wrong = run("import", "--data-dir", dataDir.toString(), "--password", "nope", aes.toString());
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().contains("did not open"), wrong.err());

        Run right = run("import", "--data-dir", dataDir.toString(), "--password", "secret123", aes.toString());
        assertEquals(0, right.exit(), right.err());
        assertTrue(right.out().startsWith("encrypted-user-password-aes256.pdf: ready — 2 pages"), right.out());
    }

    @Test
    void aPdfPasswordCanComeFromTheEnvironmentOrBeTypedWhenAsked() {
        Path aes = Corpus.tricky("encrypted-user-password-aes256.pdf");
        Run locked = run("import", "--data-dir", dataDir.toString(), aes.toString());
        assertTrue(locked.err().contains("`ponder import FILE --password` (Ponder asks for the password), or set "
                + "PONDER_PDF_PASSWORD."), locked.err());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine fromEnv = Main.commandLine(java.util.Map.of("PONDER_PDF_PASSWORD", "secret123"));
        fromEnv.setOut(new PrintWriter(out, true));
        fromEnv.setErr(new PrintWriter(err, true));
        assertEquals(0, fromEnv.execute("import", "--data-dir", dataDir.resolve("env").toString(), aes.toString()), err.toString());
        assertTrue(out.toString().startsWith("encrypted-user-password-aes256.pdf: ready — 2 pages"), out.toString());

        // `--password` without a value: picocli asks (without a console it reads standard input)
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("secret123\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Run typed = run("import", "--data-dir", dataDir.resolve("typed").toString(), aes.toString(), "--password");
            assertEquals(0, typed.exit(), typed.err());
            assertTrue(typed.out().startsWith("encrypted-user-password-aes256.pdf: ready — 2 pages"), typed.out());
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void askStreamsTheAnswerAndPrintsTheCitedPages() {
        Run r = run("ask", "--doc", Corpus.tricky("truncated-half.pdf").toString(), "How long is the warranty?",
                "--data-dir", dataDir.toString(), "--ollama-url", url());

        assertEquals(0, r.exit(), r.err());
        // the two short pages form one section; the citation names the page that holds the fact
        assertTrue(r.out().startsWith("The warranty is 27 months [p. 1]."), r.out());
        assertTrue(r.out().contains("Pages: truncated-half.pdf p. 1\n"), r.out());
    }

    @Test
    void anAnswerThatCouldNotBeSavedIsPrintedAndAskExits1WithTheSentence() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.ponder.testing.Mounts.available(), "needs root for a read-only mount");
        Path library = dataDir.resolve("library");
        assertEquals(0, run("import", "--data-dir", library.toString(), Corpus.tricky("truncated-half.pdf").toString()).exit());
        try (dev.ponder.testing.Mounts.Mount ro = dev.ponder.testing.Mounts.readOnly(library, dataDir.resolve("read-only"))) {
            Run r = run("ask", "How long is the warranty?", "--data-dir", ro.at().toString(), "--ollama-url", url());

            assertEquals(1, r.exit(), r.err());
            assertTrue(r.out().startsWith("The warranty is 27 months [p. 1]."), "the answer is shown: " + r.out());
            assertTrue(r.err().contains("Ponder could not save the answer: the library is read-only (the disk it is on "
                    + "is mounted read-only)."), r.err());
        }
    }

    @Test
    void anImportKilledHalfWayIsListedByDoctorAndFinishedByTheNextAsk() throws Exception {
        Path pdf = Corpus.tricky("truncated-half.pdf");
        // what a process killed during `import` leaves: the row, IMPORTING, without pages
        try (dev.ponder.store.Database db = dev.ponder.store.Database.open(dataDir)) {
            new dev.ponder.store.LibraryRepository(db).add(new dev.ponder.store.NewDocument(java.util.Optional.empty(),
                    "truncated-half.pdf", pdf, java.nio.file.Files.size(pdf)), dev.ponder.store.DocumentStatus.IMPORTING,
                    java.util.Optional.empty());
        }
        Run doctor = run("doctor", "--data-dir", dataDir.toString(), "--ollama-url", url());
        assertEquals(1, doctor.exit(), doctor.out());
        assertTrue(doctor.err().contains("Not imported yet: truncated-half.pdf (" + pdf + ") — its import was interrupted; "
                + "`ponder import` or the window finishes it."), doctor.err());

        Run ask = run("ask", "How long is the warranty?", "--data-dir", dataDir.toString(), "--ollama-url", url());

        assertEquals(0, ask.exit(), ask.err());
        assertTrue(ask.err().contains("Ponder finished an interrupted import: truncated-half.pdf: ready — "), ask.err());
        assertTrue(ask.out().startsWith("The warranty is 27 months [p. 1]."), "the document is asked about: " + ask.out());
    }

    @Test
    void aChangedFileImportedAgainAtTheSamePathReplacesItsEntry() throws Exception {
        Path pump = dataDir.resolve("docs").resolve("pump.pdf");
        java.nio.file.Files.createDirectories(pump.getParent());
        java.nio.file.Files.copy(Corpus.sample("us-constitution-bill-of-rights.pdf"), pump);
        Path library = dataDir.resolve("library");
        assertEquals(0, run("import", "--data-dir", library.toString(), pump.toString()).exit());
        long id;
        try (dev.ponder.store.Database db = dev.ponder.store.Database.open(library)) {
            id = new dev.ponder.store.LibraryRepository(db).all().get(0).id();
        }
        java.nio.file.Files.copy(Corpus.tricky("truncated-half.pdf"), pump, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Run again = run("import", "--data-dir", library.toString(), pump.toString());

        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().startsWith("pump.pdf: ready — 2 pages"), again.out());
        try (dev.ponder.store.Database db = dev.ponder.store.Database.open(library)) {
            List<dev.ponder.store.DocumentEntry> all = new dev.ponder.store.LibraryRepository(db).all();
            assertEquals(1, all.size(), "one entry for the path: " + all);
            assertEquals(id, all.get(0).id(), "the same entry, so its chats stay with it");
            assertEquals(2, all.get(0).pages());
        }
    }

    @Test
    void importOnAFullDiskStopsWithTheSentenceAndExits1AndNothingIsReportedReady() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.ponder.testing.Mounts.available(), "needs root to mount a tmpfs");
        try (dev.ponder.testing.Mounts.Mount disk = dev.ponder.testing.Mounts.tmpfs(dataDir.resolve("disk"), "3m")) {
            Path library = disk.at().resolve("data");
            dev.ponder.store.Database.open(library).close();
            Path filler = dev.ponder.testing.Mounts.fill(disk.at());
            // leave 48 KB: the library opens, the document's text does not fit
            java.nio.channels.FileChannel.open(filler, java.nio.file.StandardOpenOption.WRITE)
                    .truncate(java.nio.file.Files.size(filler) - 48 * 1024).close();

            Run r = run("import", "--data-dir", library.toString(), Corpus.real("float-package-paper.pdf").toString(),
                    Corpus.sample("booktabs-tables.pdf").toString());

            assertEquals(1, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("the disk holding your library is full ("), r.err());
            assertTrue(r.err().contains(" free). Free some space on it, then run the command again."), r.err());
            assertFalse(r.out().contains("ready"), "nothing is reported ready: " + r.out());
            java.nio.file.Files.delete(filler);
            try (dev.ponder.store.Database db = dev.ponder.store.Database.open(library)) {
                assertTrue(new dev.ponder.store.LibraryRepository(db).all().stream()
                        .noneMatch(d -> d.status() == dev.ponder.store.DocumentStatus.READY), "no document is ready");
            }
        }
    }

    @Test
    void askJsonReportsModePagesAndTheTokensOllamaMeasured() throws Exception {
        Run r = run("--ollama-url", url(), "--data-dir", dataDir.toString(),
                "ask", "--json", "--doc", Corpus.tricky("truncated-half.pdf").toString(), "How long is the warranty?");

        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("The warranty is 27 months [p. 1].", json.get("answer").asText());
        assertEquals("baseline", json.get("mode").asText());
        assertEquals("truncated-half.pdf", json.get("pages").get(0).get("document").asText());
        assertEquals(1, json.get("pages").get(0).get("page").asInt());
        assertEquals(ollama.lastReply().orElseThrow().promptEvalCount(), json.get("prompt_tokens").asInt());
        assertEquals(ollama.lastReply().orElseThrow().evalCount(), json.get("completion_tokens").asInt());
        assertTrue(json.get("latency_ms").asLong() >= json.get("first_token_ms").asLong());
    }

    @Test
    void askWithOllamaDownSaysHowToStartIt() {
        Run r = run("ask", "--data-dir", dataDir.toString(), "--ollama-url", OllamaTestServer.unusedUrl().toString(),
                "--doc", Corpus.tricky("truncated-half.pdf").toString(), "How long is the warranty?");

        assertEquals(1, r.exit());
        assertTrue(r.err().contains("ollama serve") && r.err().contains("run the command again"), r.err());
        assertFalse(r.err().contains("Retry"), "no button to press in a terminal: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void askWithAMissingModelSaysWhichPullToRun() {
        Run r = run("ask", "--model", "mistral", "--data-dir", dataDir.toString(), "--ollama-url", url(),
                "--doc", Corpus.tricky("truncated-half.pdf").toString(), "How long is the warranty?");

        assertEquals(1, r.exit());
        assertTrue(r.err().contains("ollama pull mistral"), r.err());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"UNKNOWN_MODEL", "HTTP_500", "ERROR_LINE_MID_STREAM",
            "DROP_MID_STREAM", "NON_JSON_LINE", "END_WITHOUT_FINAL_LINE"})
    void everyFaultWhileAnsweringEndsInOneSentenceAndExitCodeOne(Fault fault) {
        ollama.failAlways(fault);
        Run r = run("ask", "--data-dir", dataDir.toString(), "--ollama-url", url(),
                "--doc", Corpus.tricky("truncated-half.pdf").toString(), "How long is the warranty?");

        assertEquals(1, r.exit(), fault + ": " + r.out());
        String sentence = r.err().strip();
        assertFalse(sentence.isEmpty(), fault.toString());
        assertEquals(1, sentence.lines().count(), sentence);
        assertFalse(sentence.contains("Exception") || sentence.contains("\tat "), sentence);
    }

    @Test
    void stallAfterHeadersEndsAtPondersOwnDeadline() {
        ollama.failAlways(Fault.STALL_AFTER_HEADERS);
        long start = System.nanoTime();
        Run r = run("ask", "--data-dir", dataDir.toString(), "--ollama-url", url(), "--stream-timeout", "2",
                "--doc", Corpus.tricky("truncated-half.pdf").toString(), "How long is the warranty?");

        assertEquals(1, r.exit());
        assertTrue(r.err().contains("did not start answering within 2"), r.err());
        assertTrue((System.nanoTime() - start) / 1e9 < 30, "did not wait forever");
    }

    @Test
    void aMissingFileFailsWithoutBecomingALibraryEntry() {
        Run r = run("import", "--data-dir", dataDir.toString(), dataDir.resolve("nosuch.pdf").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("nosuch.pdf: Ponder could not read nosuch.pdf: the file was not found"), r.err());

        Run doctor = run("doctor", "--data-dir", dataDir.toString(), "--ollama-url", url());
        assertTrue(doctor.out().contains("Library: OK — 0 documents"), doctor.out());
    }

    @Test
    void aMistypedCommandIsNotTakenForAFileToOpen() {
        Run r = run("--data-dir", dataDir.toString(), "improt", "x.pdf");
        assertEquals(2, r.exit());
        assertEquals("Ponder: no such file or command: improt, x.pdf. The commands are import, ask, think, doctor, bench.",
                r.err().strip());
    }

    @Test
    void aMissingFileAmongFilesToOpenIsNotTakenForAMistypedCommand() {
        assertTrue(PonderCommand.mistypedCommand(List.of("improt")));
        assertTrue(PonderCommand.mistypedCommand(List.of("improt", "x.pdf")));
        assertFalse(PonderCommand.mistypedCommand(List.of("/tmp/gone/report.pdf")), "a stale Open with");
        assertFalse(PonderCommand.mistypedCommand(List.of("notes.pdf")));
        assertFalse(PonderCommand.mistypedCommand(List.of()));
    }

    @Test
    void askJsonAboutAFileThatCannotBeImportedPrintsTheErrorAsJson() throws Exception {
        Run r = run("ask", "--json", "--data-dir", dataDir.toString(), "--ollama-url", url(),
                "--doc", Corpus.tricky("zero-pages.pdf").toString(), "Anything?");
        assertEquals(1, r.exit());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("zero-pages.pdf: This PDF has no pages.", json.get("error").asText());
        assertEquals(0, ollama.requestCount("/api/chat"));
    }

    @Test
    void anEmptyQuestionIsRefusedWithoutCallingTheModel() {
        Run r = run("ask", "--data-dir", dataDir.toString(), "--ollama-url", url(),
                "--doc", Corpus.tricky("truncated-half.pdf").toString(), " ");
        assertEquals(1, r.exit());
        assertEquals("Type a question first.", r.err().strip());
        assertEquals(0, ollama.requestCount("/api/chat"));
    }

    @Test
    void anAddressThatIsNotAUrlIsSaidPlainly() {
        Run r = run("doctor", "--data-dir", dataDir.toString(), "--ollama-url", "http://bad host:x");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("is not an Ollama address; give one like http://localhost:11434."), r.err());
    }

    @Test
    void doctorReportsModelAndContextAndFailsWhenOllamaIsDown() {
        ollama.setModels(TestModel.chat("llama3.2", 4096));
        Run ok = run("doctor", "--data-dir", dataDir.toString(), "--ollama-url", url());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("version " + OllamaTestServer.VERSION), ok.out());
        assertTrue(ok.out().contains("Model: llama3.2") && ok.out().contains("num_ctx 4096"), ok.out());
        assertTrue(ok.out().contains("Library: OK"), ok.out());

        Run down = run("doctor", "--data-dir", dataDir.toString(), "--ollama-url", OllamaTestServer.unusedUrl().toString());
        assertEquals(1, down.exit());
        assertTrue(down.err().contains("ollama serve"), down.err());
    }
}
