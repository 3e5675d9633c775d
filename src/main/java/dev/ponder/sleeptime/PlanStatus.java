package dev.ponder.sleeptime;

import dev.ponder.store.DocumentEntry;
import dev.ponder.store.SleepStepEntry;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The status line and the documents' sleep-time states, composed from the plans of the library's documents. */
final class PlanStatus {

    private final List<SleepPipeline.Plan> plans;

    PlanStatus(List<SleepPipeline.Plan> plans) {
        this.plans = plans;
    }

    /**
     * While no step runs: paused, answering, "You're active", ready, waiting to retry, or nothing to do.
     *
     * @param inputSeen whether the person has used the window since Ponder started
     * @param threshold how long without input before sleep-time may run
     */
    SleepTimeStatus waiting(boolean paused, boolean answering, boolean inputSeen, java.time.Duration threshold) {
        if (paused) {
            return status(SleepTimeState.PAUSED, Sentences.paused());
        }
        if (plans.isEmpty()) {
            return status(SleepTimeState.NO_DOCUMENTS, Sentences.noDocuments());
        }
        boolean due = plans.stream().anyMatch(p -> p.nextDue().isPresent() && p.failure().isEmpty());
        if (due) {
            return answering ? status(SleepTimeState.ANSWERING, Sentences.answering())
                    : status(SleepTimeState.USER_ACTIVE, Sentences.userActive(inputSeen, threshold));
        }
        java.util.Map<String, String> failures = new java.util.LinkedHashMap<>();
        plans.stream().filter(p -> p.failure().isPresent()).sorted(java.util.Comparator.comparingLong(p -> p.document().id()))
                .forEach(p -> failures.put(p.document().fileName(), p.failure().get().message().orElse("a step failed")));
        if (!failures.isEmpty()) {
            return status(SleepTimeState.RETRY_LATER, Sentences.retryLater(failures));
        }
        return status(SleepTimeState.READY, Sentences.ready(questions(), ready()));
    }

    SleepTimeStatus modelUnavailable(String problem) {
        return status(SleepTimeState.MODEL_UNAVAILABLE, Sentences.modelUnavailable(problem));
    }

    /** "Thinking about report.pdf — section 3 of 7", with the numbers. */
    SleepTimeStatus thinking(SleepPipeline.Plan plan, SleepStep step, int done, int total) {
        DocumentEntry doc = plan.document();
        return new SleepTimeStatus(SleepTimeState.THINKING, Sentences.thinking(doc.fileName(), step, done, total),
                OptionalLong.of(doc.id()), Optional.of(doc.fileName()), Optional.of(step), done, total,
                plan.fraction(step, done, total), ready(), waiting(), questions());
    }

    static DocumentSleepState documentThinking(SleepPipeline.Plan plan, SleepStep step, int done, int total) {
        DocumentEntry doc = plan.document();
        return new DocumentSleepState(doc.id(), doc.fileName(), DocumentSleepState.Phase.THINKING,
                plan.fraction(step, done, total), Sentences.documentThinking(step, done, total), 0, Optional.empty());
    }

    /** A document's state from its plan, when no step of it runs. */
    static DocumentSleepState document(SleepPipeline.Plan p) {
        DocumentEntry d = p.document();
        if (p.ready()) {
            return new DocumentSleepState(d.id(), d.fileName(), DocumentSleepState.Phase.READY, 1,
                    Sentences.ready(p.questionCount(), 1), p.questionCount(), Optional.empty());
        }
        Optional<SleepStepEntry> failure = p.failure();
        if (failure.isPresent()) {
            String reason = failure.get().message().orElse("a step failed");
            return new DocumentSleepState(d.id(), d.fileName(), DocumentSleepState.Phase.FAILED, 0,
                    Sentences.documentFailed(reason), 0, Optional.of(reason));
        }
        if (p.hasOlder()) {
            return new DocumentSleepState(d.id(), d.fileName(), DocumentSleepState.Phase.STALE, 0,
                    Sentences.documentStale(), 0, Optional.empty());
        }
        return new DocumentSleepState(d.id(), d.fileName(), DocumentSleepState.Phase.WAITING_FOR_IDLE, 0,
                Sentences.documentWaiting(), 0, Optional.empty());
    }

    private SleepTimeStatus status(SleepTimeState state, String sentence) {
        return new SleepTimeStatus(state, sentence, OptionalLong.empty(), Optional.empty(), Optional.empty(), 0, 0, 0,
                ready(), waiting(), questions());
    }

    private int ready() {
        return (int) plans.stream().filter(SleepPipeline.Plan::ready).count();
    }

    private int waiting() {
        return plans.size() - ready();
    }

    private int questions() {
        return plans.stream().mapToInt(SleepPipeline.Plan::questionCount).sum();
    }
}
