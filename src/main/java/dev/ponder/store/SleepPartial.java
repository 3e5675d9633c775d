package dev.ponder.store;

/**
 * A cached intermediate sleep-time result (a digest of part of a long document's notes, or one
 * generation of anticipated questions), with what its call cost.
 *
 * @param output           the model's answer as stored (JSON)
 * @param promptTokens     prompt tokens of the call, as Ollama measured them
 * @param completionTokens completion tokens of the call, as Ollama measured them
 */
public record SleepPartial(String output, int promptTokens, int completionTokens) {
}
