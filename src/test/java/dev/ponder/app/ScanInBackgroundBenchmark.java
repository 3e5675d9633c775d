package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ponder.answer.AnswerListener;
import dev.ponder.answer.AnswerRequest;
import dev.ponder.answer.AnswerSteps;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.LibraryListener;
import dev.ponder.document.ScanReader;
import dev.ponder.document.ScannedPdfsAccess;
import dev.ponder.document.ocr.OcrAvailability;
import dev.ponder.document.ocr.TesseractLibrary;
import dev.ponder.settings.Settings;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.Exchange;
import dev.ponder.testing.OllamaStandIn;
import dev.ponder.testing.OllamaTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's "OCR of a 40-page scan runs in the background while questions about the library's
 * other documents are answered without delay", measured. A 40-page scan is made here (full pages of
 * typed text, 200 dpi grey JPEG, no text layer) and imported through Ponder's composition root with
 * the real Tesseract; while its pages are read, questions about another document (the US
 * Constitution sample) are asked, prepared answers off, so each one is retrieved, prompted and
 * streamed. <b>Against the Ollama-protocol test server</b> (a token every {@value #TOKEN_DELAY_MS}
 * ms): the figures are Ponder's own delay under OCR (embedding the question, retrieval, the prompt,
 * the HTTP stream on a processor Tesseract shares), not a model's.
 *
 * <p>Trials are interleaved in pairs, the order alternating: one question while OCR reads a page
 * (asked 0–1.5 s into the page, so it lands in the drawing or the recognition; OCR then yields to
 * it, as Ponder has it do), and one while OCR is held between pages by the benchmark (the import
 * thread waits, as it does for a question: the reference "no OCR running"). Prints p50/p95 of time
 * to first token and of answer latency for both, the ratios, answers that failed (counted and named,
 * never a figure), the median of each step of the answer up to its first token ({@code AnswerSteps}) in
 * both conditions, and the OCR's pages/s with the held time taken out. Asserts nothing about time.
 * Run with {@code mvn test -Dsurefire.excludedGroups= -Dgroups=benchmark -Dtest=ScanInBackgroundBenchmark}.
 */
@Tag("benchmark")
class ScanInBackgroundBenchmark {

    static final int SCAN_PAGES = 40;
    static final int PAIRS = 20;
    static final int WARM_UP_PAIRS = 1;
    static final int TOKEN_DELAY_MS = 20;
    private static final Duration WAIT = Duration.ofMinutes(10);
    private static final Duration ANSWER_WAIT = Duration.ofMinutes(2);
    /** Ends "paused while Ponder …" while the benchmark holds OCR. */
    private static final String HELD = "waits for the benchmark";
    private static final String READING = "Reading scanned page";
    private static final String PAUSED = "— paused while";
    private static final List<String> QUESTIONS = List.of(
            "How long is the term of a senator?",
            "How old must a representative be?",
            "Who has the power to declare war?",
            "What does the Second Amendment protect?",
            "How is the President elected?");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTesseract() {
        assumeTrue(TesseractLibrary.availability() instanceof OcrAvailability.Available, "Tesseract is not installed");
    }

    @Test
    void questionsAboutAnotherDocumentWhileA40PageScanIsRead() throws Exception {
        Path scan = ScannedPdfsAccess.fullPages(dir.resolve("scan-40-pages.pdf"), SCAN_PAGES);
        AtomicBoolean hold = new AtomicBoolean();
        ScanReader.Precedence benchmark = () -> hold.get() ? Optional.of(HELD) : Optional.empty();
        Samples underOcr = new Samples("while OCR reads a page");
        Samples held = new Samples("while OCR is held between pages (reference)");
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.answerWith(r -> OllamaStandIn.extract(r.lastUserMessage().orElse("")));
            ollama.setTokenDelay(Duration.ofMillis(TOKEN_DELAY_MS));
            Settings settings = Settings.defaults(dir.resolve("library")).withOllamaUrl(ollama.url());
            try (Ponder ponder = Ponder.open(settings, server -> server, benchmark)) {
                long other = imported(ponder, Path.of("sample-docs", "us-constitution-bill-of-rights.pdf")).id();
                Stages stages = new Stages();
                ponder.libraryService().addListener(stages);
                CompletableFuture<ImportOutcome> importing = ponder.libraryService().open(scan);
                stages.await(s -> s.startsWith(READING), importing);
                Random random = new Random(16);
                long heldNanos = 0;
                int pairs = 0;
                for (int pair = 0; pair < WARM_UP_PAIRS + PAIRS && !importing.isDone(); pair++) {
                    boolean heldFirst = pair % 2 == 1;
                    for (int half = 0; half < 2 && !importing.isDone(); half++) {
                        String question = QUESTIONS.get((2 * pair + half) % QUESTIONS.size());
                        boolean heldTrial = (half == 0) == heldFirst;
                        Samples into = pair < WARM_UP_PAIRS ? null : heldTrial ? held : underOcr;
                        if (heldTrial) {
                            heldNanos += askHeld(ponder, hold, stages, importing, question, other, into);
                        } else if (stages.await(s -> s.startsWith(READING) && !s.contains(PAUSED), importing)) {
                            Thread.sleep(random.nextInt(1500));
                            ask(ponder, question, other, into);
                        }
                    }
                    pairs = pair + 1 - WARM_UP_PAIRS;
                }
                ImportOutcome outcome = importing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                DocumentEntry scanned = assertInstanceOf(ImportOutcome.Imported.class, outcome, outcome::toString).document();
                long pagesRead = ponder.library().pages(scanned.id()).stream().filter(p -> p.scanned()).count();
                print(underOcr, held, Math.max(0, pairs), pagesRead, stages.ocrNanos() - heldNanos);
            }
        }
    }

    /**
     * Holds OCR between pages, asks {@code question} once it is paused, lets it go on.
     *
     * @return how long OCR was held, in ns
     */
    private static long askHeld(Ponder ponder, AtomicBoolean hold, Stages stages, CompletableFuture<?> importing,
            String question, long document, Samples into) throws Exception {
        long heldAt = System.nanoTime();
        hold.set(true);
        try {
            if (stages.await(s -> s.contains(PAUSED + " Ponder " + HELD), importing)) {
                ask(ponder, question, document, into);
            }
        } finally {
            hold.set(false);
        }
        return System.nanoTime() - heldAt;
    }

    private static DocumentEntry imported(Ponder ponder, Path pdf) throws Exception {
        ImportOutcome outcome = ponder.libraryService().open(pdf.toAbsolutePath()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return assertInstanceOf(ImportOutcome.Imported.class, outcome, outcome::toString).document();
    }

    /** Asks and files the outcome in {@code into} (none for a warm-up); no answer in time is a failure, named. */
    private static void ask(Ponder ponder, String question, long document, Samples into) throws Exception {
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        List<AnswerSteps.Step> steps = new ArrayList<>();
        ponder.answers().ask(new AnswerRequest(question, List.of(document), 0, false), new AnswerListener() {
            @Override
            public void onText(String text) {
            }

            @Override
            public void onSteps(List<AnswerSteps.Step> marked) {
                synchronized (steps) {
                    steps.addAll(marked);
                }
            }

            @Override
            public void onFinished(Exchange exchange) {
                done.complete(exchange);
            }
        });
        try {
            Exchange e = done.get(ANSWER_WAIT.toSeconds(), TimeUnit.SECONDS);
            if (into != null) {
                synchronized (steps) {
                    into.add(e, steps);
                }
            }
        } catch (TimeoutException e) {
            if (into != null) {
                into.failed.add(question + ": no answer within " + ANSWER_WAIT.toSeconds() + " s");
            }
        }
    }

    private static void print(Samples underOcr, Samples held, int pairs, long pagesRead, long ocrNanos) {
        System.out.printf("Questions about another document while a %d-page scan is read by OCR — against the "
                + "Ollama-protocol test server (%d ms a token), not a model; %d of %d pairs asked (after %d "
                + "warm-up), prepared answers off%n", SCAN_PAGES, TOKEN_DELAY_MS, pairs, PAIRS, WARM_UP_PAIRS);
        for (Samples s : List.of(held, underOcr)) {
            System.out.println("  " + s.summary());
        }
        // where the time to first token goes: each step's median, held vs under OCR
        for (String step : held.stepNanos.keySet()) {
            List<Long> h = held.stepNanos.get(step);
            List<Long> u = underOcr.stepNanos.getOrDefault(step, List.of());
            if (!u.isEmpty()) {
                System.out.printf("  step \"%s\", p50: %.1f ms held, %.1f ms under OCR%n", step,
                        percentile(h, 50) / 1e6, percentile(u, 50) / 1e6);
            }
        }
        System.out.printf("  time to first token, p50: %s (under OCR ÷ held)%n", ratio(underOcr.firstToken, held.firstToken, 50));
        System.out.printf("  time to first token, p95: %s%n", ratio(underOcr.firstToken, held.firstToken, 95));
        System.out.printf("  answer latency, p50: %s%n", ratio(underOcr.latency, held.latency, 50));
        System.out.printf("  answer latency, p95: %s%n", ratio(underOcr.latency, held.latency, 95));
        System.out.printf("  OCR: %d of %d pages read, %.2f pages/s (%.0f s from the first page to the last, the held "
                + "time taken out; pages stopped for the questions under OCR and read again left in)%n",
                pagesRead, SCAN_PAGES, pagesRead / (ocrNanos / 1e9), ocrNanos / 1e9);
        System.out.printf("  load average at the end: %.2f (%d processors)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    private static String ratio(List<Long> measured, List<Long> reference, int p) {
        if (measured.isEmpty() || reference.isEmpty()) {
            return "no figure (no answered trials)";
        }
        long ref = percentile(reference, p);
        return String.format("%.2f× (%d ms vs %d ms)", percentile(measured, p) / (double) Math.max(1, ref),
                percentile(measured, p), ref);
    }

    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** One condition's answered trials, and the failed ones by their sentence. */
    private static final class Samples {
        final String name;
        final List<Long> firstToken = new ArrayList<>();
        final List<Long> latency = new ArrayList<>();
        final List<String> failed = new ArrayList<>();
        final java.util.Map<String, List<Long>> stepNanos = new java.util.LinkedHashMap<>();

        Samples(String name) {
            this.name = name;
        }

        void add(Exchange e, List<AnswerSteps.Step> steps) {
            if (e.status() == Exchange.Status.ANSWERED && e.firstTokenMs().isPresent()) {
                firstToken.add(e.firstTokenMs().get());
                latency.add(e.latencyMs());
                steps.forEach(s -> stepNanos.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s.nanos()));
            } else {
                failed.add(e.question() + ": " + e.status() + " " + e.error().orElse(""));
            }
        }

        int size() {
            return firstToken.size();
        }

        String summary() {
            String figures = firstToken.isEmpty() ? "no answered trial"
                    : String.format("time to first token p50 %d ms, p95 %d ms; answer latency p50 %d ms, p95 %d ms",
                            percentile(firstToken, 50), percentile(firstToken, 95), percentile(latency, 50),
                            percentile(latency, 95));
            return String.format("%s, %d answered%s: %s", name, firstToken.size(),
                    failed.isEmpty() ? "" : ", " + failed.size() + " failed " + failed, figures);
        }
    }

    /** The scan's import stages as they come, and when OCR began and ended. */
    private static final class Stages implements LibraryListener {
        private final AtomicReference<String> last = new AtomicReference<>("");
        private volatile long ocrStart;
        private volatile long ocrEnd;

        @Override
        public void documentChanged(DocumentEntry document) {
        }

        @Override
        public void importProgress(long documentId, String stage, double fraction) {
            long now = System.nanoTime();
            if (stage.startsWith(READING) && ocrStart == 0) {
                ocrStart = now;
            } else if (!stage.startsWith(READING) && ocrStart != 0 && ocrEnd == 0) {
                ocrEnd = now;
            }
            last.set(stage);
        }

        /** From the first "Reading scanned page" to the stage after the last one (or now), in ns. */
        long ocrNanos() {
            return (ocrEnd == 0 ? System.nanoTime() : ocrEnd) - ocrStart;
        }

        /** Waits until the latest stage passes {@code test} (true) or the import ended (false). */
        boolean await(java.util.function.Predicate<String> test, CompletableFuture<?> importing) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!test.test(last.get())) {
                if (importing.isDone()) {
                    return false;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("stuck at: " + last.get());
                }
                Thread.sleep(5);
            }
            return true;
        }
    }
}
