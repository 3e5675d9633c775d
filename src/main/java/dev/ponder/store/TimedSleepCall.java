package dev.ponder.store;

import java.time.Instant;

/**
 * One recorded sleep-time call with when it was recorded (its end), for a document's sleep-time
 * timeline.
 *
 * @param step             the step, e.g. {@code section-notes}
 * @param outcome          how it ended
 * @param promptTokens     the server's prompt token count; 0 when the call did not finish
 * @param completionTokens the server's completion token count (thinking included); 0 when it did not finish
 * @param durationMs       wall time of the call, ms
 * @param recordedAt       when it was recorded, just after it ended
 */
public record TimedSleepCall(String step, SleepCallEntry.Outcome outcome, int promptTokens, int completionTokens,
                             long durationMs, Instant recordedAt) {
}
