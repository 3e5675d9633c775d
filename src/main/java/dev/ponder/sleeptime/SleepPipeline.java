package dev.ponder.sleeptime;

import dev.ponder.llm.Embedder;
import dev.ponder.llm.LanguageModel;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.LearnedContextEntry;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.NotesCoverage;
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
        AnticipatedQuestionsStep questions = new AnticipatedQuestionsStep(repository, learned, calls,
                new QuestionMerger(embedder), generations);
        this.steps = List.of(
                new FirstLookStep(repository, learned, calls, questions),
                new SectionNotesStep(repository, calls),
                new LearnedContextStep(repository, learned, calls),
                questions);
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
     * @param inputs        what the steps' keys were made from (how far the notes are among them)
     * @param unwanted      the keys of the steps the document does not need now ({@link Step#wanted})
     */
    record Plan(DocumentEntry document, List<Step> steps, SleepKeys keys, Map<String, SleepStepEntry> stored,
                boolean hasOlder, int questionCount, String language, StepInputs inputs,
                java.util.Set<String> unwanted) {

        /**
         * The step to run next: the first step not done for its current key — except that while a
         * long tail ({@link Step#takesTurns()}) is not done, the steps after it that refresh from it
         * ({@link Step#refreshesDuringLongTail()}) go first once {@link NotesStage} has a new stage.
         */
        Optional<SleepStep> nextDue() {
            return nextStep().map(s -> (SleepStep) s);
        }

        private Optional<Step> nextStep() {
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                if (done(s)) {
                    continue;
                }
                if (s.takesTurns() && !inputs.notesStage().equals("none")) {
                    for (Step after : steps.subList(i + 1, steps.size())) {
                        if (!after.refreshesDuringLongTail()) {
                            break;
                        }
                        if (!done(after)) {
                            return Optional.of(after);
                        }
                    }
                }
                return Optional.of(s);
            }
            return Optional.empty();
        }

        /** Whether the next due step is a long tail taken in turns ({@link Step#takesTurns()}). */
        boolean longTailDue() {
            return nextStep().map(Step::takesTurns).orElse(false);
        }

        /** Whether {@code step} is done for its current key, or not needed by the document now. */
        boolean done(SleepStep step) {
            if (unwanted.contains(step.key())) {
                return true;
            }
            SleepStepEntry e = stored.get(step.key());
            return e != null && e.doneFor(keys.of(step));
        }

        /** Sections with notes now, of all: "notes on 120 of 512 sections". */
        NotesCoverage coverage() {
            int sections = inputs.sectionHashes().size();
            return new NotesCoverage(Math.min(inputs.notedSections(), sections), sections);
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
        List<String> hashes = repository.sectionHashes(document.id());
        int[] noted = repository.notedSections(document.id(), model, SectionNotesStep.promptVersion());
        StepInputs inputs = new StepInputs(document, hashes, model, contextTokens, k, m, language, noted[0], noted[1]);
        SleepKeys keys = SleepKeys.of(steps, inputs);
        Map<String, SleepStepEntry> stored = repository.steps(document.id());
        // a c′ written while notes are still being taken is progress, not a stale result
        boolean hasOlder = learned.latestLearnedContext(document.id())
                .filter(c -> c.coverage().complete() && !c.inputKey().equals(keys.of(LearnedContextStep.KEY)))
                .isPresent();
        Optional<LearnedContextEntry> usable = learned.usableLearnedContext(document.id());
        java.util.Set<String> unwanted = new java.util.HashSet<>();
        for (Step s : steps) {
            boolean usableFromElsewhere = usable.filter(c -> !c.inputKey().equals(keys.of(s))).isPresent();
            if (!s.wanted(inputs, usableFromElsewhere)) {
                unwanted.add(s.key());
            }
        }
        int questions = 0;
        for (Step s : steps) {
            SleepStepEntry e = stored.get(s.key());
            if (e != null && e.doneFor(keys.of(s))) {
                questions = Math.max(questions, s.questionsStored(document.id(), keys.of(s)));
            }
        }
        return new Plan(document, steps, keys, Map.copyOf(stored), hasOlder, questions, language, inputs,
                java.util.Set.copyOf(unwanted));
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
