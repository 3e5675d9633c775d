package dev.ponder.sleeptime;

/**
 * A sleep-time step that could not finish: the model's answer stayed invalid after one second try,
 * did not fit its budget, or the server failed. {@link #getMessage()} is the sentence shown for the
 * step; the step is retried later.
 */
final class StepFailedException extends Exception {

    /** Why the step failed. */
    enum Reason {
        /** The server or the connection failed. */
        SERVER,
        /** The model answered, but not in the form asked for, even after the second try. */
        INVALID_ANSWER,
        /** The model's answer was cut off by its budget ({@code done_reason} {@code length}). */
        CUT_OFF
    }

    private final Reason reason;

    /** The server or the connection failed ({@code cause} says how). */
    StepFailedException(String sentence, Throwable cause) {
        this(sentence, cause, Reason.SERVER);
    }

    private StepFailedException(String sentence, Throwable cause, Reason reason) {
        super(sentence, cause);
        this.reason = reason;
    }

    /** The model answered, but not in the form asked for, even after the second try. */
    static StepFailedException invalidAnswer(String sentence) {
        return new StepFailedException(sentence, null, Reason.INVALID_ANSWER);
    }

    /** The model's answer did not fit its budget. */
    static StepFailedException cutOff(String sentence) {
        return new StepFailedException(sentence, null, Reason.CUT_OFF);
    }

    boolean invalidAnswer() {
        return reason == Reason.INVALID_ANSWER;
    }

    boolean cutOff() {
        return reason == Reason.CUT_OFF;
    }

    /** The server or the connection failed: worth trying again as soon as the server answers again. */
    boolean serverFault() {
        return reason == Reason.SERVER && getCause() != null;
    }
}
