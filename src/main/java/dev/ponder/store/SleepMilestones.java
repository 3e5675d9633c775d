package dev.ponder.store;

import java.time.Instant;
import java.util.Optional;

/**
 * When a document's sleep-time results were first stored, for its timeline.
 *
 * @param firstQuestion the first anticipated question stored with its prepared answer
 * @param firstContext    the first learned context c′ stored (any version, a first look included)
 * @param completeContext the first c′ stored that was made from the notes on every section
 */
public record SleepMilestones(Optional<Instant> firstQuestion, Optional<Instant> firstContext,
                              Optional<Instant> completeContext) {
}
