package dev.ponder.bench;

import dev.ponder.answer.AnswerListener;
import dev.ponder.answer.AnswerRequest;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.TextPdf;
import dev.ponder.llm.Completion;
import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.LlmException;
import dev.ponder.llm.Prompt;
import dev.ponder.sleeptime.DocumentInsights;
import dev.ponder.sleeptime.ThinkOutcome;
import dev.ponder.store.Exchange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ponder bench sleeptime}: the test-time vs sleep-time comparison of Lin et al. 2025
 * (arXiv 2504.13171) on any dataset, through Ponder's own product path.
 * <ul>
 *   <li><b>baseline</b> at several test-time budgets: the context and the query in one prompt, a
 *       verbosity instruction and {@code num_predict} per level ({@link Verbosity});</li>
 *   <li><b>pass@k</b>: {@code samples} answers at the {@code brief} level, right if any of the first k
 *       is right (the paper's perfect verifier); tokens are the sum over the k;</li>
 *   <li><b>sleep-time</b> k = 1…{@code maxK}: each context imported as a document into a fresh library,
 *       {@code SleepTimeService.think} with k generations, then each query answered by
 *       {@code AnswerService} from the learned context c′ (prepared answers off, so every query is a
 *       test-time call).</li>
 * </ul>
 * Every token count is the server's; rows go to {@link BenchResults} as they finish. A query that
 * got no answer (the server failed, or its context's sleep-time did) is a row marked
 * {@link BenchRow#FAILED} with the reason, never a figure of 0 tokens.
 */
public final class SleepTimeBench {

    /** How long one sleep-time pass over a context may take before the run gives up on it. */
    static final long THINK_TIMEOUT_MINUTES = 60;

    /** The test-time budgets of the baseline: a verbosity instruction and {@code num_predict}. */
    public enum Verbosity {
        DIRECT("direct", "Give only the final answer, with no explanation.", 64),
        BRIEF("brief", "Reason in two or three short sentences, then give the final answer.", 256),
        STEPWISE("stepwise", "Reason step by step in detail, checking each step, then give the final answer.", 1024);

        public final String label;
        final String instruction;
        /** The budget, in tokens. */
        public final int budgetTokens;

        Verbosity(String label, String instruction, int budgetTokens) {
            this.label = label;
            this.instruction = instruction;
            this.budgetTokens = budgetTokens;
        }
    }

    private final List<BenchItem> items;
    private final BenchLibrary.Factory libraries;
    private final BenchResults results;
    private final BenchProgress progress;
    private final Path workDir;
    private final int samples;
    private final int maxK;
    private int done;

    /**
     * @param workDir  where the contexts' PDFs and the libraries go
     * @param samples  answers sampled for pass@k (k = 1…samples), 1 or more
     * @param maxK     sleep-time runs k = 1…maxK
     */
    public SleepTimeBench(List<BenchItem> items, BenchLibrary.Factory libraries, BenchResults results,
                          BenchProgress progress, Path workDir, int samples, int maxK) {
        this.items = List.copyOf(items);
        this.libraries = libraries;
        this.results = results;
        this.progress = progress;
        this.workDir = workDir;
        this.samples = samples;
        this.maxK = maxK;
    }

    /** Model answers the whole run makes. */
    public int totalAnswers() {
        int queries = items.stream().mapToInt(i -> i.queries().size()).sum();
        return queries * (Verbosity.values().length + samples + maxK);
    }

    /**
     * Runs every condition in turn.
     *
     * @throws Exception when a library cannot be opened or the model server fails (the message says why);
     *                   rows finished before stay in the results
     */
    public void run() throws Exception {
        try (BenchLibrary library = libraries.open("baseline", 1)) {
            LanguageModel model = library.chatModel();
            for (Verbosity v : Verbosity.values()) {
                for (BenchItem item : items) {
                    for (int q = 0; q < item.queries().size(); q++) {
                        step(BenchRow.BASELINE + " " + v.label);
                        Answer a = direct(model, item, item.queries().get(q), v);
                        results.add(a.failed ? failedRow(item, q, BenchRow.BASELINE, v.label, 1, v.budgetTokens, 0, a.text)
                                : row(item, q, BenchRow.BASELINE, v.label, 1, v.budgetTokens, a.correct, a.tokens,
                                        0, a.latencyMs, "direct", a.text));
                    }
                }
            }
            for (BenchItem item : items) {
                for (int q = 0; q < item.queries().size(); q++) {
                    boolean anyRight = false;
                    long tokens = 0;
                    long latency = 0;
                    String failure = null;
                    for (int k = 1; k <= samples; k++) {
                        step(BenchRow.PASS_AT_K + " k=1…" + samples);
                        Answer a = direct(model, item, item.queries().get(q), Verbosity.BRIEF);
                        // pass@k needs all k samples: one that failed makes this k (and every larger one) unmeasured
                        failure = failure != null ? failure : a.failed ? a.text : null;
                        anyRight |= a.correct;
                        tokens += a.tokens;
                        latency += a.latencyMs;
                        results.add(failure != null
                                ? failedRow(item, q, BenchRow.PASS_AT_K, String.valueOf(k), k, Verbosity.BRIEF.budgetTokens,
                                        0, failure)
                                : row(item, q, BenchRow.PASS_AT_K, String.valueOf(k), k, Verbosity.BRIEF.budgetTokens,
                                        anyRight, tokens, 0, latency, "direct", a.text));
                    }
                }
            }
        }
        Path contexts = Files.createDirectories(workDir.resolve("contexts"));
        for (int k = 1; k <= maxK; k++) {
            try (BenchLibrary library = libraries.open("sleep-time-k" + k, k)) {
                library.sleepTime().start();
                for (BenchItem item : items) {
                    sleepTime(library, item, k, contexts);
                }
            }
        }
    }

    private void sleepTime(BenchLibrary library, BenchItem item, int k, Path contexts) throws Exception {
        Path pdf = contexts.resolve(item.id().replaceAll("[^\\w.-]", "_") + ".pdf");
        if (!Files.exists(pdf)) {
            TextPdf.write(item.context().isBlank() ? "(The problem has no context before its question.)" : item.context(), pdf);
        }
        ImportOutcome outcome = library.libraryService().open(pdf).get();
        long doc;
        if (outcome instanceof ImportOutcome.Imported i) {
            doc = i.document().id();
        } else if (outcome instanceof ImportOutcome.AlreadyInLibrary a) {
            doc = a.document().id();
        } else {
            throw new IllegalStateException("Context " + item.id() + " could not be imported: " + outcome);
        }
        progress.progress(BenchRow.SLEEP_TIME + " k=" + k + ": thinking about " + item.id(), done, totalAnswers());
        ThinkOutcome thought = library.sleepTime().think(doc).get(THINK_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        DocumentInsights insights = library.sleepTime().insights(doc).orElseThrow();
        long sleepTokens = insights.sleepPromptTokens() + insights.sleepCompletionTokens();
        for (int q = 0; q < item.queries().size(); q++) {
            step(BenchRow.SLEEP_TIME + " k=" + k);
            BenchItem.Query query = item.queries().get(q);
            if (!thought.ready()) {
                results.add(new BenchRow(item.id(), q, BenchRow.SLEEP_TIME, String.valueOf(k), k, 0, false, 0, sleepTokens,
                        0, BenchRow.FAILED, query.answer(), BenchRow.SLEEP_TIME_FAILED + thought.failure().orElse("")));
                continue;
            }
            Exchange e = ask(library, query.question(), doc);
            if (e.status() != Exchange.Status.ANSWERED) {
                results.add(failedRow(item, q, BenchRow.SLEEP_TIME, String.valueOf(k), k, 0, sleepTokens,
                        e.error().orElse("the answer did not finish (" + e.status() + ")")));
                continue;
            }
            results.add(row(item, q, BenchRow.SLEEP_TIME, String.valueOf(k), k, 0,
                    Scoring.correct(e.answer(), query.answer(), item.numeric()),
                    e.testTimeTokens(), sleepTokens, e.latencyMs(), e.mode(), e.answer()));
        }
    }

    private static Exchange ask(BenchLibrary library, String question, long doc) throws Exception {
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        library.answers().ask(new AnswerRequest(question, List.of(doc), 0, false, true), new AnswerListener() {
            @Override
            public void onText(String text) {
            }

            @Override
            public void onFinished(Exchange exchange) {
                done.complete(exchange);
            }
        });
        return done.get(THINK_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    }

    /** A bare model answer; {@code failed}: there was none, {@code text} says why. */
    private record Answer(String text, boolean correct, long tokens, long latencyMs, boolean failed) {
    }

    /** The context and the query in one prompt; a failure of the server is an answer that failed, counted. */
    private static Answer direct(LanguageModel model, BenchItem item, BenchItem.Query query, Verbosity v) {
        String format = item.numeric() ? "End with a line \"#### N\" where N is the final number."
                : "End with the answer itself in a few words.";
        String system = "You answer a question about the context given. " + v.instruction + " " + format;
        String user = "<source label=\"S1\">" + item.context() + "</source>\n\nQuestion: " + query.question();
        long start = System.nanoTime();
        try {
            Completion c = model.complete(new Prompt(system, user, v.budgetTokens));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return new Answer(c.text(), Scoring.correct(c.text(), query.answer(), item.numeric()), c.usage().total(), ms,
                    false);
        } catch (LlmException e) {
            return new Answer(e.getMessage(), false, 0, 0, true);
        }
    }

    /** A query that got no answer: no tokens, no latency, {@link BenchRow#FAILED}, and why. */
    private static BenchRow failedRow(BenchItem item, int q, String condition, String setting, int k, int budget,
                                      long sleepTime, String why) {
        return row(item, q, condition, setting, k, budget, false, 0, sleepTime, 0, BenchRow.FAILED, "failed: " + why);
    }

    private static BenchRow row(BenchItem item, int q, String condition, String setting, int k, int budget,
                                boolean correct, long testTime, long sleepTime, long latencyMs, String mode, String text) {
        return new BenchRow(item.id(), q, condition, setting, k, budget, correct, testTime, sleepTime, latencyMs, mode,
                item.queries().get(q).answer(), text);
    }

    private void step(String what) {
        progress.progress(what, done++, totalAnswers());
    }
}
