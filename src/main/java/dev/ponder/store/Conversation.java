package dev.ponder.store;

import java.time.Instant;

/**
 * One conversation of the chat pane, as listed to reopen or delete it.
 *
 * @param id            database key
 * @param title         its first question, shortened to one line (at most 80 characters)
 * @param createdAt     when its first question was asked
 * @param exchangeCount questions asked in it, answered, failed or stopped
 * @param lastAskedAt   when its latest question was asked ({@code createdAt} when it has none)
 */
public record Conversation(long id, String title, Instant createdAt, int exchangeCount, Instant lastAskedAt) {
}
