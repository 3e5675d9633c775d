package dev.ponder.sleeptime;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What sleep-time compute is doing, for the status line of the insights panel.
 *
 * @param state                 what it is doing
 * @param sentence              the same in words, e.g. "You're active — thinking paused",
 *                              "Thinking about report.pdf — section 3 of 7", "Ready: 10 questions anticipated"
 * @param documentId            the document being thought about ({@link SleepTimeState#THINKING}), else empty
 * @param documentName          its file name, else empty
 * @param step                  the running step, else empty
 * @param done                  progress within the running step, in its units (sections, parts, generations)
 * @param total                 the step's total in the same units (0 when unknown)
 * @param fraction              how much of the document's sleep-time work is done, 0..1 (0 when not thinking)
 * @param documentsReady        documents whose c′ and anticipated questions are current
 * @param documentsWaiting      documents with sleep-time work due (stale, new, or failed and waiting to retry)
 * @param anticipatedQuestions  anticipated questions of all ready documents
 */
public record SleepTimeStatus(
        SleepTimeState state,
        String sentence,
        OptionalLong documentId,
        Optional<String> documentName,
        Optional<SleepStep> step,
        int done,
        int total,
        double fraction,
        int documentsReady,
        int documentsWaiting,
        int anticipatedQuestions) {
}
