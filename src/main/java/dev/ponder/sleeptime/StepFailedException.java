package dev.ponder.sleeptime;

/**
 * A sleep-time step that could not finish: the model's answer stayed invalid after one repair, or
 * the server failed. {@link #getMessage()} is the sentence shown for the step; the step is retried later.
 */
final class StepFailedException extends Exception {

    private final boolean invalidAnswer;

    /** The server or the connection failed ({@code cause} says how). */
    StepFailedException(String sentence, Throwable cause) {
        this(sentence, cause, false);
    }

    private StepFailedException(String sentence, Throwable cause, boolean invalidAnswer) {
        super(sentence, cause);
        this.invalidAnswer = invalidAnswer;
    }

    /** The model answered, but not in the form asked for, even after the repair call. */
    static StepFailedException invalidAnswer(String sentence) {
        return new StepFailedException(sentence, null, true);
    }

    boolean invalidAnswer() {
        return invalidAnswer;
    }
}
