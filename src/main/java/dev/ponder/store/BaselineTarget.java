package dev.ponder.store;

import java.util.List;

/**
 * A question whose baseline cost is not measured yet: an anticipated question, or a question the
 * user asked that was not answered the baseline way.
 *
 * @param kind     which of the two
 * @param id       the anticipated question's or the exchange's id
 * @param question its text
 * @param scope    ids of the documents it is about (empty = the whole library)
 */
public record BaselineTarget(Kind kind, long id, String question, List<Long> scope) {

    public BaselineTarget {
        scope = List.copyOf(scope);
    }

    public enum Kind { ANTICIPATED_QUESTION, EXCHANGE }
}
