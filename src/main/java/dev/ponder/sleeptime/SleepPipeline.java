package dev.ponder.sleeptime;

import dev.ponder.llm.Embedder;
import dev.ponder.llm.LanguageModel;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.SleepStepEntry;
import dev.ponder.store.SleepTimeRepository;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Sleep-time compute S(c) → c′ for one document, step by step: what is due ({@link #plan}) and
 * running one step ({@link #run}). Knows nothing of idleness or scheduling.
 */
final class SleepPipeline {

    private final SleepTimeRepository repository;
    private final LearnedContextRepository learned;
    private final SectionNotesStep notes;
    private final LearnedContextStep context;
    private final AnticipatedQuestionsStep questions;

    SleepPipeline(SleepTimeRepository repository, LearnedContextRepository learned, Embedder embedder,
                  ExecutorService generations) {
        this.repository = repository;
        this.learned = learned;
        SleepCalls calls = new SleepCalls(repository);
        this.notes = new SectionNotesStep(repository, calls);
        this.context = new LearnedContextStep(repository, learned, calls);
        this.questions = new AnticipatedQuestionsStep(repository, learned, calls, new QuestionMerger(embedder), generations);
    }

    /**
     * Where one document stands with one model and settings.
     *
     * @param document the document (READY, with sections)
     * @param keys     the input keys of its steps now
     * @param stored   the stored state of its steps, by step
     * @param hasOlder whether a c′ of other input exists (then the document is stale until re-thought)
     * @param questionCount anticipated questions of the current set (0 until the last step is done)
     */
    record Plan(DocumentEntry document, SleepKeys keys, Map<SleepStep, SleepStepEntry> stored, boolean hasOlder,
                int questionCount) {

        /** The first step not done for its current key, if any. */
        Optional<SleepStep> nextDue() {
            return Arrays.stream(SleepStep.values()).filter(s -> !done(s)).findFirst();
        }

        boolean done(SleepStep step) {
            SleepStepEntry e = stored.get(step);
            return e != null && e.doneFor(keys.of(step));
        }

        /** The stored failure of the next due step, when it failed for its current key. */
        Optional<SleepStepEntry> failure() {
            return nextDue().flatMap(s -> Optional.ofNullable(stored.get(s))
                    .filter(e -> e.status() == SleepStepEntry.Status.FAILED && e.inputKey().equals(keys.of(s))));
        }

        boolean ready() {
            return nextDue().isEmpty();
        }
    }

    /** What {@code document} needs from sleep-time compute with {@code model} (name and num_ctx), k and M. */
    Plan plan(DocumentEntry document, String model, int contextTokens, int k, int m) {
        SleepKeys keys = SleepKeys.of(repository.sectionHashes(document.id()), model,
                LearnedContextStep.budgetTokens(contextTokens), k, m);
        Map<String, SleepStepEntry> rows = repository.steps(document.id());
        Map<SleepStep, SleepStepEntry> stored = new EnumMap<>(SleepStep.class);
        for (SleepStep s : SleepStep.values()) {
            SleepStepEntry e = rows.get(s.key());
            if (e != null) {
                stored.put(s, e);
            }
        }
        boolean hasOlder = learned.latestLearnedContext(document.id())
                .filter(c -> !c.inputKey().equals(keys.learnedContext())).isPresent();
        boolean questionsDone = stored.containsKey(SleepStep.ANTICIPATED_QUESTIONS)
                && stored.get(SleepStep.ANTICIPATED_QUESTIONS).doneFor(keys.anticipatedQuestions());
        int count = questionsDone ? learned.anticipatedQuestions(document.id(), keys.anticipatedQuestions()).size() : 0;
        return new Plan(document, keys, stored, hasOlder, count);
    }

    /**
     * Runs {@code step} of the planned document. The section-notes step is marked DONE here; the
     * others mark themselves DONE in the transaction that stores their result.
     *
     * @return how many model calls it made (0: everything it needed was stored already)
     */
    int run(Plan plan, SleepStep step, LanguageModel model, Preemption preemption, int k, int m, StepProgress progress)
            throws StepCancelledException, StepFailedException {
        DocumentEntry doc = plan.document();
        SleepCalls.Scope scope = new SleepCalls.Scope(doc.id(), step, preemption);
        String key = plan.keys().of(step);
        return switch (step) {
            case SECTION_NOTES -> {
                int calls = notes.run(scope, model, doc.fileName(), progress);
                repository.markStep(doc.id(), step.key(), key, SleepStepEntry.Status.DONE, Optional.empty());
                yield calls;
            }
            case LEARNED_CONTEXT -> context.run(scope, model, doc.fileName(), doc.pages(), key, progress);
            case ANTICIPATED_QUESTIONS -> questions.run(scope, model, doc.fileName(), doc.pages(),
                    plan.keys().learnedContext(), key, k, m, progress);
        };
    }
}
