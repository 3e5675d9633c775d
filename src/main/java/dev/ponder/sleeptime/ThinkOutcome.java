package dev.ponder.sleeptime;

import java.util.Optional;

/**
 * How "think about this document now" ended.
 *
 * @param documentId  the document
 * @param stepsRun    steps that called the model in this run (0 on an unchanged, already thought-about document)
 * @param stepsReused steps whose stored results were still current (or were rebuilt from cached notes and parts)
 * @param failure     the sentence of the step that failed, or empty when the document is ready
 */
public record ThinkOutcome(long documentId, int stepsRun, int stepsReused, Optional<String> failure) {

    public boolean ready() {
        return failure.isEmpty();
    }
}
