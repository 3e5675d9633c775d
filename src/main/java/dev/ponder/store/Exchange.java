package dev.ponder.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One question and its answer, as stored.
 *
 * @param id               database key (0 before it is stored)
 * @param question         what the user asked
 * @param answer           the answer text (what had streamed so far when stopped or failed)
 * @param mode             how it was answered: {@code baseline}, {@code learned-context} or {@code prepared}
 * @param status           ANSWERED, FAILED or STOPPED
 * @param error            the sentence shown when FAILED
 * @param model            model that answered, empty when none did
 * @param promptTokens     test-time prompt tokens, measured by the server
 * @param completionTokens test-time completion tokens, measured by the server
 * @param firstTokenMs     ms from sending the question to the first answer token, empty when none came
 * @param latencyMs        ms from sending the question to the end of the answer
 * @param scope            ids of the documents asked about (empty = whole library)
 * @param citations        pages the answer was built from
 * @param askedAt          when it was asked
 */
public record Exchange(
        long id,
        String question,
        String answer,
        String mode,
        Status status,
        Optional<String> error,
        Optional<String> model,
        int promptTokens,
        int completionTokens,
        Optional<Long> firstTokenMs,
        long latencyMs,
        List<Long> scope,
        List<Citation> citations,
        Instant askedAt) {

    public enum Status { ANSWERED, FAILED, STOPPED }
}
