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
 * @param conversationId   the conversation it belongs to; 0 before it is stored means "start a new one"
 * @param predictability   query predictability: cosine similarity (−1..1) of the question to the nearest
 *                         anticipated question of the documents asked about; empty when none had any
 * @param anticipatedQuestionId for a prepared answer, the anticipated question whose answer was served
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
        Instant askedAt,
        long conversationId,
        Optional<Double> predictability,
        Optional<Long> anticipatedQuestionId) {

    /** Mode of an answer made from the raw sections alone, without c′ ("not prepared yet"). */
    public static final String MODE_BASELINE = "baseline";
    /** Mode of an answer streamed from c′ plus the most relevant sections. */
    public static final String MODE_LEARNED_CONTEXT = "learned-context";
    /** Mode of a prepared answer, served with 0 test-time tokens. */
    public static final String MODE_PREPARED = "prepared";
    /**
     * Mode of an answer made the baseline way although the documents have a c′: their raw sections
     * made a shorter prompt than c′ (a short document), so the answer cost what the baseline costs.
     */
    public static final String MODE_RAW_CONTEXT = "raw-context";

    /** Whether an answer of {@code mode} read the raw sections alone, so that its cost is the baseline's. */
    public static boolean readsRawContext(String mode) {
        return MODE_BASELINE.equals(mode) || MODE_RAW_CONTEXT.equals(mode);
    }

    public enum Status { ANSWERED, FAILED, STOPPED }

    /** An exchange outside any conversation yet, with no predictability (the walking skeleton's shape). */
    public Exchange(long id, String question, String answer, String mode, Status status, Optional<String> error,
                    Optional<String> model, int promptTokens, int completionTokens, Optional<Long> firstTokenMs,
                    long latencyMs, List<Long> scope, List<Citation> citations, Instant askedAt) {
        this(id, question, answer, mode, status, error, model, promptTokens, completionTokens, firstTokenMs, latencyMs,
                scope, citations, askedAt, 0, Optional.empty(), Optional.empty());
    }

    /** Test-time tokens of this answer: prompt plus completion, as the server counted them (0 for a prepared answer). */
    public int testTimeTokens() {
        return promptTokens + completionTokens;
    }

    /** The same exchange as stored under {@code id} in conversation {@code conversationId}. */
    public Exchange stored(long id, long conversationId) {
        return new Exchange(id, question, answer, mode, status, error, model, promptTokens, completionTokens,
                firstTokenMs, latencyMs, scope, citations, askedAt, conversationId, predictability,
                anticipatedQuestionId);
    }

    /** The same exchange citing {@code cited} instead. */
    public Exchange withCitations(List<Citation> cited) {
        return new Exchange(id, question, answer, mode, status, error, model, promptTokens, completionTokens,
                firstTokenMs, latencyMs, scope, cited, askedAt, conversationId, predictability, anticipatedQuestionId);
    }
}
