package dev.ponder.bench;

import dev.ponder.answer.AnswerHandle;
import dev.ponder.answer.AnswerListener;
import dev.ponder.answer.AnswerRequest;
import dev.ponder.answer.AnswerSteps;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.PdfExtractor;
import dev.ponder.document.ScanReader;
import dev.ponder.llm.ModelServer;
import dev.ponder.sleeptime.SleepTimeState;
import dev.ponder.sleeptime.SpeedProfile;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.store.Exchange;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * {@code ponder bench perf}: Ponder's own speed, against the model server the person configured
 * (issue 7, items 3 and 4). Figures, in the order measured:
 * <ol>
 *   <li><b>extraction</b>, pages/s, of {@link PdfExtractor} (the path import uses) on each file:
 *       its first run in this JVM, and the median of {@value #EXTRACTION_RUNS} runs after it; the
 *       reference is {@code pdftotext} (poppler-utils) on the same file, median of as many runs,
 *       when it is on the PATH. Target ≥ 0.5×.</li>
 *   <li><b>OCR</b>, pages/s: the first {@value OcrFigures#PAGES} pages of {@code file} drawn at
 *       300 dpi and read by Tesseract as a scan is ({@link ScanReader}), mean of
 *       {@value OcrFigures#RUNS} runs; the reference is the same pages drawn by the same code and
 *       read by the {@code tesseract} command line (one process, one thread, the same options and
 *       languages), runs interleaved, when it is on the PATH; a run in which a page gives no word
 *       is counted as failed and named ({@link OcrFigures}). No target.</li>
 *   <li><b>input → sleep-time request closed</b>, ms p50/p95: while a sleep-time step streams,
 *       {@code UserActivity.touch()} at a random moment (0–{@value #MAX_TOUCH_DELAY_MS} ms after
 *       the stream's first token); measured to when Ponder's cancel of the stream returned (the
 *       connection closed, client side). Target ≤ 200 ms.</li>
 *   <li><b>time to first token</b>, ms p50, of a question (prepared answers off) on an idle system
 *       (sleep-time paused) and while a sleep-time step streams, trials interleaved; the answer is
 *       stopped at its first token. Target ≤ 1.1× the idle figure. Under it, one row per step of
 *       the answer ({@link AnswerSteps}: the wait for the answer thread, the embedding of the
 *       question, the database reads, retrieval, the request, and the server from the request to
 *       the first token), p50 under sleep-time against p50 idle, which attributes the difference.</li>
 *   <li><b>prepared-answer latency</b>, ms p50/p95, from {@code AnswerService.ask} to the answer
 *       complete, over the anticipated questions of {@code file} after {@code SleepTimeService.think};
 *       the reference is a learned-context answer (the model's) to the same questions.</li>
 *   <li><b>sleep-time timeline</b> of {@code file} once thought through ({@link TimelineRows}): the
 *       sleep-time seconds and tokens until its first anticipated question, a usable c′ and a
 *       complete c′, and tokens per page; with {@code --profile}, the same as estimates from the
 *       measured tokens at that profile's speed.</li>
 *   <li><b>import</b> of the large file into an empty library: wall time (s) and peak heap (MB, the
 *       sum of the heap pools' peak usage after {@code resetPeakUsage}, an upper bound of the true
 *       peak).</li>
 * </ol>
 * Each measurement uses a fresh library in {@code workDir}; the model server is the real one, seen
 * through {@link TimedModelServer}.
 */
public final class PerfBench {

    /** Extraction runs after the first one, and pdftotext runs. */
    static final int EXTRACTION_RUNS = 3;
    /** Learned-context answers timed for the prepared-answer reference, at most. */
    public static final int REFERENCE_ANSWERS = 5;
    static final int MAX_TOUCH_DELAY_MS = 500;
    /** How long a sleep-time stream may take to send its first token (a CPU-bound model reads a section first). */
    static final Duration STREAM_WAIT = Duration.ofMinutes(3);
    static final Duration ANSWER_WAIT = Duration.ofMinutes(10);
    static final long THINK_TIMEOUT_MINUTES = 60;
    /** Asked for the time to first token, in turn. */
    static final List<String> QUESTIONS = List.of("What is this document about?",
            "Which rules or requirements does it state?", "Who is named in it?", "What numbers does it give?");

    /** Opens a fresh library for one measurement. */
    @FunctionalInterface
    public interface Libraries {
        /**
         * @param dataDir    an empty folder for the library
         * @param idleAtOnce true: the person counts as away at once, so sleep-time thinks as soon as it
         *                   is started (idle threshold 0); false: only {@code think} makes it work
         * @param observe    wraps the model server the services use
         */
        BenchLibrary open(Path dataDir, boolean idleAtOnce, UnaryOperator<ModelServer> observe) throws Exception;
    }

    private final Path file;
    private final Optional<Path> large;
    private final int trials;
    private final Libraries libraries;
    private final BenchProgress progress;
    private final Path workDir;
    private final List<SpeedProfile> profiles;
    private final PerfResults results = new PerfResults();
    private final Random random = new Random(7);
    private int done;

    /**
     * @param file    the PDF whose extraction, sleep-time and answers are measured
     * @param large   a large PDF (e.g. the 3000-page corpus file) whose extraction and import are measured
     * @param trials  questions and touches per latency figure, 1 or more
     * @param workDir where the libraries go (the caller deletes it)
     */
    public PerfBench(Path file, Optional<Path> large, int trials, Libraries libraries, BenchProgress progress,
                     Path workDir) {
        this(file, large, trials, List.of(), libraries, progress, workDir);
    }

    /**
     * As above, with the sleep-time timeline also estimated at each of {@code profiles}' speeds from
     * the measured tokens ({@code --profile}).
     */
    public PerfBench(Path file, Optional<Path> large, int trials, List<SpeedProfile> profiles, Libraries libraries,
                     BenchProgress progress, Path workDir) {
        this.profiles = List.copyOf(profiles);
        this.file = file;
        this.large = large;
        this.trials = trials;
        this.libraries = libraries;
        this.progress = progress;
        this.workDir = workDir;
    }

    /** Steps the whole run takes, for the progress bar. */
    public int totalSteps() {
        int files = large.isPresent() ? 2 : 1;
        return files * (1 + 2 * EXTRACTION_RUNS) + 2 * OcrFigures.RUNS + trials + 2 * trials + 1 + trials + Math.min(trials, REFERENCE_ANSWERS)
                + (large.isPresent() ? 1 : 0);
    }

    /** The figures measured so far (all of them once {@link #run()} returned). */
    public PerfResults results() {
        return results;
    }

    /**
     * Measures every figure in turn.
     *
     * @throws IllegalArgumentException with a sentence when a file cannot be read as a PDF
     * @throws dev.ponder.llm.LlmException when the model server cannot be reached or lacks the model
     * @throws Exception                when a library cannot be opened or a step does not finish
     */
    public PerfResults run() throws Exception {
        // the figures that need the model server first: an unreachable server is its sentence at once, not
        // after minutes of extraction and OCR
        AtomicReference<TimedModelServer> timed = new AtomicReference<>();
        try (BenchLibrary library = libraries.open(workDir.resolve("sleep-time"), true, server -> {
            timed.set(new TimedModelServer(server));
            return timed.get();
        })) {
            library.chatModel();  // an unreachable server or a missing model: its sentence, before any work
            long doc = importDocument(library, file);
            library.sleepTime().start();
            inputToClosed(library, timed.get());
            firstToken(library, timed.get(), doc);
            preparedAnswers(library, doc);
        }
        extraction(file);
        ocr(file);
        if (large.isPresent()) {
            extraction(large.get());
            importLarge(large.get());
        }
        return results;
    }

    // ------------------------------------------------------------------ 1. extraction

    private void extraction(Path pdf) throws Exception {
        String name = pdf.getFileName().toString();
        step("extraction of " + name + ", first run");
        long start = System.nanoTime();
        int pages = extract(pdf);
        double first = pages / seconds(System.nanoTime() - start);
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < EXTRACTION_RUNS; i++) {
            step("extraction of " + name);
            start = System.nanoTime();
            extract(pdf);
            warm.add(pages / seconds(System.nanoTime() - start));
        }
        List<Double> poppler = new ArrayList<>();
        for (int i = 0; i < EXTRACTION_RUNS; i++) {
            step("pdftotext on " + name);
            Optional<Long> nanos = Pdftotext.time(pdf);
            if (nanos.isEmpty()) {
                break;
            }
            poppler.add(pages / seconds(nanos.get()));
        }
        String what = "extraction, " + name + " (" + pages + " pages)";
        String target = "≥ 0.50×";
        if (poppler.isEmpty()) {
            results.add(new PerfRow(what + ", pdftotext", "not installed", "pages/s", PerfRow.NONE, PerfRow.NONE,
                    PerfRow.NONE));
            results.add(new PerfRow(what + ", Ponder first run", PerfRow.number(first), "pages/s", PerfRow.NONE,
                    PerfRow.NONE, target));
            results.add(new PerfRow(what + ", Ponder median of " + EXTRACTION_RUNS, PerfRow.number(median(warm)), "pages/s",
                    PerfRow.NONE, PerfRow.NONE, target));
            return;
        }
        double reference = median(poppler);
        String ref = "pdftotext " + PerfRow.number(reference) + " pages/s";
        results.add(new PerfRow(what + ", pdftotext median of " + poppler.size(), PerfRow.number(reference), "pages/s",
                PerfRow.NONE, PerfRow.NONE, PerfRow.NONE));
        results.add(new PerfRow(what + ", Ponder first run", PerfRow.number(first), "pages/s", ref,
                PerfRow.ratio(first, reference), target));
        results.add(new PerfRow(what + ", Ponder median of " + EXTRACTION_RUNS, PerfRow.number(median(warm)), "pages/s",
                ref, PerfRow.ratio(median(warm), reference), target));
    }

    /** The OCR figure and its reference ({@link OcrFigures}). */
    private void ocr(Path pdf) throws Exception {
        OcrFigures.measure(pdf, this::step).forEach(results::add);
    }

    /** @return the page count */
    private static int extract(Path pdf) throws Exception {
        PdfExtractor.Result r = new PdfExtractor().extract(pdf, Optional.empty(), (d, n) -> { }, () -> false);
        if (r instanceof PdfExtractor.Result.Text text) {
            return text.pages().size();
        }
        if (r instanceof PdfExtractor.Result.Locked) {
            throw new IllegalArgumentException(pdf.getFileName() + " is protected by a password; give a PDF that opens "
                    + "without one.");
        }
        throw new IllegalArgumentException(pdf.getFileName() + ": " + ((PdfExtractor.Result.Unreadable) r).reason());
    }

    // ------------------------------------------------------------------ 2. input → request closed

    private void inputToClosed(BenchLibrary library, TimedModelServer timed) throws Exception {
        List<Long> closed = new ArrayList<>();
        for (int attempt = 0; closed.size() < trials && attempt < 3 * trials; attempt++) {
            Optional<TimedModelServer.Stream> stream = timed.awaitStreaming(STREAM_WAIT, sleepTimeHasNoWork(library));
            if (stream.isEmpty()) {
                break;
            }
            Thread.sleep(random.nextInt(MAX_TOUCH_DELAY_MS + 1));
            long input = System.nanoTime();
            library.userActivity().touch();
            Optional<Long> at = stream.get().awaitClosed(Duration.ofSeconds(30));
            if (at.isPresent()) {  // else the stream ended by itself just before: not a trial
                closed.add(at.get() - input);
                step("input → sleep-time request closed");
            }
        }
        latencyRows("input → sleep-time request closed", closed, Optional.empty(), "≤ 200 ms");
    }

    /** Sleep-time has nothing left to do (or cannot reach its model): no stream is coming. */
    private static BooleanSupplier sleepTimeHasNoWork(BenchLibrary library) {
        Set<SleepTimeState> finished = Set.of(SleepTimeState.READY, SleepTimeState.RETRY_LATER,
                SleepTimeState.MODEL_UNAVAILABLE, SleepTimeState.NO_DOCUMENTS);
        return () -> finished.contains(library.sleepTime().status().state());
    }

    // ------------------------------------------------------------------ 3. time to first token

    private void firstToken(BenchLibrary library, TimedModelServer timed, long doc) throws Exception {
        Trials idle = new Trials();
        Trials loaded = new Trials();
        Map<String, List<Long>> idleSteps = new LinkedHashMap<>();
        Map<String, List<Long>> loadedSteps = new LinkedHashMap<>();
        boolean streamed = false;
        boolean noStream = false;
        for (int trial = 0; trial < trials; trial++) {
            String question = QUESTIONS.get(trial % QUESTIONS.size());
            library.sleepTime().pause();
            awaitNotThinking(library);
            step("time to first token, idle");
            idle.add(() -> firstTokenNanos(library, question, doc, idleSteps));
            library.sleepTime().resume();
            // once sleep-time has no stream to offer, the idle trials go on alone: the reference is not cut short
            Optional<TimedModelServer.Stream> stream = noStream ? Optional.empty()
                    : timed.awaitStreaming(STREAM_WAIT, sleepTimeHasNoWork(library));
            if (stream.isEmpty()) {
                noStream = true;
                continue;
            }
            streamed = true;
            step("time to first token under sleep-time");
            loaded.add(() -> firstTokenNanos(library, question, doc, loadedSteps));
        }
        String target = "≤ 1.10×";
        if (idle.nanos.isEmpty()) {
            results.add(PerfRow.failed("time to first token, idle, p50" + idle.failures(), "ms", PerfRow.NONE));
        } else {
            results.add(new PerfRow("time to first token, idle, p50 of " + idle.nanos.size() + idle.failures(),
                    ms(percentile(idle.nanos, 50)), "ms", PerfRow.NONE, PerfRow.NONE, PerfRow.NONE));
        }
        if (loaded.nanos.isEmpty() || idle.nanos.isEmpty()) {
            String why = !streamed ? " — no sleep-time stream" : idle.nanos.isEmpty() ? " — no idle reference" : "";
            results.add(PerfRow.failed("time to first token under sleep-time, p50" + why + loaded.failures(), "ms", target));
            return;
        }
        long reference = percentile(idle.nanos, 50);
        results.add(new PerfRow("time to first token under sleep-time, p50 of " + loaded.nanos.size() + loaded.failures(),
                ms(percentile(loaded.nanos, 50)), "ms", "idle " + ms(reference) + " ms",
                PerfRow.ratio(percentile(loaded.nanos, 50), reference), target));
        stepRows(idleSteps, loadedSteps);
    }

    /** Per step of an answer: p50 under sleep-time against p50 idle (where the difference comes from). */
    private void stepRows(Map<String, List<Long>> idle, Map<String, List<Long>> loaded) {
        for (Map.Entry<String, List<Long>> step : loaded.entrySet()) {
            List<Long> reference = idle.get(step.getKey());
            if (reference == null || reference.isEmpty()) {
                continue;
            }
            long value = percentile(step.getValue(), 50);
            long ref = percentile(reference, 50);
            results.add(new PerfRow("  step: " + step.getKey() + ", p50 of " + step.getValue().size(), stepMs(value), "ms",
                    "idle " + stepMs(ref) + " ms", PerfRow.ratio(value, ref), PerfRow.NONE));
        }
    }

    /**
     * Timed trials of one figure: the times of those that succeeded, and the failures, counted and
     * named once (a failed trial is never a time).
     */
    private static final class Trials {
        final List<Long> nanos = new ArrayList<>();
        int failed;
        String firstFailure;

        /** Runs one trial; a question not answered is a failure, not a time. */
        void add(TimedTrial trial) throws Exception {
            try {
                nanos.add(trial.nanos());
            } catch (NotAnswered e) {
                failed++;
                firstFailure = firstFailure == null ? e.getMessage() : firstFailure;
            }
        }

        /** " (2 failed: REASON)", or "" when none failed. */
        String failures() {
            return failed == 0 ? "" : " (" + failed + " of " + (failed + nanos.size()) + " failed: " + firstFailure + ")";
        }
    }

    @FunctionalInterface
    private interface TimedTrial {
        long nanos() throws Exception;
    }

    /** A question the answer service could not answer; its message is the sentence why. */
    private static final class NotAnswered extends Exception {
        NotAnswered(String sentence) {
            super(sentence);
        }
    }

    /**
     * Asks {@code question} (no prepared answer), stops the answer at its first text, returns ask →
     * first token; the time of each step of an answered question is added to {@code steps}.
     */
    private static long firstTokenNanos(BenchLibrary library, String question, long doc, Map<String, List<Long>> steps)
            throws Exception {
        CompletableFuture<Long> firstText = new CompletableFuture<>();
        CompletableFuture<Exchange> finished = new CompletableFuture<>();
        List<AnswerSteps.Step> marked = new java.util.concurrent.CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        AnswerHandle handle = library.answers().ask(new AnswerRequest(question, List.of(doc), 0, false),
                new AnswerListener() {
                    @Override
                    public void onText(String text) {
                        firstText.complete(System.nanoTime() - start);
                    }

                    @Override
                    public void onSteps(List<AnswerSteps.Step> answerSteps) {
                        marked.addAll(answerSteps);
                    }

                    @Override
                    public void onFinished(Exchange exchange) {
                        finished.complete(exchange);
                    }
                });
        CompletableFuture.anyOf(firstText, finished).get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        handle.stop();
        Exchange e = finished.get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (e.status() == Exchange.Status.FAILED) {
            throw new NotAnswered(e.error().orElse("no reason given"));
        }
        marked.forEach(step -> steps.computeIfAbsent(step.name(), k -> new ArrayList<>()).add(step.nanos()));
        // the answer service's own clock (from the question to the first token) when it kept one
        return e.firstTokenMs().map(TimeUnit.MILLISECONDS::toNanos).orElseGet(() -> firstText.getNow(0L));
    }

    // ------------------------------------------------------------------ 4. prepared answers

    private void preparedAnswers(BenchLibrary library, long doc) throws Exception {
        library.sleepTime().resume();
        step("sleep-time: thinking about " + file.getFileName());
        var thought = library.sleepTime().think(doc).get(THINK_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        library.sleepTime().pause();  // the person is here now: no idle work between the questions
        TimelineRows.add(results, file.getFileName().toString(), library.sleepTime().timeline(doc), profiles,
                thought.failure());
        // only questions whose prepared answer the document confirms are served prepared
        List<AnticipatedQuestion> anticipated = library.sleepTime().insights(doc).orElseThrow().anticipatedQuestions()
                .stream().filter(AnticipatedQuestion::confirmed).toList();
        if (!thought.ready() || anticipated.isEmpty()) {
            String why = thought.failure().map(f -> "sleep-time failed: " + f)
                    .orElse("no prepared answer confirmed by the document");
            results.add(PerfRow.failed("prepared-answer latency, p50 — " + why, "ms", PerfRow.NONE));
            results.add(PerfRow.failed("prepared-answer latency, p95 — " + why, "ms", "≤ 50 ms"));
            return;
        }
        Trials prepared = new Trials();
        int notPrepared = 0;
        for (int i = 0; i < trials; i++) {
            step("prepared answers");
            String question = anticipated.get(i % anticipated.size()).question();
            Timed[] t = new Timed[1];
            prepared.add(() -> (t[0] = answer(library, question, doc, true)).nanos);
            if (t[0] != null && !Exchange.MODE_PREPARED.equals(t[0].exchange.mode())) {
                // answered by the model: a learned-context time, not a prepared one
                prepared.nanos.remove(prepared.nanos.size() - 1);
                notPrepared++;
            }
        }
        Trials reference = new Trials();
        for (int i = 0; i < Math.min(trials, REFERENCE_ANSWERS); i++) {
            step("learned-context answers (reference)");
            String question = anticipated.get(i % anticipated.size()).question();
            reference.add(() -> answer(library, question, doc, false).nanos);
        }
        String what = "prepared-answer latency (" + prepared.nanos.size() + " of " + trials + " served prepared"
                + (notPrepared > 0 ? ", " + notPrepared + " answered by the model, left out" : "") + ")"
                + prepared.failures();
        latencyRows(what, prepared.nanos, Optional.of(reference.nanos), "≤ 50 ms");
    }

    private record Timed(long nanos, Exchange exchange) {
    }

    /** Ask → answer complete. */
    private static Timed answer(BenchLibrary library, String question, long doc, boolean usePrepared) throws Exception {
        CompletableFuture<Long> end = new CompletableFuture<>();
        CompletableFuture<Exchange> finished = new CompletableFuture<>();
        long start = System.nanoTime();
        library.answers().ask(new AnswerRequest(question, List.of(doc), 0, usePrepared), new AnswerListener() {
            @Override
            public void onText(String text) {
            }

            @Override
            public void onFinished(Exchange exchange) {
                end.complete(System.nanoTime() - start);
                finished.complete(exchange);
            }
        });
        long nanos = end.get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Exchange e = finished.get();
        if (e.status() != Exchange.Status.ANSWERED) {
            throw new NotAnswered(e.error().orElse("the answer did not finish (" + e.status() + ")"));
        }
        return new Timed(nanos, e);
    }

    // ------------------------------------------------------------------ 5. import of the large file

    private void importLarge(Path pdf) throws Exception {
        try (BenchLibrary library = libraries.open(workDir.resolve("import"), false, UnaryOperator.identity())) {
            step("import of " + pdf.getFileName());
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            long id = importDocument(library, pdf);
            long nanos = System.nanoTime() - start;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            int pages = library.libraryService().documents().stream().filter(d -> d.id() == id)
                    .mapToInt(d -> d.pages()).findFirst().orElse(0);
            String what = "import of " + pdf.getFileName() + " (" + pages + " pages)";
            results.add(new PerfRow(what + ", wall time", PerfRow.number(seconds(nanos)), "s", PerfRow.NONE,
                    PerfRow.NONE, PerfRow.NONE));
            results.add(new PerfRow(what + ", peak heap (sum of heap pools' peaks)",
                    PerfRow.number(peak / (1024.0 * 1024.0)), "MB", PerfRow.NONE, PerfRow.NONE, PerfRow.NONE));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static long importDocument(BenchLibrary library, Path pdf) throws Exception {
        ImportOutcome outcome = library.libraryService().open(pdf).get();
        if (outcome instanceof ImportOutcome.Imported i) {
            return i.document().id();
        }
        if (outcome instanceof ImportOutcome.AlreadyInLibrary a) {
            return a.document().id();
        }
        if (outcome instanceof ImportOutcome.Failed f) {
            throw new IllegalArgumentException(pdf.getFileName() + ": " + f.reason());
        }
        throw new IllegalArgumentException(pdf.getFileName() + " is protected by a password; give a PDF that opens "
                + "without one.");
    }

    /** Until the paused sleep-time step has stopped (or 30 s). */
    private static void awaitNotThinking(BenchLibrary library) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (library.sleepTime().status().state() == SleepTimeState.THINKING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private void latencyRows(String what, List<Long> nanos, Optional<List<Long>> reference, String target) {
        for (int p : new int[] {50, 95}) {
            String figure = what + ", p" + p + (nanos.isEmpty() ? "" : " of " + nanos.size());
            if (nanos.isEmpty()) {
                results.add(PerfRow.failed(figure + (what.startsWith("input") ? " — no sleep-time stream" : ""), "ms",
                        p == 95 || reference.isEmpty() ? target : PerfRow.NONE));
                continue;
            }
            long value = percentile(nanos, p);
            String ref = PerfRow.NONE;
            String ratio = PerfRow.NONE;
            if (reference.isPresent() && !reference.get().isEmpty()) {
                long r = percentile(reference.get(), p);
                ref = "learned-context " + ms(r) + " ms";
                ratio = PerfRow.ratio(value, r);
            }
            results.add(new PerfRow(figure, ms(value), "ms", ref, ratio,
                    p == 95 || reference.isEmpty() ? target : PerfRow.NONE));
        }
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double seconds(long nanos) {
        return Math.max(1, nanos) / 1e9;
    }

    /** A step's time: "&lt; 0.1" rather than a 0.0 that would read as a failed figure (a cached model handle takes µs). */
    private static String stepMs(long nanos) {
        return nanos < 50_000 ? "< 0.1" : ms(nanos);
    }

    private static String ms(long nanos) {
        return PerfRow.number(nanos / 1e6);
    }

    private void step(String what) {
        progress.progress(what, done++, totalSteps());
    }

    /** {@code pdftotext} from poppler-utils, when it is on the PATH. */
    static final class Pdftotext {
        private Pdftotext() {
        }

        /**
         * Runs {@code pdftotext -q FILE -} once, its text thrown away.
         *
         * @return its wall time in ns, or empty when pdftotext is not installed or failed on the file
         */
        static Optional<Long> time(Path pdf) throws InterruptedException {
            long start = System.nanoTime();
            try {
                Process p = new ProcessBuilder("pdftotext", "-q", pdf.toString(), "-")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                return p.exitValue() == 0 ? Optional.of(System.nanoTime() - start) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();  // not on the PATH
            }
        }
    }
}
