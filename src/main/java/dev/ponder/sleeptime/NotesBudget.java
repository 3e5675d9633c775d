package dev.ponder.sleeptime;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer budget of a section-notes call (Ollama's {@code num_predict}), sized from what this
 * sleep-time model really wrote for earlier sections rather than fixed (issue 14, item 3). Each
 * stored section's share of its call's completion tokens ({@code section_notes.completion_tokens},
 * Ollama's {@code eval_count}) is a measurement; the budget per section is {@value #HEADROOM}× the
 * 90th percentile of the newest {@value #SAMPLES} of them, within
 * [{@value #FLOOR_PER_SECTION}, {@value #CEILING_PER_SECTION}] tokens. With fewer than
 * {@value #MIN_SAMPLES} measurements (a model that never took notes here) it is
 * {@value #DEFAULT_PER_SECTION}, the fixed budget Ponder used before.
 *
 * <p>Why it saves tokens: the budget of a whole batch is held free in the model's context, so a
 * smaller one leaves room for more quoted text per call on a small-context model, and the system
 * prompt is paid once for more sections; a model that runs on (repeating itself, as small models
 * do) is stopped sooner. An answer cut off anyway is handled as before: the batch is asked for in
 * halves, and a single section is given the ceiling.
 */
final class NotesBudget {

    /** Before any measurement: the fixed per-section budget of earlier versions (up to 12 short notes in JSON). */
    static final int DEFAULT_PER_SECTION = 500;
    /**
     * Never more per section: {@link SectionNotesStep#MAX_NOTES} notes of up to 30 words, about 40
     * tokens of text each in Llama-family tokenizers (about 1.3 tokens a word) and 15 of JSON around
     * it, plus the section's id: 12 × 55 + 40.
     */
    static final int CEILING_PER_SECTION = 700;
    /** Never less per section: room for a few notes, so a section with more to say than the last ones is not cut off. */
    static final int FLOOR_PER_SECTION = 200;
    /** Over the 90th percentile of what the model wrote: half again, for sections denser than most. */
    static final double HEADROOM = 1.5;
    /** Measurements needed before they are trusted: two full calls' sections. */
    static final int MIN_SAMPLES = 2 * SectionNotesStep.MAX_SECTIONS_PER_CALL;
    /** Newest measurements read: the model's recent behaviour, not its history. */
    static final int SAMPLES = 200;
    /** Tokens of JSON around the sections of a batch ({@code {"sections": [...]}}). */
    static final int BATCH_JSON_TOKENS = 60;

    private final List<Integer> measured;

    /** @param measured completion tokens per section of earlier calls of this model, newest first */
    NotesBudget(List<Integer> measured) {
        this.measured = new ArrayList<>(measured);
    }

    /** Adds a call's measurement: {@code completionTokens} written for {@code sections} sections. */
    void observe(int completionTokens, int sections) {
        if (completionTokens > 0 && sections > 0) {
            for (int i = 0; i < sections; i++) {
                measured.add(0, completionTokens / sections);
            }
        }
    }

    /** Tokens per section: the rule above. */
    int perSection() {
        if (measured.size() < MIN_SAMPLES) {
            return DEFAULT_PER_SECTION;
        }
        List<Integer> recent = new ArrayList<>(measured.subList(0, Math.min(SAMPLES, measured.size())));
        recent.sort(null);
        int p90 = recent.get((int) Math.ceil(0.9 * recent.size()) - 1);
        return Math.max(FLOOR_PER_SECTION, Math.min(CEILING_PER_SECTION, (int) Math.ceil(HEADROOM * p90)));
    }

    /**
     * The answer budget of a call on {@code sections} sections (or parts), in tokens; a single one
     * gets the ceiling, so that a section is never cut off by a budget measured on shorter ones.
     */
    int forBatch(int sections) {
        int per = sections == 1 ? Math.max(perSection(), CEILING_PER_SECTION) : perSection();
        return per * sections + BATCH_JSON_TOKENS;
    }
}
