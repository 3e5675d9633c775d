package dev.ponder.sleeptime;

import dev.ponder.llm.LanguageModel;
import dev.ponder.store.DocumentEntry;

/**
 * One run of one step for one document.
 *
 * @param scope    the document, the step and the preemption that cancels it
 * @param model    the sleep-time model
 * @param document the document
 * @param keys     the input keys of every step of the document now
 * @param k        parallel generations of anticipated questions
 * @param m        anticipated questions per generation
 * @param language the asker's language (ISO 639-1) c′ and the anticipated questions are written in,
 *                 the one the keys were made with
 * @param progress hears how far the step got
 * @param turn     whether a step that takes turns should stop after its current call
 */
record StepRun(SleepCalls.Scope scope, LanguageModel model, DocumentEntry document, SleepKeys keys, int k, int m,
               String language, StepProgress progress, Turn turn) {

    /** The input key this run is for. */
    String key() {
        return keys.of(scope.step());
    }
}
