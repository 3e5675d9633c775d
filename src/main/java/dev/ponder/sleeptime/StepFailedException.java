package dev.ponder.sleeptime;

/**
 * A sleep-time step that could not finish: the model's answer stayed invalid after one repair, or
 * the server failed. {@link #getMessage()} is the sentence shown for the step; the step is retried later.
 */
final class StepFailedException extends Exception {
    StepFailedException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
