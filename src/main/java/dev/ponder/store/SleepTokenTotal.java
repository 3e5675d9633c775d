package dev.ponder.store;

/**
 * Measured sleep-time tokens of one document, for one step and model.
 *
 * @param step             the step, e.g. {@code section-notes}
 * @param model            the model
 * @param calls            calls made, whatever their outcome
 * @param promptTokens     sum of Ollama's prompt counts
 * @param completionTokens sum of Ollama's completion counts
 */
public record SleepTokenTotal(String step, String model, int calls, long promptTokens, long completionTokens) {
}
