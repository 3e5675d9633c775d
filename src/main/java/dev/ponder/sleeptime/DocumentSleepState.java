package dev.ponder.sleeptime;

import java.util.Optional;

/**
 * Where sleep-time compute stands for one document: the sleep-time half of the document status
 * state machine (… → waiting for idle → thinking (n %) → ready / stale / failed (reason)).
 *
 * @param documentId           the document
 * @param fileName             its file name
 * @param phase                where it stands
 * @param fraction             how much of its sleep-time work is done, 0..1
 * @param sentence             the same in words, e.g. "Thinking — section 3 of 7", "Ready: 10 questions anticipated"
 * @param anticipatedQuestions anticipated questions of its current set (0 until ready)
 * @param failure              the reason, when {@link Phase#FAILED}
 */
public record DocumentSleepState(long documentId, String fileName, Phase phase, double fraction, String sentence,
                                 int anticipatedQuestions, Optional<String> failure) {

    /** A document's sleep-time phase. */
    public enum Phase {
        /** Never thought about yet; waits for the person to be away. */
        WAITING_FOR_IDLE,
        /** A sleep-time step for it is running. */
        THINKING,
        /** c′ and anticipated questions are current. */
        READY,
        /** Its content, the sleep-time model or a prompt changed since its c′ was made; re-thought at the next idle time. */
        STALE,
        /** A step failed; retried later. */
        FAILED
    }
}
