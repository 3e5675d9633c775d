package dev.ponder.sleeptime;

import java.util.List;

/**
 * One step of the sleep-time pipeline, in one class: what it is called ({@link SleepStep}), its share
 * of a document's work, the prompts it sends (each with the JSON shape its answers must have, sent
 * as a schema), what else its result depends on, and how it runs and stores its result. Adding a
 * step means writing one class and naming it in {@link SleepPipeline}'s list.
 * <p>
 * The step's input key ({@link SleepKeys}) is a hash of its name, the key of the step before it,
 * its prompts' versions and its {@link #inputs}: when any of them changes, the step is due again.
 */
interface Step extends SleepStep {

    /** Share of a document's sleep-time work, 0..1, for the progress bar; a pipeline's steps add up to 1. */
    double weight();

    /** The system prompts this step sends, with their examples rendered from its shapes. */
    List<SleepPrompts.Template> prompts();

    /**
     * What the step's result depends on besides the key of the step before it and its prompts,
     * e.g. the section hashes and the model, or k and M.
     */
    List<String> inputs(StepInputs in);

    /**
     * Runs the step for {@link StepRun#key()}: calls the model as needed, stores the result and
     * marks the step DONE for that key (in the transaction that stores the result where it is
     * one), so a crash leaves both or neither.
     *
     * @return how many model calls it made (0: everything it needed was stored already)
     * @throws StepCancelledException when the person came back (the step is redone later)
     * @throws StepFailedException    with the sentence for the person when it could not finish
     * @throws StepYieldedException   when a step that {@link #takesTurns()} ended its turn ({@link StepRun#turn()})
     */
    int run(StepRun run) throws StepCancelledException, StepFailedException, StepYieldedException;

    /**
     * Whether this step is a document's long tail, done in turns with the other documents' work
     * (and after their cheaper steps), rather than a short step that finishes a document.
     */
    default boolean takesTurns() {
        return false;
    }

    /**
     * Whether this step runs again while the long tail before it is still going on, from what that
     * step has stored so far, once {@link NotesStage} says there is enough of it (c′ and the
     * anticipated questions are refreshed as notes come in).
     */
    default boolean refreshesDuringLongTail() {
        return false;
    }

    /**
     * Whether the steps after this one read its result, so its key is part of theirs ({@link SleepKeys}).
     * A first look the later steps replace does not: changing what it reads redoes it alone.
     */
    default boolean feedsNext() {
        return true;
    }

    /**
     * Whether the document needs this step at all now; a step it does not need counts as done.
     *
     * @param in            the document's inputs now
     * @param usableContext whether test time already has a c′ of the document's current content
     *                      that this step did not write
     */
    default boolean wanted(StepInputs in, boolean usableContext) {
        return true;
    }

    /** Anticipated questions this step stored for {@code key} (0 for a step that stores none). */
    default int questionsStored(long documentId, String key) {
        return 0;
    }
}
