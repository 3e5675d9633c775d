package dev.ponder.store;

import java.time.Instant;
import java.util.Optional;

/**
 * An answered question as the savings accounting sees it.
 *
 * @param exchangeId     the exchange
 * @param mode           {@code prepared}, {@code learned-context} or {@code baseline}
 * @param testTimeTokens prompt + completion tokens its answer cost, as the server counted them (0 when prepared)
 * @param baselineTokens prompt + completion tokens the same question cost answered the baseline way:
 *                       its own tokens when it was answered so, otherwise the measurement made during
 *                       idle time; empty until measured
 * @param askedAt        when it was asked
 */
public record AskedQuestion(long exchangeId, String mode, int testTimeTokens, Optional<Integer> baselineTokens,
                            Instant askedAt) {
}
