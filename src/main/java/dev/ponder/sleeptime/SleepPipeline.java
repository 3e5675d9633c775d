package dev.ponder.sleeptime;

import dev.ponder.llm.Embedder;
import dev.ponder.llm.LanguageModel;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.SleepStepEntry;
import dev.ponder.store.SleepTimeRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Sleep-time compute S(c) → c′ for one document, step by step: what is due ({@link #plan}) and
 * running one step ({@link #run}). The steps, in order, are the {@link Step}s listed here; the
 * pipeline knows nothing of what each does. Knows nothing of idleness or scheduling.
 */
final class SleepPipeline {

    private final SleepTimeRepository repository;
    private final LearnedContextRepository learned;
    private final List<Step> steps;
    private final Supplier<String> askersLanguage;

    /** A pipeline that writes c′ and the anticipated questions in the window's language, English. */
    SleepPipeline(SleepTimeRepository repository, LearnedContextRepository learned, Embedder embedder,
                  ExecutorService generations) {
        this(repository, learned, embedder, generations, () -> AskersLanguage.WINDOW);
    }

    /** @param askersLanguage the asker's language now (ISO 639-1), read at each {@link #plan} */
    SleepPipeline(SleepTimeRepository repository, LearnedContextRepository learned, Embedder embedder,
                  ExecutorService generations, Supplier<String> askersLanguage) {
        this.repository = repository;
        this.learned = learned;
        this.askersLanguage = askersLanguage;
        SleepCalls calls = new SleepCalls(repository);
        this.steps = List.of(
                new SectionNotesStep(repository, calls),
                new LearnedContextStep(repository, learned, calls),
                new AnticipatedQuestionsStep(repository, learned, calls, new QuestionMerger(embedder), generations));
    }

    /** The steps, in the order they run. */
    List<Step> steps() {
        return steps;
    }

    /**
     * Where one document stands with one model and settings.
     *
     * @param document      the document (READY, with sections)
     * @param steps         the pipeline's steps, in order
     * @param keys          the input keys of its steps now
     * @param stored        the stored state of its steps, by step name
     * @param hasOlder      whether a c′ of other input exists (then the document is stale until re-thought)
     * @param questionCount anticipated questions of the current set (0 until a step stored them)
     * @param language      the asker's language the keys were made with (ISO 639-1)
     */
    record Plan(DocumentEntry document, List<Step> steps, SleepKeys keys, Map<String, SleepStepEntry> stored,
                boolean hasOlder, int questionCount, String language) {

        /** The first step not done for its current key, if any. */
        Optional<SleepStep> nextDue() {
            return steps.stream().filter(s -> !done(s)).map(s -> (SleepStep) s).findFirst();
        }

        /** Whether the next due step is a long tail taken in turns ({@link Step#takesTurns()}). */
        boolean longTailDue() {
            return steps.stream().filter(s -> !done(s)).findFirst().map(Step::takesTurns).orElse(false);
        }

        boolean done(SleepStep step) {
            SleepStepEntry e = stored.get(step.key());
            return e != null && e.doneFor(keys.of(step));
        }

        /** The stored failure of the next due step, when it failed for its current key. */
        Optional<SleepStepEntry> failure() {
            return nextDue().flatMap(s -> Optional.ofNullable(stored.get(s.key()))
                    .filter(e -> e.status() == SleepStepEntry.Status.FAILED && e.inputKey().equals(keys.of(s))));
        }

        boolean ready() {
            return nextDue().isEmpty();
        }

        /**
         * How much of the document's sleep-time work is done while {@code step} is at
         * {@code done} of {@code total}, 0..1: the weights of the steps before it, and its own share.
         */
        double fraction(SleepStep step, int done, int total) {
            double within = total <= 0 ? 0 : Math.min(1, (double) done / total);
            double before = 0;
            for (Step s : steps) {
                if (s.key().equals(step.key())) {
                    return Math.min(1, before + s.weight() * within);
                }
                before += s.weight();
            }
            return 0;
        }
    }

    /** What {@code document} needs from sleep-time compute with {@code model} (name and num_ctx), k and M. */
    Plan plan(DocumentEntry document, String model, int contextTokens, int k, int m) {
        String language = askersLanguage.get();
        StepInputs inputs = new StepInputs(document, repository.sectionHashes(document.id()), model, contextTokens, k, m,
                language);
        SleepKeys keys = SleepKeys.of(steps, inputs);
        Map<String, SleepStepEntry> stored = repository.steps(document.id());
        boolean hasOlder = learned.latestLearnedContext(document.id())
                .filter(c -> !c.inputKey().equals(keys.of(LearnedContextStep.KEY))).isPresent();
        int questions = 0;
        for (Step s : steps) {
            SleepStepEntry e = stored.get(s.key());
            if (e != null && e.doneFor(keys.of(s))) {
                questions += s.questionsStored(document.id(), keys.of(s));
            }
        }
        return new Plan(document, steps, keys, Map.copyOf(stored), hasOlder, questions, language);
    }

    /**
     * Runs {@code step} of the planned document; the step stores its result and marks itself DONE.
     *
     * @return how many model calls it made (0: everything it needed was stored already)
     */
    int run(Plan plan, SleepStep step, LanguageModel model, Preemption preemption, int k, int m, StepProgress progress,
            Turn turn) throws StepCancelledException, StepFailedException, StepYieldedException {
        Step s = steps.stream().filter(x -> x.key().equals(step.key())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sleep-time step " + step.key()));
        SleepCalls.Scope scope = new SleepCalls.Scope(plan.document().id(), s, preemption);
        return s.run(new StepRun(scope, model, plan.document(), plan.keys(), k, m, plan.language(), progress, turn));
    }
}
