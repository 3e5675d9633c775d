package dev.ponder.app;

import dev.ponder.answer.AnswerService;
import dev.ponder.bench.BenchDataset;
import dev.ponder.bench.BenchItem;
import dev.ponder.bench.BenchLibrary;
import dev.ponder.bench.BenchResults;
import dev.ponder.bench.PerfBench;
import dev.ponder.bench.RetrievalBench;
import dev.ponder.bench.RetrievalDataset;
import dev.ponder.bench.RetrievalQuestion;
import dev.ponder.sleeptime.SpeedProfile;
import dev.ponder.bench.SleepTimeBench;
import dev.ponder.document.LibraryService;
import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.LlmException;
import dev.ponder.llm.ModelServer;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.SleepTimeService;
import dev.ponder.sleeptime.UserActivity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ponder bench …}: benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: does sleep-time compute pay off with your model?",
        subcommands = {BenchCommand.SleepTime.class, BenchCommand.Perf.class, BenchCommand.Retrieval.class})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    PonderCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** A benchmark's run, which may fail with a sentence for the person. */
    @FunctionalInterface
    interface BenchRun {
        void run() throws Exception;
    }

    /**
     * Runs {@code run}; the sentence saying why it stopped (the model server failed, a file could not
     * be read, a step failed), or empty when it finished.
     */
    static Optional<String> failureOf(BenchRun run) throws Exception {
        try {
            run.run();
            return Optional.empty();
        } catch (LlmException | IllegalArgumentException e) {
            return Optional.of(CliOutput.forTerminal(e.getMessage()));
        } catch (ExecutionException e) {
            return Optional.of("the benchmark stopped: " + CliOutput.forTerminal(e.getCause().getMessage()));
        }
    }

    /** Headless: sleep-time runs only when the bench asks for it. */
    private static final Duration NEVER_IDLE = Duration.ofDays(3650);

    /**
     * {@code ponder bench sleeptime --dataset FILE [--out DIR] [--w W] [--samples N] [--max-k K] [--limit N]}:
     * the test-time vs sleep-time comparison of Lin et al. 2025 (see {@link SleepTimeBench}).
     */
    @Command(name = "sleeptime", mixinStandardHelpOptions = true,
            description = "Compare answering at test time (at several budgets, and pass@k) with sleep-time compute "
                    + "(k = 1…5) on a dataset; writes results.csv, summary.md and two PNG plots to --out.")
    static final class SleepTime implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", required = true, paramLabel = "FILE",
                description = "JSONL: {\"context\", \"queries\": [{\"question\", \"answer\"}]} a line, or GSM-Symbolic "
                        + "{\"question\", \"answer\"} with the answer ending in \"#### N\".")
        Path dataset;

        @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: bench-results).")
        Path out = Path.of("bench-results");

        @Option(names = "--w", paramLabel = "W",
                description = "Weight of a test-time token against a sleep-time token in the cost model (default: 10).")
        double weight = 10;

        @Option(names = "--samples", paramLabel = "N", description = "Answers sampled for pass@k, k = 1…N (default: 5).")
        int samples = 5;

        @Option(names = "--max-k", paramLabel = "K",
                description = "Sleep-time generations k = 1…K (default: 5, at most " + Settings.MAX_SLEEP_GENERATIONS + ").")
        int maxK = 5;

        @Option(names = "--limit", paramLabel = "N", description = "Use only the first N contexts of the dataset.")
        Integer limit;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter stdout = spec.commandLine().getOut();
            if (samples < 1 || maxK < 1 || maxK > Settings.MAX_SLEEP_GENERATIONS || weight <= 0) {
                throw new ParameterException(spec.commandLine(), "--samples must be 1 or more, --max-k 1 to "
                        + Settings.MAX_SLEEP_GENERATIONS + " and --w above 0.");
            }
            List<BenchItem> items;
            try {
                items = BenchDataset.read(dataset);
            } catch (NoSuchFileException e) {
                err.println("Ponder: there is no dataset file " + dataset + ".");
                return 1;
            } catch (IllegalArgumentException e) {
                err.println("Ponder: " + e.getMessage());
                return 1;
            }
            if (limit != null) {
                items = items.subList(0, Math.max(0, Math.min(limit, items.size())));
            }
            Settings base = bench.parent.options.toSettings(System.getenv()).withIdleThreshold(NEVER_IDLE);
            RemoteOllama.warning(base.ollamaUrl()).ifPresent(w -> err.println("Ponder: " + w));
            System.setProperty("java.awt.headless", "true");
            Path work = Files.createDirectories(out.resolve("work"));
            BenchResults results = new BenchResults(out, weight, dataset.getFileName().toString());
            ProgressBar bar = new ProgressBar(err, System.console() != null);
            Thread summaryOnExit = new Thread(() -> {
                try {
                    results.writeSummary(false);
                } catch (IOException | RuntimeException | Error e) {
                    // the rows are in results.csv already
                    err.println("Ponder: the summary could not be written (" + e + "); every finished answer is in "
                            + out.resolve(BenchResults.CSV) + ".");
                    err.flush();
                }
            }, "ponder-bench-summary");
            Runtime.getRuntime().addShutdownHook(summaryOnExit);
            SleepTimeBench run = new SleepTimeBench(items, (name, k) -> library(base, work.resolve(name), k),
                    results, bar, work, samples, maxK);
            Optional<String> failure;
            try {
                failure = failureOf(run::run);
            } finally {
                bar.end();
                results.close();
                results.writeSummary(results.rows().size() == run.totalAnswers());
                Runtime.getRuntime().removeShutdownHook(summaryOnExit);
            }
            if (failure.isPresent()) {
                err.println("Ponder: " + failure.get());
                return 1;
            }
            stdout.print(Files.readString(out.resolve(BenchResults.SUMMARY)));
            stdout.println();
            stdout.println("Written to " + out.toAbsolutePath() + ".");
            return 0;
        }

        private static BenchLibrary library(Settings base, Path dataDir, int k) {
            // a fresh library per condition: the same model settings, nothing thought about yet
            return BenchCommand.library(base, dataDir, k, NEVER_IDLE, UnaryOperator.identity());
        }
    }

    /**
     * A fresh library in {@code dataDir} with {@code base}'s model settings, {@code k} sleep-time
     * generations and the idle threshold given, its model server seen through {@code observe}.
     */
    static BenchLibrary library(Settings base, Path dataDir, int k, Duration idleThreshold,
                                UnaryOperator<ModelServer> observe) {
        Settings settings = Settings.defaults(dataDir).withOllamaUrl(base.ollamaUrl()).withModel(base.model())
                .withSleepModel(base.sleepModel()).withTimeouts(base.firstTokenTimeout(), base.streamInactivity())
                .withIdleThreshold(idleThreshold).withSleepGenerations(k);
        if (base.usesOpenAi()) {
            settings = settings.withOpenAi(base.openAi());
        }
        Ponder ponder = Ponder.open(settings, observe);
        return new BenchLibrary() {
            @Override
            public LibraryService libraryService() {
                return ponder.libraryService();
            }

            @Override
            public SleepTimeService sleepTime() {
                return ponder.sleepTime();
            }

            @Override
            public AnswerService answers() {
                return ponder.answers();
            }

            @Override
            public UserActivity userActivity() {
                return ponder.userActivity();
            }

            @Override
            public LanguageModel chatModel() throws LlmException {
                return ponder.modelServer().chatModel();
            }

            @Override
            public void close() {
                ponder.close();
            }
        };
    }

    /**
     * {@code ponder bench perf --file PDF [--large PDF] [--trials N] [--out DIR]}: Ponder's own speed
     * against the configured model server (see {@link PerfBench}); prints the table and writes
     * perf.md and perf.csv to {@code --out}.
     */
    @Command(name = "perf", mixinStandardHelpOptions = true,
            description = "Measure Ponder's own speed with your model server: extraction pages/s (against pdftotext "
                    + "when installed), OCR pages/s (against the tesseract command line when installed), the "
                    + "sleep-time timeline of --file (seconds and tokens until its first anticipated "
                    + "question and its learned context, tokens per page; estimated at --profile speeds from the measured "
                    + "tokens), prepared-answer latency, input → sleep-time request closed, time to first "
                    + "token while sleep-time runs vs idle, and the import of a large PDF. Uses temporary libraries, "
                    + "deleted afterwards; prints a table and writes perf.md and perf.csv to --out.")
    static final class Perf implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--file", required = true, paramLabel = "PDF",
                description = "The PDF to measure extraction, sleep-time and answers on (required).")
        Path file;

        @Option(names = "--large", paramLabel = "PDF",
                description = "A large PDF (e.g. a few thousand pages) whose extraction and import are measured too.")
        Path large;

        @Option(names = "--trials", paramLabel = "N",
                description = "Questions and inputs per latency figure (default: 20; the learned-context reference "
                        + "takes at most " + PerfBench.REFERENCE_ANSWERS + ").")
        int trials = 20;

        @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: bench-results).")
        Path out = Path.of("bench-results");

        @Option(names = "--profile", paramLabel = "NAME",
                description = "Also estimate the sleep-time timeline at this speed from the measured tokens: laptop-cpu "
                        + "(prefill 80 tok/s, decode 15 tok/s) or gpu (3000/90). Repeatable. Estimates, not measurements.")
        List<String> profiles = List.of();

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter stdout = spec.commandLine().getOut();
            if (trials < 1) {
                throw new ParameterException(spec.commandLine(), "--trials must be 1 or more.");
            }
            List<SpeedProfile> speeds = new java.util.ArrayList<>();
            for (String name : profiles) {
                speeds.add(SpeedProfile.named(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "--profile must be one of " + SpeedProfile.ALL.stream().map(SpeedProfile::name).toList()
                                + ", not " + name + ".")));
            }
            for (Path f : large == null ? List.of(file) : List.of(file, large)) {
                if (!Files.isRegularFile(f)) {
                    err.println("Ponder: there is no file " + f + ".");
                    return 1;
                }
                if (!Files.isReadable(f)) {
                    err.println("Ponder: " + f + " cannot be read; check its permissions.");
                    return 1;
                }
            }
            Settings base = bench.parent.options.toSettings(System.getenv());
            RemoteOllama.warning(base.ollamaUrl()).ifPresent(w -> err.println("Ponder: " + w));
            System.setProperty("java.awt.headless", "true");
            Path work = Files.createTempDirectory("ponder-bench-perf");
            ProgressBar bar = new ProgressBar(err, System.console() != null, "steps");
            PerfBench run = new PerfBench(file.toAbsolutePath(), Optional.ofNullable(large).map(Path::toAbsolutePath),
                    trials, speeds, (dataDir, idleAtOnce, observe) -> library(base, dataDir, base.sleepGenerations(),
                            idleAtOnce ? Duration.ZERO : NEVER_IDLE, observe), bar, work);
            Optional<String> failure;
            try {
                failure = failureOf(run::run);
            } finally {
                bar.end();
                deleteTree(work);
            }
            if (failure.isPresent()) {
                err.println("Ponder: " + failure.get());
                return 1;
            }
            String heading = "# ponder bench perf — " + file.getFileName() + (large == null ? "" : ", " + large.getFileName())
                    + ", " + trials + " trials, model server " + (base.usesOpenAi() ? "OpenAI-compatible" : base.ollamaUrl())
                    + (speeds.isEmpty() ? "" : "; rows marked ESTIMATE are seconds estimated from the measured tokens at "
                    + speeds.stream().map(SpeedProfile::describe).collect(java.util.stream.Collectors.joining(" and "))
                    + ", not measured");
            run.results().write(out, heading);
            stdout.print(run.results().table());
            stdout.println();
            stdout.println("Written to " + out.toAbsolutePath() + ".");
            return 0;
        }

        static void deleteTree(Path dir) {
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder; the system cleans it up in the end
            }
        }
    }

    /**
     * {@code ponder bench retrieval --dataset FILE.jsonl [--docs DIR]… [--out DIR]}: recall of the fact
     * reaching the prompt (see {@link RetrievalBench}); no model is called.
     */
    @Command(name = "retrieval", mixinStandardHelpOptions = true,
            description = "Measure whether the passage that answers a question reaches the prompt: recall@k per "
                    + "question language and overall, and the time per question. Imports the dataset's documents "
                    + "into a temporary library (deleted afterwards); calls no model. Prints a table and writes "
                    + "retrieval.md to --out.")
    static final class Retrieval implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", required = true, paramLabel = "FILE",
                description = "JSONL: {\"file\", \"question\", \"fact\"} a line, optionally \"lang\" (the "
                        + "question's language) and \"page\".")
        Path dataset;

        @Option(names = "--docs", paramLabel = "DIR",
                description = "A folder holding the dataset's files; repeat for several (default: the dataset's folder).")
        List<Path> docs = new java.util.ArrayList<>();

        @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: bench-results).")
        Path out = Path.of("bench-results");

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            List<RetrievalQuestion> questions;
            try {
                questions = RetrievalDataset.read(dataset);
            } catch (NoSuchFileException e) {
                err.println("Ponder: there is no dataset file " + dataset + ".");
                return 1;
            } catch (IllegalArgumentException e) {
                err.println("Ponder: " + e.getMessage());
                return 1;
            }
            List<Path> folders = docs.isEmpty() ? List.of(dataset.toAbsolutePath().getParent()) : docs;
            System.setProperty("java.awt.headless", "true");
            Path work = Files.createTempDirectory("ponder-bench-retrieval");
            ProgressBar bar = new ProgressBar(err, System.console() != null, "steps");
            List<RetrievalBench.Outcome> outcomes = new java.util.ArrayList<>();
            Optional<String> failure;
            Settings settings = bench.parent.options.toSettings(System.getenv());
            try (Ponder ponder = Ponder.open(Settings.defaults(work).withOllamaUrl(settings.ollamaUrl()))) {
                RetrievalBench run = new RetrievalBench(ponder.retriever(), file -> load(ponder, file), folders);
                failure = failureOf(() -> outcomes.addAll(run.run(questions, bar)));
            } finally {
                bar.end();
                Perf.deleteTree(work);
            }
            if (failure.isPresent()) {
                err.println("Ponder: " + failure.get());
                return 1;
            }
            String report = "# ponder bench retrieval — " + dataset.getFileName() + ", " + questions.size()
                    + " questions\n\n" + RetrievalBench.report(outcomes);
            Files.createDirectories(out);
            Files.writeString(out.resolve("retrieval.md"), report);
            spec.commandLine().getOut().print(report);
            spec.commandLine().getOut().println();
            spec.commandLine().getOut().println("Written to " + out.resolve("retrieval.md").toAbsolutePath() + ".");
            return 0;
        }

        private static long load(Ponder ponder, Path file) throws Exception {
            dev.ponder.document.ImportOutcome outcome = ponder.libraryService().open(file).get();
            if (outcome instanceof dev.ponder.document.ImportOutcome.Imported imported) {
                return imported.document().id();
            }
            if (outcome instanceof dev.ponder.document.ImportOutcome.AlreadyInLibrary same) {
                return same.document().id();
            }
            throw new IllegalArgumentException(file.getFileName() + " could not be imported: " + outcome);
        }
    }

    /** A one-line progress bar on stderr, redrawn in place on a terminal, a line per condition otherwise. */
    static final class ProgressBar implements dev.ponder.bench.BenchProgress {
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private final boolean terminal;
        private final String unit;
        private String lastWhat = "";
        private int lastWidth;

        ProgressBar(PrintWriter err, boolean terminal) {
            this(err, terminal, "answers");
        }

        /** @param unit what {@code done} counts, e.g. "answers" */
        ProgressBar(PrintWriter err, boolean terminal, String unit) {
            this.err = err;
            this.terminal = terminal;
            this.unit = unit;
        }

        @Override
        public synchronized void progress(String what, int done, int total) {
            if (terminal) {
                int filled = total == 0 ? 0 : WIDTH * done / total;
                String line = "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + what;
                err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
                lastWidth = line.length();
                err.flush();
            } else if (!what.equals(lastWhat)) {
                err.println(what + " (" + done + "/" + total + " " + unit + " done)");
                err.flush();
            }
            lastWhat = what;
        }

        synchronized void end() {
            if (terminal && lastWidth > 0) {
                err.println();
                err.flush();
                lastWidth = 0;
            }
        }
    }
}
