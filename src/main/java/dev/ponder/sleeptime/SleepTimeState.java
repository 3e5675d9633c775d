package dev.ponder.sleeptime;

/** What sleep-time compute is doing as a whole; {@link SleepTimeStatus#sentence()} says it in words. */
public enum SleepTimeState {
    /** Nothing in the library to think about. */
    NO_DOCUMENTS,
    /** Work is due, but the person is active: "You're active — thinking paused". */
    USER_ACTIVE,
    /** A question is being answered; sleep-time waits (Ollama serves one request at a time). */
    ANSWERING,
    /** The user switched thinking off. */
    PAUSED,
    /** A sleep-time step is running. */
    THINKING,
    /** Every document has its c′ and anticipated questions: "Ready: 10 questions anticipated". */
    READY,
    /** Work is left only in steps that failed and wait to be retried; the sentence says why. */
    RETRY_LATER,
    /** The sleep-time model cannot be reached (Ollama not running, model missing); the sentence says the fix. */
    MODEL_UNAVAILABLE
}
