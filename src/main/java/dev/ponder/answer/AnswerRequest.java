package dev.ponder.answer;

import java.util.List;
import java.util.Objects;

/**
 * A question as the user asked it.
 *
 * @param question       what the user typed
 * @param scope          ids of the documents asked about; empty = every ready document
 * @param conversationId the conversation it continues; 0 = start a new conversation
 * @param usePrepared    whether a prepared answer may be served; false for "Ask the model", which
 *                       always goes to the model (with c′ when there is one)
 * @param alwaysLearnedContext whether c′ is read even where the raw sections make the shorter
 *                       prompt (a short document). The app reads c′ only where it is shorter; the
 *                       benchmark reads it always, as the paper's test time T(q, c′) does
 *                       (Lin et al. 2025, §3)
 */
public record AnswerRequest(String question, List<Long> scope, long conversationId, boolean usePrepared,
                            boolean alwaysLearnedContext) {

    public AnswerRequest {
        Objects.requireNonNull(question, "question");
        scope = List.copyOf(scope);
    }

    /** A question as the app asks it: c′ read only where it makes the shorter prompt. */
    public AnswerRequest(String question, List<Long> scope, long conversationId, boolean usePrepared) {
        this(question, scope, conversationId, usePrepared, false);
    }

    /** A new question about {@code scope} in a new conversation, a prepared answer allowed. */
    public static AnswerRequest of(String question, List<Long> scope) {
        return new AnswerRequest(question, scope, 0, true);
    }
}
