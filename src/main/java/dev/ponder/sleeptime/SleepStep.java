package dev.ponder.sleeptime;

/**
 * The steps of sleep-time compute S(c) → c′ for one document, in order. Each is one job, keyed by
 * document and step, stored in {@code sleep_steps}.
 */
public enum SleepStep {
    /** Map: notes on each section (cached by section text hash, model and prompt version). */
    SECTION_NOTES("section-notes", "taking notes on the sections"),
    /** Reduce: the learned context c′ from all section notes, within a token budget. */
    LEARNED_CONTEXT("learned-context", "writing the learned context"),
    /** k parallel generations of M anticipated questions with prepared answers. */
    ANTICIPATED_QUESTIONS("anticipated-questions", "anticipating questions");

    private final String key;
    private final String activity;

    SleepStep(String key, String activity) {
        this.key = key;
        this.activity = activity;
    }

    /** The name stored in the database, e.g. {@code section-notes}. */
    public String key() {
        return key;
    }

    /** What the step does, in words for the status line, e.g. "writing the learned context". */
    public String activity() {
        return activity;
    }
}
